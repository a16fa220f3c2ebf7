package io.github.dingtalkauth.client;

import static io.github.dingtalkauth.client.DingTalkClientTest.fails;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import io.github.dingtalkauth.client.Membership.Status;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The directory's decisions against a scripted transport; the HTTP round trip is in {@link OrgDirectoryHttpTest}. */
class OrgDirectoryTest {
    static final String OK_MEMBER = "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"contact_type\":0,"
            + "\"userid\":\"zhangsan\"},\"request_id\":\"req-1\"}";
    static final String TOKEN_INVALID = "{\"errcode\":88,\"sub_code\":\"40014\",\"errmsg\":\"不合法的access_token\"}";
    static final String EMPLOYEE = "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"userid\":\"zhangsan\","
            + "\"unionid\":\"uT1xxxxiEiE\",\"name\":\"潘xx\",\"avatar\":\"\",\"title\":\"架构师\","
            + "\"job_number\":\"00021116\",\"org_email\":\"pan@corp.example\",\"email\":\"pan@example.com\","
            + "\"mobile\":\"150xxxx6601\",\"state_code\":\"86\",\"dept_id_list\":[8187,1],"
            + "\"leader_in_dept\":[{\"dept_id\":8187,\"leader\":false},{\"dept_id\":1,\"leader\":true}],"
            + "\"role_list\":[{\"id\":57220,\"name\":\"子管理员\",\"group_name\":\"默认\"}],"
            + "\"admin\":true,\"boss\":false,\"senior\":false,\"active\":true,\"real_authed\":true,"
            + "\"hired_date\":1506880000000,\"corp_id\":\"dingcorp1\",\"exclusive_account\":false},"
            + "\"request_id\":\"req-2\"}";

    final AtomicInteger tokenFetches = new AtomicInteger();
    final AppTokenCache tokens = new AppTokenCache(
            d -> new AppToken("CANARY-APP-" + tokenFetches.incrementAndGet(), Duration.ofHours(2)));
    final ScriptedTransport transport = new ScriptedTransport();
    final OrgDirectory directory = new OrgDirectory(URI.create("https://oapi.example"), tokens, transport);

    Membership membership() throws DingTalkApiException {
        return directory.membership("z21HjQliSzpw0Yxxxx", Deadline.in(Duration.ofSeconds(5)));
    }

    Employee employee() throws DingTalkApiException {
        return directory.employee("zhangsan", "zh_CN", Deadline.in(Duration.ofSeconds(5)));
    }

    static String errcode(String code) {
        return "{\"errcode\":" + code + ",\"errmsg\":\"x\",\"request_id\":\"req-9\"}";
    }

    static String contactType(String type) {
        return "{\"errcode\":\"0\",\"result\":{\"contact_type\":" + type + ",\"userid\":\"zhangsan\"}}";
    }

    // ------------------------------------------------------------------------------------------------ membership

    @Test
    void membershipPostsTheUnionIdWithTheAppTokenInTheQuery() throws Exception {
        transport.then(OK_MEMBER);
        membership();
        ScriptedTransport.Call call = transport.calls.get(0);
        assertAll(
                () -> assertEquals("https://oapi.example/topapi/user/getbyunionid?access_token=CANARY-APP-1",
                        call.uri().toString()),
                () -> assertEquals(Set.of("unionid"), call.body().keySet()),
                () -> assertEquals("z21HjQliSzpw0Yxxxx", call.body().getString("unionid")),
                () -> assertEquals("getbyunionid", call.step()));
    }

    @Test
    void appTokenIsEncodedInTheQuery() throws Exception {
        AppTokenCache odd = new AppTokenCache(d -> new AppToken("a+b=/&c", Duration.ofHours(2)));
        new OrgDirectory(URI.create("https://oapi.example"), odd, transport.then(OK_MEMBER))
                .membership("u", Deadline.in(Duration.ofSeconds(5)));
        assertEquals("access_token=a%2Bb%3D%2F%26c", transport.calls.get(0).uri().getRawQuery());
    }

    @Test
    void employeeIsAMember() throws Exception {
        transport.then(OK_MEMBER);
        assertEquals(Membership.member("zhangsan"), membership());
    }

    @Test
    void stringTypedAnswerIsAMember() throws Exception {
        transport.then(contactType("\"0\""));
        assertEquals(Membership.member("zhangsan"), membership());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"1\""})
    void externalContactIsNotAMember(String type) throws Exception {
        transport.then(contactType(type));
        assertEquals(Membership.of(Status.EXTERNAL_CONTACT), membership());
    }

    @ParameterizedTest
    @ValueSource(strings = {"60121", "\"60121\""})
    void errcode60121IsNotFound(String code) throws Exception {
        transport.then(errcode(code));
        assertEquals(Membership.of(Status.NOT_FOUND), membership());
    }

    @ParameterizedTest
    @ValueSource(strings = {"50002", "50004"})
    void outsideTheAppsVisibleRangeIsReported(String code) throws Exception {
        transport.then(errcode(code));
        assertEquals(Membership.of(Status.OUTSIDE_APP_SCOPE), membership());
    }

    @Test
    void missingContactTypeIsInvalidNotAMember() {
        transport.then("{\"errcode\":0,\"result\":{\"userid\":\"zhangsan\"}}");
        fails(Kind.INVALID_RESPONSE, this::membership);
    }

    @Test
    void unknownContactTypeIsInvalid() {
        transport.then(contactType("2"));
        fails(Kind.INVALID_RESPONSE, this::membership);
    }

    @Test
    void memberWithoutUserIdIsInvalid() {
        transport.then("{\"errcode\":0,\"result\":{\"contact_type\":0}}");
        fails(Kind.INVALID_RESPONSE, this::membership);
    }

    @Test
    void memberWithMalformedUserIdIsInvalid() {
        transport.then("{\"errcode\":0,\"result\":{\"contact_type\":0,\"userid\":\"a b\"}}");
        fails(Kind.INVALID_RESPONSE, this::membership);
    }

    @Test
    void successWithoutResultIsInvalid() {
        transport.then("{\"errcode\":0}");
        fails(Kind.INVALID_RESPONSE, this::membership);
    }

    @Test
    void answerWithoutErrcodeIsInvalid() {
        transport.then("{\"result\":{\"contact_type\":0,\"userid\":\"zhangsan\"}}");
        fails(Kind.INVALID_RESPONSE, this::membership);
    }

    @ParameterizedTest
    @ValueSource(strings = {"90018", "-1", "\"400002\"", "60011"})
    void otherErrcodesFailWithThatCode(String code) {
        transport.then(errcode(code));
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::membership);
        assertEquals(code.replace("\"", ""), e.providerCode());
        assertEquals(200, e.status());
        assertEquals("req-9", e.requestId());
        assertEquals("getbyunionid", e.step());
    }

    // ------------------------------------------------------------------------------------------- token retry

    @Test
    void rejectedTokenIsDroppedAndTheCallRetriedOnceWithAFreshOne() throws Exception {
        transport.then(TOKEN_INVALID).then(OK_MEMBER);
        assertEquals(Membership.member("zhangsan"), membership());
        assertEquals(List.of("CANARY-APP-1", "CANARY-APP-2"),
                transport.calls.stream().map(ScriptedTransport.Call::accessToken).toList());
        assertEquals(2, tokenFetches.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"errcode\":40001}", "{\"errcode\":\"42001\"}", "{\"errcode\":88,\"sub_code\":40014}",
        "{\"errcode\":\"88\",\"sub_code\":\"40014\"}"})
    void eachTokenRejectionTriggersTheRetry(String rejection) throws Exception {
        transport.then(rejection).then(OK_MEMBER);
        assertEquals(Membership.member("zhangsan"), membership());
        assertEquals(2, transport.calls.size());
    }

    @Test
    void retryHappensOnlyOnce() {
        transport.then(TOKEN_INVALID).then(TOKEN_INVALID);
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::membership);
        assertEquals("88", e.providerCode());
        assertEquals(2, transport.calls.size());
    }

    @Test
    void errcode88WithAnotherSubCodeIsNotRetried() {
        transport.then("{\"errcode\":88,\"sub_code\":\"40078\"}");
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::membership);
        assertEquals("88", e.providerCode());
        assertEquals(1, transport.calls.size());
        assertEquals(1, tokenFetches.get());
    }

    @Test
    void tokenIsReusedAcrossCalls() throws Exception {
        transport.then(OK_MEMBER).then(OK_MEMBER);
        membership();
        membership();
        assertEquals(1, tokenFetches.get());
    }

    @Test
    void failureToGetATokenPassesThroughWithoutACall() {
        DingTalkApiException failure = new DingTalkApiException(Kind.ERROR_STATUS, "app_token", 400,
                "invalidClientIdOrSecret", null, null);
        OrgDirectory noToken = new OrgDirectory(URI.create("https://oapi.example"),
                new AppTokenCache(d -> {
                    throw failure;
                }), transport);
        assertSame(failure, assertThrows(DingTalkApiException.class,
                () -> noToken.membership("u", Deadline.in(Duration.ofSeconds(5)))));
        assertEquals(0, transport.calls.size());
    }

    // ------------------------------------------------------------------------------------------------ employee

    @Test
    void employeeRequestNamesUserAndLanguage() throws Exception {
        transport.then(EMPLOYEE);
        employee();
        ScriptedTransport.Call call = transport.calls.get(0);
        assertEquals("https://oapi.example/topapi/v2/user/get?access_token=CANARY-APP-1", call.uri().toString());
        assertEquals(Set.of("userid", "language"), call.body().keySet());
        assertEquals("zh_CN", call.body().getString("language"));
        assertEquals("zhangsan", call.body().getString("userid"));
    }

    @Test
    void employeeProfileIsRead() throws Exception {
        transport.then(EMPLOYEE);
        Employee e = employee();
        assertAll(
                () -> assertEquals("zhangsan", e.userId()),
                () -> assertEquals("uT1xxxxiEiE", e.unionId()),
                () -> assertEquals("潘xx", e.name()),
                () -> assertEquals("架构师", e.title()),
                () -> assertEquals("00021116", e.jobNumber()),
                () -> assertEquals("pan@corp.example", e.orgEmail()),
                () -> assertEquals("pan@example.com", e.email()),
                () -> assertEquals("150xxxx6601", e.mobile()),
                () -> assertEquals(List.of(8187L, 1L), e.deptIds()),
                () -> assertEquals(true, e.admin()),
                () -> assertEquals(false, e.boss()),
                () -> assertEquals(List.of(1L), e.leaderInDepts()),
                () -> assertEquals(List.of("子管理员"), e.roleNames()),
                () -> assertEquals(true, e.active()),
                () -> assertEquals("dingcorp1", e.corpId()));
    }

    @Test
    void stringTypedEmployeeAnswerIsRead() throws Exception {
        transport.then("{\"errcode\":\"0\",\"result\":{\"userid\":\"zhangsan\",\"dept_id_list\":[\"8187\"],"
                + "\"leader_in_dept\":[{\"dept_id\":\"8187\",\"leader\":\"true\"}],"
                + "\"admin\":\"false\",\"boss\":\"true\",\"active\":\"true\"}}");
        Employee e = employee();
        assertEquals(List.of(8187L), e.deptIds());
        assertEquals(List.of(8187L), e.leaderInDepts());
        assertFalse(e.admin());
        assertEquals(true, e.boss());
        assertEquals(true, e.active());
    }

    @Test
    void absentOptionalFieldsAreNullOrEmpty() throws Exception {
        transport.then("{\"errcode\":0,\"result\":{\"userid\":\"zhangsan\"}}");
        Employee e = employee();
        assertAll(
                () -> assertNull(e.email()),
                () -> assertNull(e.mobile()),
                () -> assertNull(e.corpId()),
                () -> assertEquals(List.of(), e.deptIds()),
                () -> assertEquals(List.of(), e.roleNames()),
                () -> assertFalse(e.active(), "an absent active never counts as active"));
    }

    @Test
    void profileOfAnotherUserIsInvalid() {
        transport.then("{\"errcode\":0,\"result\":{\"userid\":\"lisi\"}}");
        fails(Kind.INVALID_RESPONSE, this::employee);
    }

    @Test
    void overlongNameIsInvalid() {
        transport.then("{\"errcode\":0,\"result\":{\"userid\":\"zhangsan\",\"name\":\"" + "x".repeat(257) + "\"}}");
        fails(Kind.INVALID_RESPONSE, this::employee);
    }

    @Test
    void roleWithoutANameIsInvalid() {
        transport.then("{\"errcode\":0,\"result\":{\"userid\":\"zhangsan\",\"role_list\":[{\"id\":1}]}}");
        fails(Kind.INVALID_RESPONSE, this::employee);
    }

    @Test
    void leaderEntryWithoutDeptIsInvalid() {
        transport.then("{\"errcode\":0,\"result\":{\"userid\":\"zhangsan\",\"leader_in_dept\":[{\"leader\":true}]}}");
        fails(Kind.INVALID_RESPONSE, this::employee);
    }

    @ParameterizedTest
    @ValueSource(strings = {"33012", "60121", "50002", "400002", "-1"})
    void employeeErrcodesFailWithThatCode(String code) {
        transport.then(errcode(code));
        DingTalkApiException e = fails(Kind.ERROR_STATUS, this::employee);
        assertEquals(code, e.providerCode());
        assertEquals("user_get", e.step());
    }

    @Test
    void employeeCallAlsoRetriesOnARejectedToken() throws Exception {
        transport.then(TOKEN_INVALID).then(EMPLOYEE);
        assertEquals("zhangsan", employee().userId());
        assertEquals("CANARY-APP-2", transport.calls.get(1).accessToken());
    }

    @Test
    void employeeToStringLeavesOutPersonalData() throws Exception {
        transport.then(EMPLOYEE);
        String text = employee().toString();
        assertFalse(text.contains("150xxxx6601") || text.contains("pan@") || text.contains("潘"), text);
    }
}
