package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.SignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code require.} rules in the sample on Jetty, over real HTTP: a signed-in person without the role gets the
 * filter's 403, a page for a navigation and JSON for an API call; paths no rule names stay open.
 */
class PathRulesTest {
    private static final String[] API_REQUEST = {"Accept", "application/json", "Sec-Fetch-Mode", "cors"};

    private static DingTalkEmulator emulator;
    private static SampleServer server;
    private static Browser zhangsan;

    @BeforeAll
    static void start() throws Exception {
        emulator = DingTalkEmulator.builder().port(0).start();
        try {
            server = SampleServer.builder().port(0).emulator(emulator)
                    .setting("role.auditor", "unionId:nobody-has-this-unionid")
                    .setting("require./me", "auditor")
                    .setting("require./api/*", "auditor")
                    .start();
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
        zhangsan = new Browser(server.baseUri());
        Browser.Response done = SignIn.signIn(zhangsan, "/dingtalk/login", "zhangsan");
        assertEquals(303, done.status(), done::body);
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            emulator.close();
        }
    }

    @Test
    void aPageTheRuleNamesAnswers403WithTheFiltersPage() {
        Browser.Response page = zhangsan.navigate("/me");
        assertEquals(403, page.status(), page::body);
        assertTrue(page.header("content-type").startsWith("text/html"), page::body);
        assertTrue(page.body().contains("无权访问 · Access denied"), page::body);
        assertTrue(page.body().contains("Reason: role_required"), page::body);
    }

    @Test
    void theForbiddenPageIsNotCachedAndRunsNoScript() {
        Browser.Response page = zhangsan.navigate("/me");
        assertEquals("no-store", page.header("cache-control"));
        assertTrue(page.header("content-security-policy").startsWith("default-src 'none';"),
                () -> page.header("content-security-policy"));
    }

    @Test
    void anApiCallTheRuleNamesAnswers403Json() {
        Browser.Response answer = zhangsan.get("/api/me", API_REQUEST);
        assertEquals(403, answer.status(), answer::body);
        assertEquals("application/json;charset=utf-8", answer.header("content-type").toLowerCase());
        assertEquals("{\"error\":\"forbidden\"}", answer.body());
    }

    @Test
    void aPathNoRuleNamesReachesTheApplication() {
        Browser.Response page = zhangsan.navigate("/no-such-page");
        assertEquals(404, page.status(), page::body);
    }
}
