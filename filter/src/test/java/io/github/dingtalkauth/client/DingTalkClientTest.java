package io.github.dingtalkauth.client;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.emulator.junit.DingTalkEmulatorExtension;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.TestDingTalk;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The back channel over real HTTP against the DingTalk emulator on 127.0.0.1: its real answers where DingTalk
 * behaves, its faults where it must not.
 */
class DingTalkClientTest {
    static final String APP_ID = "dingappkey123";
    static final String SECRET = "CANARY-SECRET-7f3a";
    static final String CODE = "CANARY-CODE-1";
    static final String TOKEN = "CANARY-AT-1";
    static final String JSON = "application/json;charset=utf-8";
    static final String HTML = "text/html;charset=utf-8";
    static final String TOKEN_OK =
            "{\"accessToken\":\"" + TOKEN + "\",\"refreshToken\":\"CANARY-RT-1\",\"expireIn\":7200}";
    /** The account behind every code: DingTalk's documented example profile. */
    static final EmulatorUser ZHANGSAN = new EmulatorUser("zhangsan", "z21HjQliSzpw0Yxxxx", "123", "zhangsan",
            "https://img.example/a.png", "zhangsan@example.com", "150xxxx9144", "86", "dingcorp1", false);

    @RegisterExtension
    final DingTalkEmulatorExtension emulator = TestDingTalk.extension(List.of(ZHANGSAN));

    DingTalkEmulator dingtalk;
    BackChannel channel;
    DingTalkClient client;

    @BeforeEach
    void start() {
        dingtalk = emulator.emulator();
        dingtalk.registerRedirectUri("https://app.example.com/dingtalk/callback");
        channel = new BackChannel(Duration.ofSeconds(2));
        client = new DingTalkClient(URI.create(dingtalk.apiBaseUrl()), APP_ID, SECRET, channel);
    }

    @AfterEach
    void stop() {
        channel.close();
    }

    static Deadline in(Duration duration) {
        return Deadline.in(duration);
    }

    static Deadline soon() {
        return in(Duration.ofSeconds(5));
    }

    /** A code from the emulator's consent page, approved by zhangsan for {@code scope}. */
    String approvedCode(String scope) {
        String authorize = "https://login.dingtalk.com/oauth2/auth?redirect_uri="
                + "https%3A%2F%2Fapp.example.com%2Fdingtalk%2Fcallback&response_type=code&client_id=" + APP_ID
                + "&scope=" + scope.replace(" ", "%20") + "&state=s&prompt=consent";
        return FilterFixture.query(dingtalk.approve(authorize, "zhangsan")).get("code");
    }

    /** Redeems {@link #CODE}: DingTalk's answer comes from the fault a test set. */
    AccessGrant exchange() throws DingTalkApiException {
        return client.exchangeCode(CODE, soon());
    }

    /** Reads the profile with {@link #TOKEN}: DingTalk's answer comes from the fault a test set. */
    DingTalkProfile profile() throws DingTalkApiException {
        return client.fetchProfile(new AccessGrant(TOKEN, null), soon());
    }

    /** Every call to this endpoint answers with exactly this status, JSON content type and body. */
    void answer(Endpoint endpoint, int status, String body) {
        dingtalk.setFault(endpoint, Fault.status(status, JSON, body));
    }

    RecordedRequest only(Endpoint endpoint) {
        List<RecordedRequest> requests = dingtalk.requests(endpoint);
        assertEquals(1, requests.size(), requests::toString);
        return requests.get(0);
    }

    static JsonObject json(RecordedRequest request) {
        try (JsonReader reader = Json.createReader(new StringReader(request.body()))) {
            return reader.readObject();
        }
    }

    /** Asserts the call fails with this kind and that its message, which goes to the log, leaks no canary. */
    static DingTalkApiException fails(Kind kind, Executable call) {
        DingTalkApiException e = assertThrows(DingTalkApiException.class, call);
        assertEquals(kind, e.kind(), e::getMessage);
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
        assertFalse(String.valueOf(e.providerCode()).contains("CANARY"), e::getMessage);
        return e;
    }

    // ---------------------------------------------------------------------------------------------------- success

    @Test
    void tokenRequestIsAJsonPostWithExactlyTheFourDocumentedFields() throws Exception {
        String code = approvedCode("openid");
        client.exchangeCode(code, soon());
        RecordedRequest request = only(Endpoint.TOKEN);
        JsonObject body = json(request);
        assertAll(
                () -> assertEquals("POST", request.method()),
                () -> assertEquals(List.of("application/json"), request.headers().get("content-type")),
                () -> assertEquals(Set.of("clientId", "clientSecret", "code", "grantType"), body.keySet()),
                () -> assertEquals(APP_ID, body.getString("clientId")),
                () -> assertEquals(SECRET, body.getString("clientSecret")),
                () -> assertEquals(code, body.getString("code")),
                () -> assertEquals("authorization_code", body.getString("grantType")),
                () -> assertEquals("", request.query(), "nothing secret in the URL"),
                () -> assertEquals(Endpoint.TOKEN.path(), request.path()),
                () -> assertTrue(request.header("Authorization").isEmpty()));
    }

    @Test
    void codeIsSerialisedAsJsonNotConcatenated() throws Exception {
        answer(Endpoint.TOKEN, 200, TOKEN_OK);
        client.exchangeCode("x\",\"clientId\":\"other", soon());
        JsonObject body = json(only(Endpoint.TOKEN));
        assertEquals(APP_ID, body.getString("clientId"));
        assertEquals("x\",\"clientId\":\"other", body.getString("code"));
    }

    @Test
    void tokenAnswerGivesTheAccessTokenAndCorpId() throws Exception {
        AccessGrant grant = client.exchangeCode(approvedCode("openid corpid"), soon());
        assertEquals(TOKEN, grant.accessToken());
        assertEquals("dingcorp1", grant.corpId());
        assertFalse(grant.toString().contains(TOKEN), grant::toString);
    }

    @Test
    void profileIsReadWithTheDingTalkHeaderNotAuthorization() throws Exception {
        AccessGrant grant = client.exchangeCode(approvedCode("openid corpid"), soon());
        client.fetchProfile(grant, soon());
        RecordedRequest request = only(Endpoint.PROFILE);
        assertEquals("GET", request.method());
        assertEquals(List.of(TOKEN), request.headers().get("x-acs-dingtalk-access-token"));
        assertTrue(request.header("Authorization").isEmpty());
        assertEquals("", request.query());
    }

    @Test
    void profileHoldsEveryDocumentedField() throws Exception {
        AccessGrant grant = client.exchangeCode(approvedCode("openid"), soon());
        DingTalkProfile p = client.fetchProfile(grant, soon());
        assertEquals(new DingTalkProfile("z21HjQliSzpw0Yxxxx", "123", "zhangsan", "https://img.example/a.png",
                "zhangsan@example.com", "150xxxx9144", "86"), p);
        assertFalse(p.toString().contains("150xxxx9144"), p::toString);
    }

    @Test
    void profileWithOnlyAUnionIdIsEnough() throws Exception {
        dingtalk.setFault(Endpoint.PROFILE, Fault.profileBody("{\"unionId\":\"u1\",\"email\":\"\",\"nick\":null}"));
        DingTalkProfile p = profile();
        assertEquals("u1", p.unionId());
        assertNull(p.email());
        assertNull(p.nick());
    }

    @Test
    void chineseTextInTheProfileIsDecodedAsUtf8() throws Exception {
        dingtalk.setFault(Endpoint.PROFILE, Fault.profileBody("{\"unionId\":\"u1\",\"nick\":\"张三\"}"));
        assertEquals("张三", profile().nick());
    }

    // ------------------------------------------------------------------------------------------ documented errors

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of(400, "{\"code\":\"invalidCode\",\"requestid\":\"30EE8654-A\","
                                + "\"message\":\"不合法的临时授权码\"}",
                        "invalidCode", "30EE8654-A"),
                Arguments.of(400, "{\"code\":\"invalidClientIdOrSecret\","
                                + "\"message\":\"无效的clientId或者clientSecret\"}",
                        "invalidClientIdOrSecret", null),
                Arguments.of(403, "{\"code\":\"Forbidden.AccessDenied.AccessTokenPermissionDenied\","
                                + "\"message\":\"没有调用该接口的权限\","
                                + "\"accessdenieddetail\":{\"requiredScopes\":[\"Contact.User.Read\"]}}",
                        "Forbidden.AccessDenied.AccessTokenPermissionDenied", null),
                Arguments.of(403, "{\"code\":\"Forbidden.AccessDenied.QpsLimitForApi\",\"requestid\":\"R2\"}",
                        "Forbidden.AccessDenied.QpsLimitForApi", "R2"),
                Arguments.of(503, "{\"status\":1111,\"wait\":5}", "status_1111", null),
                Arguments.of(400, "{\"code\":\"bad code with spaces\\r\\nand CR/LF\"}", "unprintable", null));
    }

    @ParameterizedTest
    @MethodSource("documentedErrors")
    void tokenErrorBodyGivesErrorStatusWithTheProviderCode(int status, String body, String code, String requestId) {
        answer(Endpoint.TOKEN, status, body);
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::exchange);
        assertEquals(status, e.status());
        assertEquals(code, e.providerCode());
        assertEquals(requestId, e.requestId());
        assertEquals("token", e.step());
    }

    @ParameterizedTest
    @MethodSource("documentedErrors")
    void profileErrorBodyGivesErrorStatusWithTheProviderCode(int status, String body, String code, String requestId) {
        answer(Endpoint.PROFILE, status, body);
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::profile);
        assertEquals(code, e.providerCode());
        assertEquals("profile", e.step());
    }

    @Test
    void providerMessageIsNeverCopiedIntoTheException() {
        answer(Endpoint.TOKEN, 400, "{\"code\":\"invalidCode\",\"message\":\"code " + CODE + " and " + SECRET
                + " are wrong\"}");
        fails(Kind.ERROR_STATUS, this::exchange);
    }

    @Test
    void htmlErrorPageGivesErrorStatus() {
        dingtalk.setFault(Endpoint.TOKEN, Fault.status(500, HTML, "<html><body>Internal error " + SECRET
                + "</body></html>"));
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::exchange);
        assertEquals(500, e.status());
        assertNull(e.providerCode());
    }

    @Test
    void ipBlockedAnswerWithStatus200IsAnErrorStatusNotASuccess() {
        dingtalk.setFault(Endpoint.TOKEN, Fault.ipBlocked());
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::exchange);
        assertEquals("status_1111", e.providerCode());
    }

    @Test
    void htmlPageWithStatus200IsAnInvalidResponse() {
        dingtalk.setFault(Endpoint.TOKEN, Fault.status(200, HTML, "<html><body>您的访问过于频繁</body></html>"));
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @Test
    void jsonWithTheWrongContentTypeIsAnInvalidResponse() {
        dingtalk.setFault(Endpoint.TOKEN, Fault.status(200, "text/plain", TOKEN_OK));
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    // ---------------------------------------------------------------------------------------------- hostile JSON

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"accessToken\":\"CANARY-AT-1\"",
        "",
        "null",
        "[]",
        "\"str\"",
        "{\"accessToken\":123}",
        "{\"accessToken\":null}",
        "{\"accessToken\":\"\"}",
        "{\"accessToken\":{\"a\":1}}",
        "{\"expireIn\":7200}",
        "{\"accessToken\":\"CANARY-AT-1\",\"accessToken\":\"CANARY-AT-2\"}",
        "{\"accessToken\":\"CANARY-AT-1\\r\\nX-Evil: 1\"}",
        "{\"accessToken\":\"CANARY AT 1\"}",
        "{\"accessToken\":\"CANARY-AT-\u00e9\"}",
        "{\"accessToken\":\"CANARY-AT-1\",\"corpId\":\"../../x\"}",
        "{\"accessToken\":\"CANARY-AT-1\",\"corpId\":7}",
    })
    void malformedTokenAnswerIsAnInvalidResponse(String body) {
        answer(Endpoint.TOKEN, 200, body);
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @Test
    void overlongAccessTokenIsRefused() {
        answer(Endpoint.TOKEN, 200, "{\"accessToken\":\"" + "A".repeat(3000) + "\"}");
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @Test
    void deepNestingIsRefusedWithoutBlowingTheStack() {
        int depth = 10_000;
        String body = "{\"accessToken\":\"" + TOKEN + "\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        answer(Endpoint.TOKEN, 200, body);
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @Test
    void invalidUtf8IsAnInvalidResponse() {
        byte[] bytes = "{\"accessToken\":\"A\u00C3(\"}".getBytes(StandardCharsets.ISO_8859_1);
        dingtalk.setFault(Endpoint.TOKEN, Fault.statusBytes(200, "application/json", bytes));
        fails(Kind.INVALID_RESPONSE, this::exchange);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"nick\":\"x\"}",
        "{\"unionId\":null}",
        "{\"unionId\":\"\"}",
        "{\"unionId\":123}",
        "{\"unionId\":[\"u1\"]}",
        "{\"unionId\":\"../../x\"}",
        "{\"unionId\":\"a\\u0000b\"}",
        "{\"unionId\":\"victim\",\"unionId\":\"attacker\"}",
        "{\"unionId\":\"u1\",\"openId\":\"a b\"}",
        "{\"unionId\":\"u1\",\"nick\":42}",
    })
    void malformedProfileIsAnInvalidResponse(String body) {
        answer(Endpoint.PROFILE, 200, body);
        fails(Kind.INVALID_RESPONSE, this::profile);
    }

    @Test
    void overlongUnionIdIsRefused() {
        answer(Endpoint.PROFILE, 200, "{\"unionId\":\"" + "u".repeat(10 * 1024) + "\"}");
        fails(Kind.INVALID_RESPONSE, this::profile);
    }

    @Test
    void overlongNickIsRefused() {
        answer(Endpoint.PROFILE, 200, "{\"unionId\":\"u1\",\"nick\":\"" + "n".repeat(257) + "\"}");
        fails(Kind.INVALID_RESPONSE, this::profile);
    }

    // ------------------------------------------------------------------------------------------------- redirects

    /** Every request the emulator received, by path: proof that a redirect was not followed, nor the call retried. */
    List<String> paths() {
        return dingtalk.requests().stream().map(RecordedRequest::path).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void tokenRedirectIsNotFollowed(int status) {
        dingtalk.setFault(Endpoint.TOKEN, Fault.redirect(status, dingtalk.baseUrl() + "/steal"));
        fails(Kind.INVALID_RESPONSE, this::exchange);
        assertEquals(List.of(Endpoint.TOKEN.path()), paths(), "followed or retried");
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307})
    void profileRedirectIsNotFollowed(int status) {
        dingtalk.setFault(Endpoint.PROFILE, Fault.redirect(status, dingtalk.baseUrl() + "/steal"));
        fails(Kind.INVALID_RESPONSE, this::profile);
        assertEquals(List.of(Endpoint.PROFILE.path()), paths(), "followed");
    }

    // --------------------------------------------------------------------------------------------- size and time

    /** The emulator saw the client hang up on an answer it was still writing, within five seconds. */
    void awaitAbandonedAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dingtalk.stats().abandonedAnswers() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, dingtalk.stats().abandonedAnswers(), "the server could write the whole body");
    }

    @Test
    void announcedBodyOverTheCapIsRefusedAndTheConnectionClosed() throws Exception {
        dingtalk.setFault(Endpoint.TOKEN, Fault.hugeBody(10 * 1024 * 1024));
        fails(Kind.INVALID_RESPONSE, this::exchange);
        awaitAbandonedAnswer();
    }

    @Test
    void streamedBodyOverTheCapIsRefusedAndTheConnectionClosed() throws Exception {
        dingtalk.setFault(Endpoint.TOKEN, Fault.hugeChunkedBody(10 * 1024 * 1024));
        fails(Kind.INVALID_RESPONSE, this::exchange);
        awaitAbandonedAnswer();
    }

    @Test
    void bodyJustUnderTheCapIsRead() throws Exception {
        String padding = "p".repeat(BackChannel.MAX_BODY - TOKEN_OK.length() - 20);
        answer(Endpoint.TOKEN, 200, TOKEN_OK.replace("}", ",\"padding\":\"" + padding + "\"}"));
        assertEquals(TOKEN, exchange().accessToken());
    }

    @Test
    void slowHeadersPastTheDeadlineAreATimeout() {
        dingtalk.setFault(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(20)));
        long start = System.nanoTime();
        fails(Kind.TIMEOUT, () -> client.exchangeCode(CODE, in(Duration.ofSeconds(1))));
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(3)) < 0, () -> "took " + elapsed(start));
    }

    @Test
    void bodyTricklingPastTheDeadlineIsATimeout() {
        dingtalk.setFault(Endpoint.TOKEN, Fault.dripBody(Duration.ofMillis(100))); // headers at once, then ~10 s
        long start = System.nanoTime();
        fails(Kind.TIMEOUT, () -> client.exchangeCode(CODE, in(Duration.ofSeconds(1))));
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(3)) < 0, () -> "took " + elapsed(start));
    }

    @Test
    void profileSharesTheDeadlineOfTheCallback() {
        dingtalk.setFault(Endpoint.PROFILE, Fault.delay(Duration.ofSeconds(20)));
        long start = System.nanoTime();
        fails(Kind.TIMEOUT, () -> client.fetchProfile(new AccessGrant(TOKEN, null), in(Duration.ofSeconds(1))));
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(3)) < 0, () -> "took " + elapsed(start));
    }

    @Test
    void passedDeadlineFailsWithoutCallingDingTalk() {
        fails(Kind.TIMEOUT, () -> client.exchangeCode(CODE, Deadline.in(Duration.ZERO)));
        assertEquals(List.of(), dingtalk.requests());
    }

    @Test
    void refusedConnectionIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DingTalkClient nowhere = new DingTalkClient(URI.create("http://127.0.0.1:" + closedPort), APP_ID, SECRET,
                channel);
        fails(Kind.UNAVAILABLE, () -> nowhere.exchangeCode(CODE, soon()));
    }

    @Test
    void connectionDroppedWithoutAnAnswerIsUnavailable() {
        dingtalk.setFault(Endpoint.TOKEN, Fault.connectionDroppedMidBody());
        DingTalkApiException e = assertThrows(DingTalkApiException.class, this::exchange);
        assertTrue(e.kind() == Kind.UNAVAILABLE || e.kind() == Kind.INVALID_RESPONSE, e::getMessage);
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
    }

    static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
