package io.github.dingtalkauth.security;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.SignIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only the legacy flow can get wrong, against the emulator's real checks: a signature DingTalk does not accept,
 * a clock DingTalk finds more than a minute off (853002), any {@code errcode} inside an HTTP 200, and an outsider,
 * whom the legacy answer does not name an organization for. Each ends on the fixed page with its reason, never a 500
 * or DingTalk's text, with one WARN line, nobody signed in, and the code presented to DingTalk once.
 */
class LegacyExchangeTest {
    static SecurityApp app;

    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.LEGACY);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void putDingTalkRight() {
        app.emulator().clearFaults();
        app.emulator().setClockSkew(Duration.ZERO);
    }

    /** A whole sign-in as {@code user} in {@code browser}, what the filter logged meanwhile, and the exchanges. */
    private static Outcome signIn(Browser browser, String user) {
        int mark = Reject.logMark();
        int exchanges = app.emulator().requests(Endpoint.LEGACY_USER_INFO).size();
        Browser.Response page = SignIn.signIn(browser, "/me", user);
        return new Outcome(page, Reject.warningsSince(mark),
                app.emulator().requests(Endpoint.LEGACY_USER_INFO).size() - exchanges);
    }

    private record Outcome(Browser.Response page, List<String> warnings, int exchanges) {
    }

    private static void assertFailedClosed(Outcome outcome, Browser browser, int status, String reason,
                                           String... hidden) {
        Browser.Response page = outcome.page();
        assertAll(
                () -> assertEquals(status, page.status(), page::body),
                () -> assertTrue(page.body().contains("Reason: " + reason), page::body),
                () -> assertEquals("no-store", page.header("cache-control")),
                () -> Reject.assertNoStackTrace(page),
                () -> Reject.assertNotReflected(page, hidden),
                () -> assertEquals(1, outcome.warnings().size(), outcome.warnings()::toString),
                () -> assertTrue(outcome.warnings().get(0).contains("reason=" + reason), outcome.warnings()::toString),
                () -> assertEquals(1, outcome.exchanges(), "the code was presented once"),
                () -> assertEquals(401, Reject.probe(browser).status(), "nobody is signed in"));
    }

    @Test
    void aSkewedClockGetsTheClockSkewPageAndOneWarnAboutNtp() {
        app.emulator().setClockSkew(Duration.ofMinutes(2));
        Browser browser = app.browser();

        Outcome outcome = signIn(browser, "zhangsan");

        assertFailedClosed(outcome, browser, 502, "clock_skew", "时间戳");
        assertTrue(outcome.warnings().get(0).contains("NTP"), outcome.warnings()::toString);
        assertTrue(outcome.page().body().contains("by more than a minute"), outcome.page()::body);
    }

    @Test
    void anErrcodeInsideHttp200GetsACleanErrorPageNotA500() {
        app.emulator().setFaultOnce(Endpoint.LEGACY_USER_INFO, Fault.oapiError(40078, "PROVIDER-SAYS-40078"));
        Browser browser = app.browser();

        assertFailedClosed(signIn(browser, "zhangsan"), browser, 502, "provider_error", "PROVIDER-SAYS-40078",
                "40078");
    }

    @Test
    void aSignatureDingTalkRejectsGetsAProviderErrorPageAndTheLogNamesTheCode() throws Exception {
        // The emulator checks the signature with its own secret; this application signs with another one.
        String wrongSecret = "CANARY-SECRET-wrong";
        int port = freePort();
        String callback = "http://localhost:" + port + SecurityApp.CALLBACK;
        app.emulator().registerRedirectUri(callback);
        try (SampleServer wrong = SampleServer.builder().port(port).setting("appId", app.emulator().clientId())
                .setting("appSecret", wrongSecret).setting("redirectUri", callback).setting("flow", "legacy")
                .setting("oapiBaseUrl", app.emulator().oapiBaseUrl())
                .setting("apiBaseUrl", app.emulator().apiBaseUrl()).start()) {
            Browser browser = new Browser(wrong.baseUri());

            Outcome outcome = signIn(browser, "zhangsan");

            assertFailedClosed(outcome, browser, 502, "provider_error", wrongSecret, "签名");
            assertTrue(outcome.warnings().get(0).contains("853004"), outcome.warnings()::toString);
            assertFalse(outcome.warnings().get(0).contains(wrongSecret), outcome.warnings()::toString);
        }
    }

    @Test
    void anOutsiderIsRefusedThoughTheLegacyAnswerNamesNoOrganization() {
        Browser browser = app.browser();

        assertFailedClosed(signIn(browser, "zhouqi"), browser, 403, "not_a_member");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
