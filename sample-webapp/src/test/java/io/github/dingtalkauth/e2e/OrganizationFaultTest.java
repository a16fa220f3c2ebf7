package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.FilterLog;
import io.github.dingtalkauth.testing.SignIn;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DingTalk's enterprise API failing in every documented way during a sign-in, over real HTTP: each oapi error code
 * and each broken answer leads to the right page and status, the app token is replaced and the call retried exactly
 * once when DingTalk rejects it, and no app token reaches a log line.
 */
class OrganizationFaultTest {
    private static DingTalkEmulator emulator;
    private static SampleServer server;
    private static FilterLog log;

    @BeforeAll
    static void start() throws Exception {
        log = FilterLog.start();
        emulator = DingTalkEmulator.builder().appTokenPrefix("CANARY-APP-").start();
        server = SampleServer.builder().port(0).emulator(emulator).setting("requestTimeout", "1s").start();
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(server, emulator, log);
    }

    /** Each test starts with a valid app token in the filter's cache, and clean counters, faults and log. */
    @BeforeEach
    void warmCacheAndForget() {
        emulator.reset();
        signIn("wangfang");
        emulator.reset();
        log.clear();
    }

    static Browser.Response signIn(String user) {
        return SignIn.signIn(new Browser(server.baseUri()), "/me", user);
    }

    /** A sign-in that failed: this status and reason, no principal, one WARN line, no app token logged. */
    static void assertFailed(Browser.Response page, int status, String reason, String logged) {
        List<String> warnings = log.warnings();
        assertAll(
                () -> assertEquals(status, page.status(), page.body()),
                () -> assertTrue(page.body().contains("Reason: " + reason), page.body()),
                () -> assertNull(page.location()),
                () -> assertEquals(1, warnings.size(), warnings::toString),
                () -> assertTrue(warnings.get(0).contains("reason=" + reason + " " + logged), warnings::toString),
                () -> assertFalse(String.join("\n", log.all()).contains("CANARY-APP-"), "an app token was logged"),
                () -> assertFalse(page.body().contains("CANARY-APP-"), "an app token was shown"));
    }

    static Stream<Arguments> oapiFailures() {
        Endpoint byUnionId = Endpoint.USER_BY_UNIONID;
        Endpoint employee = Endpoint.EMPLOYEE;
        return Stream.of(
                Arguments.of(byUnionId, Fault.oapiError(60121, "找不到该用户"), 403, "not_a_member", "verdict=not_a_member"),
                Arguments.of(byUnionId, Fault.oapiError(50002, "员工不在授权范围"), 403, "not_a_member",
                        "verdict=outside_app_scope"),
                Arguments.of(byUnionId, Fault.oapiError(50004, "部门不在授权范围"), 403, "not_a_member",
                        "verdict=outside_app_scope"),
                Arguments.of(employee, Fault.oapiError(60121, "找不到该用户"), 403, "not_a_member", "verdict=not_a_member"),
                Arguments.of(employee, Fault.oapiError(50002, "员工不在授权范围"), 403, "not_a_member",
                        "verdict=outside_app_scope"),
                Arguments.of(byUnionId, Fault.oapiAuthError("40014", "不合法的access_token"), 502, "provider_error",
                        "step=getbyunionid failure=error_status status=200 code=88"),
                Arguments.of(byUnionId, Fault.oapiError(40001, "不合法的access_token"), 502, "provider_error",
                        "step=getbyunionid failure=error_status status=200 code=40001"),
                Arguments.of(byUnionId, Fault.oapiError(42001, "access_token超时"), 502, "provider_error",
                        "step=getbyunionid failure=error_status status=200 code=42001"),
                Arguments.of(byUnionId, Fault.oapiError(90018, "调用频率超过限制"), 502, "provider_error",
                        "step=getbyunionid failure=error_status status=200 code=90018"),
                Arguments.of(byUnionId, Fault.oapiError(-1, "系统繁忙"), 502, "provider_error",
                        "step=getbyunionid failure=error_status status=200 code=-1"),
                Arguments.of(employee, Fault.oapiError(33012, "无效的USERID"), 502, "provider_error",
                        "step=user_get failure=error_status status=200 code=33012"),
                Arguments.of(employee, Fault.oapiError(400002, "参数错误"), 502, "provider_error",
                        "step=user_get failure=error_status status=200 code=400002"),
                Arguments.of(employee, Fault.oapiAuthError("40014", "不合法的access_token"), 502, "provider_error",
                        "step=user_get failure=error_status status=200 code=88"),
                Arguments.of(byUnionId, Fault.html500(), 502, "provider_error", "step=getbyunionid"),
                Arguments.of(byUnionId, Fault.ipBlocked(), 502, "provider_error", "step=getbyunionid"),
                Arguments.of(byUnionId, Fault.closeConnection(), 502, "provider_unavailable", "step=getbyunionid"),
                Arguments.of(byUnionId, Fault.wrongTypes(), 502, "invalid_response", "step=getbyunionid"),
                Arguments.of(employee, Fault.wrongTypes(), 502, "invalid_response", "step=user_get"),
                Arguments.of(byUnionId, Fault.hugeBody(100_000), 502, "invalid_response", "step=getbyunionid"),
                Arguments.of(byUnionId, Fault.slowHeaders(Duration.ofSeconds(3)), 504, "provider_timeout",
                        "step=getbyunionid"),
                Arguments.of(employee, Fault.dripBody(Duration.ofMillis(100)), 504, "provider_timeout",
                        "step=user_get"));
    }

    @ParameterizedTest(name = "{0} {1} → {2} {3}")
    @MethodSource("oapiFailures")
    void oapiFailureLeadsToItsPageAndNoPrincipal(Endpoint endpoint, Fault fault, int status, String reason,
                                                 String logged) {
        Browser browser = new Browser(server.baseUri());
        String callback = SignIn.approve(browser, SignIn.start(browser, "/me"), "zhangsan");
        emulator.setFault(endpoint, fault);

        Browser.Response page = SignIn.callback(browser, callback);

        assertFailed(page, status, reason, logged);
        emulator.clearFaults();
        assertEquals(401, browser.get("/api/me", "Accept", "application/json").status(), "no principal");
    }

    @Test
    void rejectedAppTokenIsReplacedAndTheCallRetriedOnce() {
        emulator.expireAppTokens();

        Browser.Response done = signIn("alice");

        assertEquals(303, done.status(), done.body());
        Stats stats = emulator.stats();
        assertEquals(1, stats.appTokenRequests(), "one new app token");
        assertEquals(2, stats.unionIdLookups(), "the rejected call and its one retry");
        assertEquals(1, stats.employeeLookups());
    }

    @Test
    void appTokenRejectedAgainAfterTheRetryIsA502WithoutAThirdCall() {
        emulator.setFault(Endpoint.USER_BY_UNIONID, Fault.oapiAuthError("40014", "不合法的access_token"));

        Browser.Response page = signIn("alice");

        assertFailed(page, 502, "provider_error", "step=getbyunionid");
        assertEquals(2, emulator.stats().unionIdLookups(), "exactly one retry");
        assertEquals(1, emulator.stats().appTokenRequests(), "one new app token for the retry");
    }

    @Test
    void appTokenRefusedByDingTalkIsA502WithOneWarnNamingItsCode() {
        emulator.expireAppTokens();
        emulator.setFault(Endpoint.APP_TOKEN, Fault.dingTalkError(400, "invalidClientIdOrSecret", "无效的应用凭证"));

        Browser.Response page = signIn("alice");

        assertFailed(page, 502, "provider_error",
                "step=app_token failure=error_status status=400 code=invalidClientIdOrSecret");
        assertEquals(0, emulator.stats().employeeLookups());
    }

    @Test
    void appTokenCallPastTheDeadlineIsA504() {
        emulator.expireAppTokens();
        emulator.setFault(Endpoint.APP_TOKEN, Fault.slowHeaders(Duration.ofSeconds(3)));

        assertFailed(signIn("alice"), 504, "provider_timeout", "step=app_token");
    }

    @Test
    void appTokenIsFetchedAgainBeforeItExpires() throws Exception {
        try (DingTalkEmulator shortLived = DingTalkEmulator.builder().appTokenTtl(Duration.ofSeconds(4)).start();
             SampleServer app = SampleServer.builder().port(0).emulator(shortLived).start()) {
            Browser first = new Browser(app.baseUri());
            assertEquals(303, SignIn.signIn(first, "/me", "zhangsan").status());
            assertEquals(303, SignIn.signIn(new Browser(app.baseUri()), "/me", "lisi").status());
            assertEquals(1, shortLived.stats().appTokenRequests(), "the token is reused while fresh");

            Thread.sleep(2_100); // past half of its 4 s lifetime: due for refresh

            assertEquals(303, SignIn.signIn(new Browser(app.baseUri()), "/me", "alice").status());
            assertEquals(2, shortLived.stats().appTokenRequests(), "refreshed ahead of expiry");
        }
    }
}
