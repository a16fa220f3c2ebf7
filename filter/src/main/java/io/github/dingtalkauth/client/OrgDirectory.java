package io.github.dingtalkauth.client;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The organization's directory on oapi, read with the app token: is this account a member, and the employee's
 * profile. oapi answers HTTP 200 even on failure, with an {@code errcode}. When DingTalk says the app token is no
 * longer valid, the token is dropped from the cache and the call is made once more with a fresh one.
 */
public final class OrgDirectory {
    static final String GET_BY_UNION_ID = "/topapi/user/getbyunionid";
    static final String USER_GET = "/topapi/v2/user/get";
    static final String IN_APP_USER = "/topapi/v2/user/getuserinfo";
    public static final String IN_APP_STEP = "getuserinfo";
    static final String MEMBERSHIP_STEP = "getbyunionid";
    static final String EMPLOYEE_STEP = "user_get";

    static final long NOT_FOUND = 60121;
    static final Set<Long> OUTSIDE_APP_SCOPE = Set.of(50002L, 50004L);
    /** Authentication failures: {@code errcode} 88 with {@code sub_code} 40014, or the older 40001 and 42001. */
    static final Set<Long> TOKEN_REJECTED = Set.of(40001L, 42001L);
    static final long AUTH_FAILED = 88;
    static final String INVALID_TOKEN_SUB_CODE = "40014";

    private static final JsonProvider JSON = JsonProvider.provider();

    private final URI oapiBaseUrl;
    private final AppTokenCache tokens;
    private final OapiTransport transport;

    public OrgDirectory(URI oapiBaseUrl, AppTokenCache tokens, OapiTransport transport) {
        this.oapiBaseUrl = oapiBaseUrl;
        this.tokens = tokens;
        this.transport = transport;
    }

    /** Where {@code unionId} stands in the app's organization; DingTalk's other refusals are exceptions. */
    public Membership membership(String unionId, Deadline deadline) throws DingTalkApiException {
        JsonObject body = JSON.createObjectBuilder().add("unionid", unionId).build();
        JsonObject answer = call(MEMBERSHIP_STEP, GET_BY_UNION_ID, body, deadline);
        long errcode = OapiValues.errcode(answer, MEMBERSHIP_STEP);
        if (errcode == NOT_FOUND) {
            return Membership.of(Membership.Status.NOT_FOUND);
        }
        if (OUTSIDE_APP_SCOPE.contains(errcode)) {
            return Membership.of(Membership.Status.OUTSIDE_APP_SCOPE);
        }
        JsonObject result = success(MEMBERSHIP_STEP, answer, errcode);
        Long contactType = OapiValues.number(result, "contact_type", MEMBERSHIP_STEP);
        if (contactType == null) {
            // Fail closed: without contact_type an external contact would look like an employee.
            throw OapiValues.invalid(MEMBERSHIP_STEP, "contact_type missing");
        }
        if (contactType == 1) {
            return Membership.of(Membership.Status.EXTERNAL_CONTACT);
        }
        if (contactType != 0) {
            throw OapiValues.invalid(MEMBERSHIP_STEP, "contact_type unknown");
        }
        String userId = OapiValues.id(result, "userid", MEMBERSHIP_STEP);
        if (userId == null) {
            throw OapiValues.invalid(MEMBERSHIP_STEP, "userid missing");
        }
        return Membership.member(userId);
    }

    /**
     * Who an in-app code (免登码) from DingTalk's client stands for (protocol §6.4), redeemed once: the call is made
     * again only when DingTalk refused the app token, before it looked at the code. The answer names no organization
     * (it is the app token's) and no openId.
     */
    public DingTalkProfile inAppUser(String code, Deadline deadline) throws DingTalkApiException {
        JsonObject body = JSON.createObjectBuilder().add("code", code).build();
        JsonObject answer = call(IN_APP_STEP, IN_APP_USER, body, deadline);
        JsonObject result = success(IN_APP_STEP, answer, OapiValues.errcode(answer, IN_APP_STEP));
        String unionId = OapiValues.id(result, "unionid", IN_APP_STEP);
        if (unionId == null) {
            throw OapiValues.invalid(IN_APP_STEP, "unionid missing");
        }
        return new DingTalkProfile(unionId, null, OapiValues.string(result, "name", 256, IN_APP_STEP), null, null,
                null, null);
    }

    /** The employee's profile in {@code language} ({@code zh_CN} or {@code en_US}). */
    public Employee employee(String userId, String language, Deadline deadline) throws DingTalkApiException {
        JsonObject body = JSON.createObjectBuilder().add("userid", userId).add("language", language).build();
        JsonObject answer = call(EMPLOYEE_STEP, USER_GET, body, deadline);
        JsonObject result = success(EMPLOYEE_STEP, answer, OapiValues.errcode(answer, EMPLOYEE_STEP));
        return EmployeeReader.read(result, userId, EMPLOYEE_STEP);
    }

    /**
     * Whether a failed {@link #employee} call means the person is not there: not found (60121, e.g. left between
     * the two calls) or outside the app's visible range (50002, 50004).
     */
    public static Optional<Membership.Status> absence(DingTalkApiException e) {
        if (e.kind() != Kind.ERROR_STATUS || e.status() != 200 || e.providerCode() == null) {
            return Optional.empty();
        }
        String code = e.providerCode();
        if (code.equals(Long.toString(NOT_FOUND))) {
            return Optional.of(Membership.Status.NOT_FOUND);
        }
        return OUTSIDE_APP_SCOPE.stream().anyMatch(c -> code.equals(Long.toString(c)))
                ? Optional.of(Membership.Status.OUTSIDE_APP_SCOPE) : Optional.empty();
    }

    private JsonObject call(String step, String path, JsonObject body, Deadline deadline)
            throws DingTalkApiException {
        String token = tokens.get(deadline);
        JsonObject answer = transport.post(uri(path, token), body, step, deadline);
        if (!tokenRejected(answer, step)) {
            return answer;
        }
        tokens.invalidate(token);
        String fresh = tokens.get(deadline);
        return transport.post(uri(path, fresh), body, step, deadline);
    }

    private static boolean tokenRejected(JsonObject answer, String step) throws DingTalkApiException {
        long errcode = OapiValues.errcode(answer, step);
        return TOKEN_REJECTED.contains(errcode)
                || errcode == AUTH_FAILED && INVALID_TOKEN_SUB_CODE.equals(OapiValues.subCode(answer, step));
    }

    /** The {@code result} of a successful answer; any other {@code errcode} fails with that code. */
    private static JsonObject success(String step, JsonObject answer, long errcode) throws DingTalkApiException {
        if (errcode != 0) {
            String subCode = OapiValues.subCode(answer, step);
            throw new DingTalkApiException(Kind.ERROR_STATUS, step, 200, Long.toString(errcode),
                    OapiValues.requestId(answer), subCode == null ? null : "sub_code " + subCode);
        }
        return OapiValues.object(answer, "result", step);
    }

    private URI uri(String path, String token) {
        return URI.create(oapiBaseUrl + path + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "OrgDirectory[" + oapiBaseUrl + "]";
    }
}
