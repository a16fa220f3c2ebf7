package io.github.dingtalkauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authorization beyond the checklist: {@code require.} rules over real HTTP. A signed-in person without the role
 * gets the filter's 403, a page for a navigation and JSON for an API call; paths no rule names stay open.
 */
class PathRulesTest {
    static SecurityApp app;
    static Browser zhangsan;

    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start("role.auditor", "unionId:nobody-has-this-unionid",
                "require./me", "auditor", "require./api/*", "auditor");
        zhangsan = app.browser();
        app.signIn(zhangsan, SecurityApp.LOGIN, "zhangsan");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aPageTheRuleNamesAnswers403WithTheFiltersPage() {
        Browser.Response page = zhangsan.navigate("/me", "Accept-Language", "zh-CN");
        assertEquals(403, page.status(), page::body);
        assertTrue(page.header("content-type").startsWith("text/html"), page::body);
        assertTrue(page.body().contains("<h1>无权访问</h1>"), page::body);
        assertTrue(page.body().contains("错误代码： role_required"), page::body);
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
        Browser.Response answer = Reject.probe(zhangsan);
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
