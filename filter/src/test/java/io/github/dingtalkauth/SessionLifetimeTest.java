package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.flow.SessionTimes;
import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeSession;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.web.SignedInRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** {@code maxSessionAge}: a sign-in lasts 12 hours by default, after which the next request needs a fresh one. */
class SessionLifetimeTest extends GuardFixture {
    static final Duration MAX_AGE = Duration.ofHours(12);

    @Test
    void signInStartsTheSessionClock() {
        clock.advance(Duration.ofMinutes(3));
        assertEquals(303, signIn(browser, "/reports", "union-alice").status());
        assertEquals(clock.instant(), times(browser.session()).signedInAt());
    }

    @Test
    void justBeforeMaxSessionAgeTheRequestIsStillSignedIn() {
        Browser alice = signedIn(ALICE);
        clock.advance(MAX_AGE.minusMillis(1));
        assertInstanceOf(SignedInRequest.class, alice.navigate("/reports").send(filter).passedOn());
    }

    @Test
    void afterMaxSessionAgeANavigationGoesToDingTalkAndReturnsToThePage() {
        Browser alice = signedIn(ALICE);
        clock.advance(MAX_AGE);
        Exchange exchange = alice.navigate("/reports?tab=2").send(filter);
        assertFalse(exchange.passedThrough());
        assertEquals(302, exchange.status(), exchange::everything);
        assertTrue(exchange.location().startsWith(AUTHORIZE + "?"), exchange::location);
        assertEquals("/reports?tab=2", pending(alice).targetOf(query(exchange.location()).get("state")));
    }

    @Test
    void afterMaxSessionAgeTheSignedInSessionIsInvalidated() {
        Browser alice = signedIn(ALICE);
        FakeSession old = alice.session();
        clock.advance(MAX_AGE);
        alice.navigate("/reports").send(filter);
        assertFalse(old.isValid());
        assertNull(alice.session(), "the new login made a session before sign-in");
    }

    @Test
    void afterMaxSessionAgeAnApiCallGets401WithoutANewSession() {
        Browser alice = signedIn(ALICE);
        FakeSession old = alice.session();
        clock.advance(MAX_AGE);
        Exchange exchange = alice.get("/api/orders").header("Accept", "application/json").send(filter);
        assertEquals(401, exchange.status());
        assertFalse(exchange.passedThrough());
        assertFalse(old.isValid());
        assertNull(alice.session());
    }

    @Test
    void afterMaxSessionAgeAnExcludedPathIsServedToAnAnonymousVisitor() {
        Browser alice = signedIn(ALICE);
        clock.advance(MAX_AGE);
        Exchange exchange = alice.navigate("/public/info").send(filter);
        assertSame(exchange.request(), exchange.passedOn());
    }

    @Test
    void theEndOfASessionIsLoggedWithAReasonAndNothingAboutThePerson() {
        Browser alice = signedIn(ALICE);
        clock.advance(MAX_AGE);
        alice.navigate("/reports").send(filter);
        assertTrue(log.messages(Level.INFO).contains("DingTalk sign-in ended: reason=session_expired"), log::all);
        for (String personal : List.of("union-alice", "Alice", "alice@example.com")) {
            assertFalse(log.all().contains(personal), log::all);
        }
    }

    @Test
    void aFreshSignInRestartsTheClock() {
        signIn(browser, "/reports", "union-alice");
        clock.advance(Duration.ofHours(11));
        assertEquals(303, signIn(browser, "/dingtalk/login?returnTo=%2Freports", "union-alice").status());
        clock.advance(Duration.ofHours(2));
        assertInstanceOf(SignedInRequest.class, browser.navigate("/reports").send(filter).passedOn());
    }

    @Test
    void aSessionSignedInBeforeSignInTimesWereKeptStartsItsClockAtItsNextRequest() {
        Browser alice = container.browser();
        FakeSession session = alice.newSession();
        session.setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, ALICE);
        clock.advance(Duration.ofDays(3));

        assertInstanceOf(SignedInRequest.class, alice.navigate("/reports").send(filter).passedOn());
        SessionTimes started = times(session);
        assertNotNull(started);
        assertEquals(clock.instant(), started.signedInAt());
    }

    @Test
    void aSessionWhoseClockStartedLateStillExpiresAfterMaxSessionAge() {
        Browser alice = container.browser();
        alice.newSession().setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, ALICE);
        alice.navigate("/reports").send(filter);
        clock.advance(MAX_AGE);
        assertEquals(302, alice.navigate("/reports").send(filter).status());
    }

    @Test
    void maxSessionAgeIsASetting() throws Exception {
        filter.destroy();
        filter = Filters.start(new DingTalkAuthFilter(Filters.settings(Filters.params(dingtalk, "maxSessionAge", "30m"))
                .build().withClock(clock)), container, Map.of());
        Browser alice = signedIn(ALICE);
        clock.advance(Duration.ofMinutes(30));
        assertEquals(302, alice.navigate("/reports").send(filter).status());
    }
}
