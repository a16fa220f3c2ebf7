package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeSession;
import io.github.dingtalkauth.support.FilterFixture;
import org.junit.jupiter.api.Test;

/** {@code GET logoutPath} asks before signing out: a small page whose button makes the POST. */
class LogoutPageTest extends FilterFixture {
    static final String LOGOUT = "/dingtalk/logout";

    private FakeSession signedInAs(String nick) {
        FakeSession session = browser.newSession();
        session.setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE,
                new DingTalkPrincipal("union-1", null, nick, null, null, null, null, null));
        return session;
    }

    @Test
    void logoutByGetShowsAPostFormAndSignsNobodyOut() {
        FakeSession session = signedInAs("Alice");
        Object principal = session.getAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE);
        Exchange exchange = browser.navigate(LOGOUT).header("Accept-Language", "zh-CN,zh;q=0.9").send(filter);
        assertAll(
                () -> assertEquals(200, exchange.status(), exchange::everything),
                () -> assertTrue(exchange.header("Content-Type").startsWith("text/html"), exchange::everything),
                () -> assertTrue(exchange.body().contains(
                        "<form method=\"post\" action=\"/dingtalk/logout\">"), exchange::body),
                () -> assertTrue(exchange.body().contains("退出登录</button>"), exchange::body),
                () -> assertTrue(exchange.body().contains("<html lang=\"zh-CN\">"), exchange::body),
                () -> assertTrue(exchange.body().contains("当前用户： <strong>Alice</strong>"), exchange::body),
                () -> assertFalse(exchange.passedThrough()),
                () -> assertTrue(session.isValid()),
                () -> assertSame(principal, session.getAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE)));
    }

    @Test
    void logoutPageNamesTheSignedInUserEscaped() {
        signedInAs("<img src=x onerror=alert(1)>\"&");
        String body = browser.navigate(LOGOUT).send(filter).body();
        assertTrue(body.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&amp;"), body);
        assertFalse(body.contains("<img"), body);
    }

    @Test
    void logoutPageIsUncachedAndAllowsNoScriptAndPostsOnlyToItsOwnOrigin() {
        signedInAs("Alice");
        Exchange exchange = browser.navigate(LOGOUT).send(filter);
        String csp = exchange.header("Content-Security-Policy");
        assertAll(csp,
                () -> assertEquals("no-store", exchange.header("Cache-Control")),
                () -> assertTrue(csp.contains("default-src 'none'")),
                () -> assertFalse(csp.contains("script-src")),
                () -> assertTrue(csp.contains("form-action 'self'")),
                () -> assertFalse(exchange.body().contains("<script"), exchange::body));
    }

    @Test
    void logoutPageReferrerPolicyLetsTheFormPostCarryItsOrigin() {
        // Under no-referrer a browser sends "Origin: null" with the form's POST, and the cross-site check refuses it.
        Exchange exchange = browser.navigate(LOGOUT).send(filter);
        assertEquals("same-origin", exchange.header("Referrer-Policy"));
    }

    @Test
    void logoutPageForSomeoneNotSignedInMakesNoSession() {
        browser.useSessionId(null);
        Exchange exchange = browser.navigate(LOGOUT).send(filter);
        assertEquals(200, exchange.status());
        assertFalse(exchange.body().contains("Signed in as"), exchange::body);
        assertFalse(exchange.sessionCreated());
        verify(exchange.request(), never()).getSession(true);
    }

    @Test
    void logoutByHeadGivesThePageHeadersWithoutABody() {
        FakeSession session = signedInAs("Alice");
        Exchange exchange = browser.request("HEAD", LOGOUT).send(filter);
        assertEquals(200, exchange.status());
        assertTrue(exchange.header("Content-Type").startsWith("text/html"), exchange::everything);
        assertEquals("no-store", exchange.header("Cache-Control"));
        assertEquals("", exchange.body());
        assertTrue(session.isValid());
    }
}
