package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeSession;
import io.github.dingtalkauth.support.FilterFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A signed-in user who comes back to a used callback URL (the Back button) is sent on into the application, never
 * shown "sign-in did not complete"; nothing is redeemed twice, and nobody else gets past an unknown state.
 */
class BackButtonTest extends FilterFixture {
    static final String CALLBACK = "/dingtalk/callback";
    static final String UNKNOWN_STATE = "A".repeat(43);

    /** Signs {@code b} in by the login URL, to return to {@code target}, and returns DingTalk's redirect back. */
    private String signedInVia(Browser b, String target, String unionId) {
        String state = startLogin(b, "/dingtalk/login?returnTo=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        String code = approve(state, unionId);
        String callback = CALLBACK + "?authCode=" + code + "&state=" + state;
        assertEquals(303, b.get(callback).send(filter).status());
        return callback;
    }

    @Test
    void signedInUserBackOnTheUsedCallbackGoesToThatLoginsPage() {
        String callback = signedInVia(browser, "/reports?id=1", "union-1");
        String sessionId = browser.sessionId();
        Exchange back = browser.get(callback).send(filter);
        assertAll(
                () -> assertEquals(303, back.status(), back::everything),
                () -> assertEquals("/reports?id=1", back.location()),
                () -> assertEquals("", back.body()),
                () -> assertEquals("no-store", back.header("Cache-Control")),
                () -> assertEquals(sessionId, browser.sessionId(), "nobody signed in again"),
                () -> assertEquals(1, dingtalk.stats().tokenRequests(), "the code was redeemed twice"),
                () -> assertEquals(1, dingtalk.stats().profileRequests()));
    }

    @Test
    void signedInUserOnACallbackWithAnUnknownStateGoesToTheContextRoot() {
        signedInVia(browser, "/reports", "union-1");
        Exchange back = browser.get(CALLBACK + "?authCode=CODE9&state=" + UNKNOWN_STATE).send(filter);
        assertEquals(303, back.status(), back::everything);
        assertEquals("/", back.location());
        assertEquals(1, dingtalk.stats().tokenRequests());
    }

    @Test
    void eachUsedCallbackLeadsBackToItsOwnPage() {
        String first = signedInVia(browser, "/a", "union-1");
        String second = signedInVia(browser, "/b", "union-1");
        assertEquals("/a", browser.get(first).send(filter).location());
        assertEquals("/b", browser.get(second).send(filter).location());
    }

    @Test
    void onlyTheLastFewUsedCallbacksAreRememberedThenTheContextRoot() {
        String oldest = signedInVia(browser, "/oldest", "union-1");
        for (int i = 0; i < 8; i++) {
            signedInVia(browser, "/p" + i, "union-1");
        }
        Exchange back = browser.get(oldest).send(filter);
        assertEquals(303, back.status());
        assertEquals("/", back.location());
    }

    @Test
    void theFirstUsersPagesAreForgottenWhenSomeoneElseSignsInOverThem() {
        String alices = signedInVia(browser, "/alice-only", "alice");
        signedInVia(browser, "/bob", "bob");
        assertEquals("/", browser.get(alices).send(filter).location());
    }

    @Test
    void anonymousBrowserWithAUsedCallbackIsStillRefused() {
        String callback = signedInVia(browser, "/a", "union-1");
        Browser stranger = container.browser();
        Exchange answer = stranger.get(callback).send(filter);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Reason: state_unknown"), answer::body);
        assertFalse(answer.sessionCreated());
        assertEquals(1, dingtalk.stats().tokenRequests());
    }

    @Test
    void sessionWithOnlyALoginInFlightIsStillRefusedAnUnknownState() {
        startLogin(browser, "/a");
        Exchange answer = browser.get(CALLBACK + "?authCode=CODE9&state=" + UNKNOWN_STATE).send(filter);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Reason: state_unknown"), answer::body);
    }

    @Test
    void signedOutBrowserBackOnTheUsedCallbackIsRefused() {
        String callback = signedInVia(browser, "/a", "union-1");
        assertEquals(303, browser.post("/dingtalk/logout").send(filter).status());
        Exchange answer = browser.get(callback).send(filter);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Reason: state_unknown"), answer::body);
        assertEquals(1, dingtalk.stats().tokenRequests());
    }

    @Test
    void signedInUserWithAMalformedCallbackIsStillRefused() {
        signedInVia(browser, "/a", "union-1");
        Exchange answer = browser.get(CALLBACK + "?authCode=CODE9").send(filter);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Reason: state_missing"), answer::body);
    }

    @Test
    void signedInUserWhoseSessionEndsMeanwhileIsRefusedNotRedirected() {
        String callback = signedInVia(browser, "/a", "union-1");
        FakeSession session = browser.session();
        session.invalidate();
        browser.useSessionId(session.getId()); // the browser still sends the old cookie
        Exchange answer = browser.get(callback).send(filter);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Reason: state_unknown"), answer::body);
    }
}
