package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.dingtalkauth.flow.AuthSession;
import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.support.FakeSession;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DingTalk's redirect back: every way it can be wrong is refused before the session or DingTalk is touched. */
class CallbackTest extends FilterFixture {
    static final String CALLBACK = "/dingtalk/callback";
    static final String UNKNOWN_STATE = "A".repeat(43);

    /** A refused callback: the status, the reason on a fixed page, no session made, DingTalk never called. */
    private void assertRefused(Exchange exchange, int status, String reason) {
        assertAll(
                () -> assertEquals(status, exchange.status(), exchange::everything),
                () -> assertTrue(exchange.body().contains("Reason: " + reason), exchange::body),
                () -> assertTrue(exchange.header("Content-Type").startsWith("text/html"), exchange::everything),
                () -> assertNull(exchange.location()),
                () -> assertFalse(exchange.passedThrough()),
                () -> assertFalse(exchange.sessionCreated()),
                () -> verify(exchange.request(), never()).getSession(true),
                () -> assertEquals(0, dingtalk.stats().tokenRequests(), "DingTalk was called"),
                () -> assertNull(signedIn(browser)));
    }

    private static DingTalkPrincipal signedIn(Browser b) {
        FakeSession session = b.session();
        return session == null ? null : (DingTalkPrincipal) session.getAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE);
    }

    private Exchange callback(String query) {
        return browser.get(CALLBACK + "?" + query).send(filter);
    }

    // ------------------------------------------------------------------------------------------------- success

    @Test
    void callbackWithValidStateAndCodeSignsInAndReturnsToThePage() {
        String state = startLogin(browser, "/reports?id=1");
        Exchange exchange = callback("authCode=" + approve(state, "union-1") + "&state=" + state);
        assertAll(
                () -> assertEquals(303, exchange.status(), exchange::everything),
                () -> assertEquals("/reports?id=1", exchange.location()),
                () -> assertEquals("union-1", signedIn(browser).getUnionId()),
                () -> assertEquals("open-union-1", signedIn(browser).getOpenId()),
                () -> assertEquals("张三", signedIn(browser).getNick()),
                () -> assertEquals("", exchange.body()),
                () -> assertEquals(1, dingtalk.stats().tokenRequests()),
                () -> assertEquals(1, dingtalk.stats().profileRequests()));
    }

    @Test
    void sessionEndedDuringTheExchangeGivesStateUnknownNotAServerError() {
        FakeSession session = browser.newSession();
        String state = startLogin(browser, "/a");
        // A logout in another tab lands while DingTalk is answering the token call.
        dingtalk.setFaultOnce(Endpoint.TOKEN, Fault.whileAnswering(session::invalidate));
        Exchange exchange = callback("authCode=" + approve(state, "union-1") + "&state=" + state);
        assertEquals(400, exchange.status(), exchange::everything);
        assertTrue(exchange.body().contains("Reason: state_unknown"), exchange::body);
    }

    @Test
    void callbackWithPlainCodeInsteadOfAuthCodeIsAccepted() {
        String state = startLogin(browser, "/a");
        assertEquals(303, callback("code=" + approve(state, "union-1") + "&state=" + state).status());
    }

    @Test
    void callbackWithEqualAuthCodeAndCodeIsAccepted() {
        String state = startLogin(browser, "/a");
        String code = approve(state, "union-1");
        assertEquals(303, callback("code=" + code + "&authCode=" + code + "&state=" + state).status());
    }

    @Test
    void callbackSuccessChangesTheSessionId() {
        String state = startLogin(browser, "/a");
        String before = browser.sessionId();
        Exchange exchange = callback("authCode=" + approve(state, "union-1") + "&state=" + state);
        assertEquals(303, exchange.status());
        assertNotEquals(before, browser.sessionId());
        assertNull(container.session(before), "the old id still names a session");
        verify(exchange.request()).changeSessionId();
    }

    @Test
    void callbackSuccessOnAPlantedSessionIdLeavesTheAttackerWithNothing() {
        Browser attacker = container.browser();
        String planted = attacker.newSession().getId();
        startLogin(attacker, "/x");
        browser.useSessionId(planted);
        Exchange exchange = signIn(browser, "/a", "union-victim");
        assertEquals(303, exchange.status());
        assertNotEquals(planted, browser.sessionId());
        assertNull(container.session(planted));
        assertNull(signedIn(attacker));
    }

    @Test
    void callbackSuccessCreatesTheFirstSessionOfAnAnonymousBrowser() {
        String state = startLogin(browser, "/a");
        assertEquals(0, container.sessionCount(), "a session before sign-in");
        callback("authCode=" + approve(state, "union-1") + "&state=" + state);
        assertEquals(1, container.sessionCount());
        assertEquals("union-1", signedIn(browser).getUnionId());
        assertEquals(30 * 60, browser.session().getMaxInactiveInterval(), "the application's own timeout");
    }

    @Test
    void callbackSuccessKeepsTheTimeoutOfASessionTheApplicationMade() {
        browser.newSession().setMaxInactiveInterval(42);
        signIn(browser, "/a", "union-1");
        assertEquals(42, browser.session().getMaxInactiveInterval());
    }

    @Test
    void twoTabsBothSignIn() {
        String first = startLogin(browser, "/a");
        String second = startLogin(browser, "/b");
        Exchange b = callback("authCode=" + approve(second, "union-1") + "&state=" + second);
        Exchange a = callback("authCode=" + approve(first, "union-1") + "&state=" + first);
        assertEquals(303, b.status(), b::everything);
        assertEquals("/b", b.location());
        assertEquals(303, a.status(), a::everything);
        assertEquals("/a", a.location());
        assertEquals("union-1", signedIn(browser).getUnionId());
    }

    @Test
    void secondTabSigningInAsSomeoneElseGetsAFreshSession() {
        String first = startLogin(browser, "/a");
        String second = startLogin(browser, "/b");
        String third = startLogin(browser, "/c");
        assertEquals(303, callback("authCode=" + approve(first, "alice") + "&state=" + first).status());
        FakeSession aliceSession = browser.session();
        aliceSession.setAttribute("cart", "alice's cart");
        assertEquals(303, callback("authCode=" + approve(second, "bob") + "&state=" + second).status());
        FakeSession bobSession = browser.session();
        assertAll(
                () -> assertNotEquals(aliceSession.getId(), bobSession.getId()),
                () -> assertFalse(aliceSession.isValid(), "alice's session survived"),
                () -> assertNull(bobSession.getAttribute("cart")),
                () -> assertEquals("bob", signedIn(browser).getUnionId()),
                () -> assertTrue(pending(browser).contains(third), "the third tab's login did not survive"));
        assertEquals(303, callback("authCode=" + approve(third, "alice") + "&state=" + third).status());
        assertEquals("alice", signedIn(browser).getUnionId());
    }

    @Test
    void callbackWithReplayedStateIsRejected() {
        String state = startLogin(browser, "/a");
        dingtalk.setFault(Endpoint.PROFILE, Fault.html500());
        String code = approve(state, "union-1");
        assertEquals(502, callback("authCode=" + code + "&state=" + state).status());
        Exchange replay = callback("authCode=" + code + "&state=" + state);
        assertEquals(400, replay.status());
        assertTrue(replay.body().contains("Reason: state_unknown"), replay::body);
        assertEquals(1, dingtalk.stats().tokenRequests(), "the code was redeemed twice");
    }

    @Test
    void callbackFromAnotherBrowserIsRejectedAndLeavesTheOwnersLoginUsable() {
        Browser attacker = container.browser();
        String attackerState = startLogin(attacker, "/x");
        startLogin(browser, "/a");
        String code = approve(attackerState, "attacker");
        assertRefused(callback("authCode=" + code + "&state=" + attackerState), 400, "state_unknown");
        Exchange own = attacker.get(CALLBACK + "?authCode=" + code + "&state=" + attackerState).send(filter);
        assertEquals(303, own.status());
    }

    // ------------------------------------------------------------------------------------------ malformed input

    @Test
    void callbackWithoutStateIsRejectedWithoutASession() {
        startLogin(browser, "/a");
        assertRefused(callback("authCode=CODE1"), 400, "state_missing");
        assertEquals(1, pending(browser).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"state=", "state=%20", "state=+", "state"})
    void callbackWithEmptyStateIsRejected(String state) {
        assertRefused(callback("authCode=CODE1&" + state), 400, "state_missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STATE", "abc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%2B",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%00", "%E2%80%AEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void callbackWithMalformedStateIsRejected(String state) {
        assertRefused(callback("authCode=CODE1&state=" + state), 400, "state_invalid");
    }

    @Test
    void callbackWithHugeStateIsRejected() {
        assertRefused(callback("authCode=CODE1&state=" + "A".repeat(100 * 1024)), 400, "malformed_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"state=%ZZ", "state=%C0%AF", "state=%", "authCode=%E6%8A"})
    void callbackWithBrokenEncodingIsRejected(String broken) {
        assertRefused(callback("authCode=CODE1&" + broken), 400, "malformed_request");
    }

    @Test
    void callbackWithUnknownStateAndNoSessionIsRejectedWithoutMakingOne() {
        Exchange exchange = callback("authCode=CODE1&state=" + UNKNOWN_STATE);
        assertRefused(exchange, 400, "state_unknown");
        assertEquals(0, container.sessionCount());
    }

    @Test
    void callbackWithUnknownStateLeavesTheOtherLoginsOfTheSession() {
        String first = startLogin(browser, "/a");
        String second = startLogin(browser, "/b");
        assertRefused(callback("authCode=CODE1&state=" + UNKNOWN_STATE), 400, "state_unknown");
        assertEquals("/a", callback("authCode=" + approve(first, "union-1") + "&state=" + first).location());
        assertEquals("/b", callback("authCode=" + approve(second, "union-1") + "&state=" + second).location());
    }

    @Test
    void callbackWithDifferingAuthCodeAndCodeIsRejected() {
        String state = startLogin(browser, "/a");
        assertRefused(callback("authCode=CODE1&code=CODE2&state=" + state), 400, "code_conflict");
        assertEquals(1, pending(browser).size(), "a malformed callback consumed the state");
    }

    @Test
    void callbackWithErrorAndCodeIsRejected() {
        String state = startLogin(browser, "/a");
        assertRefused(callback("authCode=CODE1&error=access_denied&state=" + state), 400, "error_with_code");
    }

    @Test
    void callbackWithoutCodeOrErrorIsRejected() {
        String state = startLogin(browser, "/a");
        assertRefused(callback("state=" + state), 400, "code_missing");
        assertRefused(callback("authCode=&state=" + state), 400, "code_missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x%22%2C%22clientId%22%3A%22other", "a+b", "%0d%0a"})
    void callbackWithMalformedCodeIsRejected(String code) {
        String state = startLogin(browser, "/a");
        assertRefused(callback("authCode=" + code + "&state=" + state), 400, "code_invalid");
    }

    @Test
    void callbackWithOverlongCodeIsRejected() {
        String state = startLogin(browser, "/a");
        assertRefused(callback("authCode=" + "c".repeat(257) + "&state=" + state), 400, "code_invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"state", "authCode", "code", "error"})
    void callbackWithDuplicateParameterIsRejected(String name) {
        String state = startLogin(browser, "/a");
        String value = name.equals("state") ? state : "V1";
        String twice = name + "=" + value + "&" + name + "=" + value;
        String rest = name.equals("state") ? "authCode=CODE1" : "state=" + state;
        assertRefused(callback(rest + "&" + twice), 400, "duplicate_parameter");
        assertEquals(1, pending(browser).size());
    }

    @Test
    void callbackWithDuplicateStateOfTwoDifferentValuesIsRejected() {
        String first = startLogin(browser, "/a");
        String second = startLogin(browser, "/b");
        assertRefused(callback("authCode=CODE1&state=" + first + "&state=" + second), 400, "duplicate_parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "POST", "PUT", "OPTIONS"})
    void callbackWithOtherMethodIsRefusedAndTheStateIsNotConsumed(String method) {
        String state = startLogin(browser, "/a");
        String code = approve(state, "union-1");
        Exchange exchange = browser.request(method, CALLBACK + "?authCode=" + code + "&state=" + state).send(filter);
        assertRefused(exchange, 405, "method_not_allowed");
        assertEquals("GET", exchange.header("Allow"));
        assertEquals(1, pending(browser).size());
        assertEquals(303, callback("authCode=" + code + "&state=" + state).status());
    }

    // ---------------------------------------------------------------------------------------- error and expiry

    @Test
    void callbackWithAccessDeniedAndValidStateShowsAFixedCancelledPage() {
        String state = startLogin(browser, "/a");
        Exchange exchange = callback("error=ACCOUNT_LOCKED_visit_evil.test&error_description="
                + "YOUR+ACCOUNT+WAS+LOCKED+GO+TO+https%3A%2F%2Fevil.test&state=" + state);
        assertRefused(exchange, 403, "access_denied");
        assertFalse(exchange.everything().contains("LOCKED"), exchange::everything);
        assertFalse(exchange.everything().contains("evil"), exchange::everything);
        assertTrue(exchange.body().contains("/dingtalk/login"), "offers a new login");
        assertEquals(0, pending(browser).size(), "the state was not consumed");
    }

    @Test
    void callbackWithScriptInTheErrorDoesNotEchoIt() {
        String state = startLogin(browser, "/a");
        Exchange exchange = callback("error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state=" + state);
        assertEquals(403, exchange.status());
        assertFalse(exchange.body().contains("<script>"), exchange::body);
    }

    @Test
    void callbackWithErrorAndUnknownStateIsRejectedAsUnknown() {
        assertRefused(callback("error=access_denied&state=" + UNKNOWN_STATE), 400, "state_unknown");
    }

    @Test
    void callbackOnAnInvalidatedSessionIsRejected() {
        FakeSession session = browser.newSession();
        String state = startLogin(browser, "/a");
        Browser stale = container.browser();
        stale.useSessionId(session.getId());
        session.invalidate();
        Exchange exchange = stale.get(CALLBACK + "?authCode=CODE1&state=" + state).send(filter);
        assertEquals(400, exchange.status());
        assertTrue(exchange.body().contains("Reason: state_unknown"), exchange::body);
    }

    // ------------------------------------------------------------------------------------ DingTalk says no

    @Test
    void callbackWhenDingTalkRefusesTheCodeShowsProviderErrorAndConsumesTheState() {
        String state = startLogin(browser, "/a");
        Exchange exchange = callback("authCode=UNKNOWN-CODE&state=" + state);
        assertEquals(502, exchange.status());
        assertTrue(exchange.body().contains("Reason: provider_error"), exchange::body);
        assertFalse(exchange.body().contains("不合法的临时授权码"), "the provider's message reached the page");
        assertFalse(exchange.body().contains("invalidCode"), "the provider's code reached the page");
        assertNull(signedIn(browser));
        Exchange replay = callback("authCode=UNKNOWN-CODE&state=" + state);
        assertEquals(400, replay.status());
        assertEquals(1, dingtalk.stats().tokenRequests(), "the exchange was retried");
    }

    @Test
    void callbackWhenTheTokenHasCrLfFailsBeforeAnyProfileCall() {
        String state = startLogin(browser, "/a");
        dingtalk.setFault(Endpoint.TOKEN, Fault.accessTokenValue("AT-1\r\nX-Evil: 1"));
        Exchange exchange = callback("authCode=" + approve(state, "union-1") + "&state=" + state);
        assertEquals(502, exchange.status());
        assertTrue(exchange.body().contains("Reason: invalid_response"), exchange::body);
        assertEquals(0, dingtalk.stats().profileRequests());
        assertNull(signedIn(browser));
    }

    @Test
    void callbackWhenTheProfileFailsLeavesNoPrincipal() {
        String state = startLogin(browser, "/a");
        dingtalk.setFault(Endpoint.PROFILE, Fault.html500());
        Exchange exchange = callback("authCode=" + approve(state, "union-1") + "&state=" + state);
        assertEquals(502, exchange.status());
        assertNull(signedIn(browser));
    }

    @Test
    void callbackWhenDingTalkIsDownShowsProviderUnavailable() throws Exception {
        dingtalk.close();
        String state = startLogin(browser, "/a");
        Exchange exchange = callback("authCode=CODE1&state=" + state);
        assertEquals(502, exchange.status());
        assertTrue(exchange.body().contains("Reason: provider_unavailable"), exchange::body);
    }

    @Test
    void callbackWhenDingTalkIsTooSlowShowsProviderTimeoutWithinTheDeadline() throws Exception {
        DingTalkAuthFilter impatient = Filters.start(container, Filters.params(dingtalk, "requestTimeout", "1s"));
        try {
            String state = startLogin(browser, "/a");
            dingtalk.setFault(Endpoint.TOKEN, Fault.delay(Duration.ofSeconds(20)));
            long start = System.nanoTime();
            Exchange exchange = browser.get(CALLBACK + "?authCode=" + approve(state, "union-1") + "&state=" + state)
                    .send(impatient);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(504, exchange.status());
            assertTrue(exchange.body().contains("Reason: provider_timeout"), exchange::body);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, () -> "took " + took);
        } finally {
            impatient.destroy();
        }
    }

    @Test
    void callbackNeverShowsAStackTraceOrTheSecret() {
        String state = startLogin(browser, "/a");
        String deep = "{\"accessToken\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        dingtalk.setFault(Endpoint.TOKEN, Fault.status(200, "application/json", deep));
        Exchange exchange = callback("authCode=" + approve(state, "union-1") + "&state=" + state);
        assertEquals(502, exchange.status());
        assertFalse(exchange.everything().contains("Exception"), exchange::everything);
        assertFalse(exchange.everything().contains("CANARY"), exchange::everything);
        assertFalse(exchange.everything().contains("127.0.0.1"), exchange::everything);
    }

    @Test
    void callbackSuccessLocationCarriesNoCodeOrState() {
        String state = startLogin(browser, "/a?x=1");
        String code = approve(state, "union-1");
        Exchange exchange = callback("authCode=" + code + "&state=" + state);
        assertFalse(exchange.location().contains(code));
        assertFalse(exchange.location().contains(state));
        assertNotNull(browser.session());
        assertSame(browser.session(), container.session(browser.sessionId()));
    }
}
