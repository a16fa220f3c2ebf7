package io.github.dingtalkauth.security;

import static io.github.dingtalkauth.security.SecurityApp.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.MovableClock;
import io.github.dingtalkauth.testing.SignIn;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checklist D5, the absolute timeout: a sign-in lasts {@code maxSessionAge} (12 h by default) however busy the user
 * is; then pages go through DingTalk again and API calls get 401. The filter's clock is moved on, nobody waits.
 */
class AbsoluteTimeoutTest {
    static final Duration MAX_AGE = Duration.ofHours(12);
    static final MovableClock CLOCK = new MovableClock();
    static SecurityApp app;

    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(CLOCK);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A browser that signed in {@code maxSessionAge} ago and has not been back since. */
    private static Browser signedInLongAgo() {
        Browser browser = app.browser();
        app.signIn(browser, "/me", "zhangsan");
        CLOCK.advance(MAX_AGE);
        return browser;
    }

    @Test
    @DisplayName("D5 activity does not extend a sign-in: busy for 12 hours, then 401")
    void d5_activityDoesNotExtendTheSignIn() {
        Browser browser = app.browser();
        app.signIn(browser, "/me", "zhangsan");
        for (int hour = 1; hour < 12; hour++) {
            CLOCK.advance(Duration.ofHours(1).minusSeconds(1));
            assertEquals(200, Reject.probe(browser).status(), "hour " + hour);
        }
        CLOCK.advance(Duration.ofHours(1).plusSeconds(11));
        assertEquals(401, Reject.probe(browser).status());
    }

    @Test
    @DisplayName("D5 after maxSessionAge a page goes through DingTalk again and lands where it was")
    void d5_afterMaxAgeANavigationSignsInAgainAndReturnsToThePage() {
        Browser browser = signedInLongAgo();
        SignIn.Started again = SignIn.start(browser, "/me?tab=2");
        assertTrue(again.authorizeUrl().startsWith(app.emulator().authorizeUrl().toString()), again::authorizeUrl);
        Browser.Response done = SignIn.callback(browser, app.approve(browser, again, "zhangsan").callbackUrl());
        assertEquals(303, done.status(), done::body);
        assertEquals("/me?tab=2", done.location());
        assertEquals(200, Reject.probe(browser).status());
    }

    @Test
    @DisplayName("D5 after maxSessionAge the old session cookie signs nobody in, even when replayed")
    void d5_theExpiredSessionCookieIsDeadForGood() {
        Browser browser = signedInLongAgo();
        String expired = browser.cookie(SESSION_COOKIE);
        assertEquals(401, Reject.probe(browser).status());
        Browser replay = app.browser();
        replay.setCookie(SESSION_COOKIE, expired);
        Browser.Response again = Reject.probe(replay);
        assertEquals(401, again.status(), again::body);
        assertTrue(again.setsCookie(SESSION_COOKIE).isEmpty(), "an API 401 creates no session");
    }
}
