package io.github.dingtalkauth.inapp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.ClientSdk;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.sample.SampleServer;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sample in dev mode, opened by a real headless Chromium that announces itself as DingTalk's PC client: it signs
 * in with no click through the emulator's stand-in SDK, and every way that can fail falls back exactly once to the
 * ordinary sign-in, which the browser completes on the emulator's consent page. The bootstrap page runs under its own
 * Content-Security-Policy without a single violation.
 */
class InAppSignInTest {
    private static SampleServer server;
    private static DingTalkEmulator emulator;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        server = SampleServer.builder().port(0).setting("inAppTimeout", "3s").start();
        emulator = server.emulator().orElseThrow();
        base = server.baseUri();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshClient() {
        emulator.reset(); // 张三 in the client, an SDK that answers
    }

    int requestsTo(Endpoint endpoint) {
        return emulator.requests(endpoint).size();
    }

    String unionId(String key) {
        return emulator.users().stream().filter(u -> u.key().equals(key)).findFirst().orElseThrow().unionId();
    }

    /** Opens /me in the client and waits until it shows who is signed in. */
    void assertSignsInSilently(ClientBrowser client, String key) {
        client.open(base.resolve("/me"));
        client.waitForText(unionId(key));
        assertAll(
                () -> assertEquals(base + "/me", client.url()),
                () -> assertEquals(0, requestsTo(Endpoint.AUTHORIZE), "no consent page, no click"),
                () -> assertEquals(1, requestsTo(Endpoint.IN_APP_USER_INFO), "the code was redeemed once"),
                () -> assertEquals(List.of(), client.cspReports()));
    }

    @Test
    void insideTheClientThePageSignsInWithNoClick() throws Exception {
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            assertSignsInSilently(client, "zhangsan");
            assertTrue(Files.size(client.screenshot("inapp-signed-in")) > 0);
        }
    }

    @Test
    void anotherClientUserSignsInAsThemselves() {
        emulator.setClientUser("lisi");
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            assertSignsInSilently(client, "lisi");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClientSdk.class, names = {"OLD_CLIENT", "ANSWERS_AUTH_CODE"})
    void olderClientsAndAuthCodeAnswersSignInSilentlyToo(ClientSdk sdk) {
        emulator.setClientSdk(sdk);
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            assertSignsInSilently(client, "zhangsan");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ClientSdk.class, names = {"SCRIPT_MISSING", "JSAPI_ERROR", "NEVER_ANSWERS"})
    void aFailingSdkFallsBackOnceToTheConsentPage(ClientSdk sdk) {
        emulator.setClientSdk(sdk);
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            client.open(base.resolve("/me"));
            if (sdk == ClientSdk.NEVER_ANSWERS) {
                // The page waits inAppTimeout for an answer that never comes: time to look at it.
                client.waitForText("Sign in with DingTalk");
                client.screenshot("inapp-bootstrap");
            }
            assertFallsBackOnceAndSignsIn(client);
            assertEquals(0, requestsTo(Endpoint.IN_APP_USER_INFO), "no code, no exchange");
        }
    }

    @Test
    void aRefusedCodeFallsBackOnceToTheConsentPage() {
        emulator.setFaultOnce(Endpoint.IN_APP_USER_INFO, Fault.oapiError(40078, "不存在的临时授权码"));
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            client.open(base.resolve("/me"));
            assertFallsBackOnceAndSignsIn(client);
            assertEquals(1, requestsTo(Endpoint.IN_APP_USER_INFO), "the refused code was tried once");
        }
    }

    void assertFallsBackOnceAndSignsIn(ClientBrowser client) {
        client.approveAs("zhangsan");
        client.waitForText(unionId("zhangsan"));
        assertAll(
                () -> assertEquals(base + "/me", client.url()),
                () -> assertEquals(1, requestsTo(Endpoint.JSAPI), "the bootstrap page was shown once"),
                () -> assertEquals(1, requestsTo(Endpoint.AUTHORIZE), "one fallback, no loop"),
                () -> assertEquals(List.of(), client.cspReports()));
    }

    /** The check of the others: the console does report what the page's policy refuses. */
    @Test
    void anInlineScriptWithoutTheNonceIsRefusedAndReported() {
        emulator.setClientSdk(ClientSdk.NEVER_ANSWERS);
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            client.open(base.resolve("/me"));
            client.waitForText("Sign in with DingTalk");
            Object ran = client.runScript("var s = document.createElement('script');"
                    + " s.textContent = 'window.injected = true'; document.head.appendChild(s);"
                    + " return window.injected === true;");
            assertEquals(Boolean.FALSE, ran);
            List<String> reports = client.cspReports();
            assertEquals(1, reports.size(), reports::toString);
            assertTrue(reports.get(0).contains("script-src"), reports::toString);
        }
    }

    @Test
    void anOutsiderIsRefusedWithoutAFallback() {
        emulator.setClientUser("zhouqi");
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            client.open(base.resolve("/me"));
            client.waitForText("not_a_member");
            assertAll(
                    () -> assertTrue(client.text().contains("This DingTalk account is not a member"), client::text),
                    () -> assertEquals(0, requestsTo(Endpoint.AUTHORIZE), "a refusal is not a fallback"),
                    () -> assertEquals(List.of(), client.cspReports()));
        }
    }
}
