package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeSession;
import io.github.dingtalkauth.support.FilterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sign-out: POST from our own pages only, then the whole session goes; GET only asks (see LogoutPageTest). */
class LogoutTest extends FilterFixture {
    static final String LOGOUT = "/dingtalk/logout";
    static final DingTalkPrincipal ALICE = new DingTalkPrincipal("union-alice", null, "Alice", null, null, null, null,
            null);

    FakeSession session;

    @BeforeEach
    void signIn() {
        session = browser.newSession();
        session.setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, ALICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "OPTIONS"})
    void logoutByAnotherMethodIsRefusedNamingGetAndPost(String method) {
        Exchange exchange = browser.request(method, LOGOUT).send(filter);
        assertEquals(405, exchange.status());
        assertEquals("GET, POST", exchange.header("Allow"));
        assertTrue(exchange.body().contains("Reason: method_not_allowed"), exchange::body);
        assertTrue(session.isValid());
        assertSame(ALICE, session.getAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.test", "null", "http://app.example.com", "https://app.example.com:8443",
        "https://app.example.com.evil.test"})
    void logoutFromAnotherOriginIsRefused(String origin) {
        Exchange exchange = browser.post(LOGOUT).header("Origin", origin).send(filter);
        assertEquals(403, exchange.status());
        assertTrue(exchange.body().contains("Reason: cross_site_logout"), exchange::body);
        assertTrue(session.isValid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-site", "same-site"})
    void logoutWithCrossSiteFetchMetadataIsRefused(String site) {
        Exchange exchange = browser.post(LOGOUT).header("Sec-Fetch-Site", site)
                .header("Origin", "https://app.example.com").send(filter);
        assertEquals(403, exchange.status());
        assertTrue(session.isValid());
    }

    @Test
    void logoutBySameOriginPostEndsTheSessionAndRedirects() {
        Exchange exchange = browser.post(LOGOUT).header("Origin", "https://app.example.com")
                .header("Sec-Fetch-Site", "same-origin").send(filter);
        assertEquals(303, exchange.status());
        assertEquals("/", exchange.location());
        assertFalse(session.isValid());
        assertNull(browser.session());
        assertFalse(browser.navigate("/reports").send(filter).passedThrough(), "still signed in after logout");
    }

    @Test
    void logoutByPostWithoutOriginFromAnOlderBrowserIsAccepted() {
        Exchange exchange = browser.post(LOGOUT).send(filter);
        assertEquals(303, exchange.status());
        assertFalse(session.isValid());
    }

    @Test
    void logoutOriginIsComparedWithoutCase() {
        Exchange exchange = browser.post(LOGOUT).header("Origin", "HTTPS://App.Example.COM").send(filter);
        assertEquals(303, exchange.status());
    }

    @Test
    void logoutWithoutASessionStillRedirectsAndMakesNone() {
        browser.useSessionId(null);
        Exchange exchange = browser.post(LOGOUT).header("Sec-Fetch-Site", "same-origin").send(filter);
        assertEquals(303, exchange.status());
        assertFalse(exchange.sessionCreated());
        verify(exchange.request(), never()).getSession(true);
    }
}
