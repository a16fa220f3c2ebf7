package io.github.dingtalkauth.security;

import static io.github.dingtalkauth.security.SecurityApp.LOGIN;
import static io.github.dingtalkauth.security.SecurityApp.LOGOUT;
import static io.github.dingtalkauth.security.SecurityApp.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.SignIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checklist D: the session id changes at login, logout ends the session, and anonymous traffic stays cheap. */
class SessionTest {
    static SecurityApp app;
    /** With stateTtl=2s: pre-login sessions live 2 s, a signed-in one as long as web.xml says (30 minutes). */
    static SecurityApp expiring;
    static Browser signedIn;
    static Browser navigated;
    static SecurityApp.Approved pendingFromNavigation;
    static long expiryWaitEnds;

    @BeforeAll
    static void start() throws Exception {
        startIn(Flow.OAUTH2);
    }

    static void startIn(Flow flow) throws Exception {
        app = SecurityApp.start(flow);
        expiring = SecurityApp.start(flow, "stateTtl", "2s");
        signedIn = expiring.browser();
        expiring.signIn(signedIn, "/me", "zhangsan");
        navigated = expiring.browser();
        pendingFromNavigation = expiring.approved(navigated, "/me", "zhangsan");
        // The other tests run meanwhile; the two lifetime tests wait for whatever is left of 3 s.
        expiryWaitEnds = System.nanoTime() + 3_000_000_000L;
    }

    @AfterAll
    static void stop() {
        try {
            app.close();
        } finally {
            expiring.close();
        }
    }

    @Test
    @DisplayName("D1 a session id planted by the attacker is not signed in after the victim signs in; the new one is")
    void d1_plantedSessionIdIsNotSignedIn() {
        Browser attacker = app.browser();
        assertTrue(attacker.navigate(LOGIN).setsCookie(SESSION_COOKIE).isEmpty(), "an anonymous session to plant");
        app.signIn(attacker, "/me", "lisi"); // the only session id an attacker can get: his own, signed in
        String planted = attacker.cookie(SESSION_COOKIE);
        assertNotNull(planted);
        Browser victim = app.browser();
        victim.setCookie(SESSION_COOKIE, planted);

        // The victim signs in through the login page (a protected page would already show the attacker's account).
        Browser.Response done = SignIn.callback(victim,
                app.approve(victim, SignIn.start(victim, LOGIN + "?returnTo=/me"), "zhangsan").callbackUrl());
        String fresh = done.setsCookie(SESSION_COOKIE).orElseThrow(() -> new AssertionError("no new session id"));
        assertNotEquals(planted, fresh);
        assertEquals(401, Reject.probe(attacker).status(), "the planted id must not be signed in");
        Browser.Response me = Reject.probe(victim);
        assertEquals(200, me.status());
        assertTrue(me.body().contains("\"nick\":\"张三\""), me::body);
    }

    @ParameterizedTest(name = "D1 {0}")
    @ValueSource(strings = {LOGIN + ";jsessionid=ATTACKER0001", "/me;jsessionid=ATTACKER0001",
            "/me;JSESSIONID=ATTACKER0001?x=1"})
    @DisplayName("D1 a ;jsessionid= in the URL is never adopted and never written back")
    void d1_urlSessionIdIsNeverAdopted(String path) {
        Browser browser = app.browser();
        Browser.Response login = browser.navigate(path);
        assertEquals(302, login.status(), login::body);
        assertTrue(login.setsCookie(SESSION_COOKIE).isEmpty(), "a login start created a session");
        assertNoUrlSessionId(login);
        SignIn.Started started = new SignIn.Started(login.location(), login.locationParameter("state"));
        Browser.Response done = SignIn.callback(browser, app.approve(browser, started, "zhangsan").callbackUrl());
        assertEquals(303, done.status(), done::body);
        assertNoUrlSessionId(done);
        assertFalse(done.setsCookie(SESSION_COOKIE).orElseThrow().contains("ATTACKER0001"));
    }

    @Test
    @DisplayName("D1 a real session id in the URL does not sign another browser in (cookies only)")
    void d1_urlSessionIdOfSignedInUserIsIgnored() {
        Browser victim = app.browser();
        app.signIn(victim, "/me", "zhangsan");
        String id = victim.cookie(SESSION_COOKIE);
        Browser attacker = app.browser();
        Browser.Response stolen = attacker.get("/api/me;jsessionid=" + id, "Accept", "application/json");
        assertEquals(401, stolen.status(), stolen::body);
        assertTrue(stolen.setsCookie(SESSION_COOKIE).isEmpty());
    }

    @Test
    @DisplayName("D1 an unknown session cookie is never adopted: the server issues its own id")
    void d1_unknownSessionCookieIsNotAdopted() {
        Browser browser = app.browser();
        browser.setCookie(SESSION_COOKIE, "nonexistent");
        Browser.Response login = browser.navigate(LOGIN);
        assertEquals(302, login.status());
        assertTrue(login.setsCookie(SESSION_COOKIE).isEmpty(), "a login start touched the session");
        Browser.Response done = SignIn.callback(browser,
                app.approve(browser, new SignIn.Started(login.location(), login.locationParameter("state")),
                        "zhangsan").callbackUrl());
        assertNotEquals("nonexistent", done.setsCookie(SESSION_COOKIE).orElseThrow());
    }

    @Test
    @DisplayName("D2 the session cookie is HttpOnly, SameSite=Lax, host-only, Path=/, a session cookie, and holds no secret")
    void d2_sessionCookieAttributes() {
        Browser browser = app.browser();
        Browser.Response login = browser.navigate(LOGIN);
        Browser.Response done = SignIn.callback(browser,
                app.approve(browser, new SignIn.Started(login.location(), login.locationParameter("state")),
                        "zhangsan").callbackUrl());
        assertTrue(login.setsCookie(SESSION_COOKIE).isEmpty(), "a login start created a session");
        for (Browser.Response response : List.of(done)) {
            List<String> cookies = response.setCookies().stream()
                    .filter(c -> c.toLowerCase(Locale.ROOT).startsWith("jsessionid=")).toList();
            assertEquals(1, cookies.size(), response.setCookies()::toString);
            String cookie = cookies.get(0);
            List<String> attributes = new ArrayList<>();
            for (String part : cookie.split(";")) {
                attributes.add(part.trim().toLowerCase(Locale.ROOT));
            }
            assertTrue(attributes.get(0).startsWith("jsessionid="), cookie);
            assertTrue(attributes.contains("httponly"), cookie);
            assertTrue(attributes.contains("samesite=lax"), cookie);
            assertTrue(attributes.contains("path=/"), cookie);
            assertTrue(attributes.stream().noneMatch(a -> a.startsWith("domain=")), cookie);
            assertTrue(attributes.stream().noneMatch(a -> a.startsWith("max-age=") || a.startsWith("expires=")),
                    cookie);
            assertFalse(cookie.contains(SecurityApp.CANARY), cookie);
        }
    }

    @Test
    @DisplayName("D3 a second user signing in over the first gets a fresh session with nothing of the first")
    void d3_secondUserGetsFreshSession() {
        Browser browser = app.browser();
        SignIn.Started one = SignIn.start(browser, LOGIN + "?returnTo=/one");
        SignIn.Started two = SignIn.start(browser, LOGIN + "?returnTo=/two");
        SignIn.Started three = SignIn.start(browser, LOGIN + "?returnTo=/three");
        SecurityApp.Approved first = app.approve(browser, one, "zhangsan");
        SecurityApp.Approved second = app.approve(browser, two, "lisi");
        SecurityApp.Approved third = app.approve(browser, three, "lisi");

        assertEquals("/one", SignIn.callback(browser, first.callbackUrl()).location());
        String firstSession = browser.cookie(SESSION_COOKIE);
        assertTrue(Reject.probe(browser).body().contains("\"nick\":\"张三\""));

        Browser.Response switched = SignIn.callback(browser, second.callbackUrl());
        assertEquals(303, switched.status(), switched::body);
        assertEquals("/two", switched.location());
        String secondSession = switched.setsCookie(SESSION_COOKIE).orElseThrow(() -> new AssertionError("no new id"));
        assertNotEquals(firstSession, secondSession);
        String profile = Reject.probe(browser).body();
        assertTrue(profile.contains("\"nick\":\"李四\""), profile);
        assertFalse(profile.contains("张三"), profile);
        assertEquals(401, Reject.probe(withSession(firstSession)).status(), "the first user's session is gone");

        // Only the logins still in flight came along.
        Browser.Response last = SignIn.callback(browser, third.callbackUrl());
        assertEquals("/three", last.location());
        assertTrue(Reject.probe(browser).body().contains("\"nick\":\"李四\""));
    }

    @Test
    @DisplayName("D3 signing in again as the same user changes the session id again")
    void d3_sameUserSigningInAgainGetsNewId() {
        Browser browser = app.browser();
        app.signIn(browser, "/me", "zhangsan");
        String first = browser.cookie(SESSION_COOKIE);
        Browser.Response again = app.signIn(browser, LOGIN + "?returnTo=/me", "zhangsan");
        String second = again.setsCookie(SESSION_COOKIE).orElseThrow(() -> new AssertionError("no new id"));
        assertNotEquals(first, second);
        assertEquals(401, Reject.probe(withSession(first)).status());
        assertEquals(200, Reject.probe(browser).status());
    }

    @Test
    @DisplayName("D4 GET on the logout path only asks: a page with a POST form, and nobody is signed out")
    void d4_getLogoutAsksAndSignsNobodyOut() {
        Browser browser = app.browser();
        app.signIn(browser, "/me", "zhangsan");
        Browser.Response get = browser.navigate(LOGOUT);
        assertEquals(200, get.status(), get::body);
        assertTrue(get.body().contains("<form method=\"post\" action=\"" + LOGOUT + "\">"), get::body);
        assertEquals("no-store", get.header("cache-control"));
        assertTrue(get.setsCookie(SESSION_COOKIE).isEmpty());
        assertEquals(200, Reject.probe(browser).status(), "still signed in");
    }

    @ParameterizedTest(name = "D4 {0} on the logout path")
    @ValueSource(strings = {"PUT", "DELETE", "PATCH"})
    @DisplayName("D4 other methods on the logout path are refused with 405 and sign nobody out")
    void d4_otherLogoutMethodsAreRefused(String method) {
        Browser browser = app.browser();
        app.signIn(browser, "/me", "zhangsan");
        Browser.Response answer = browser.send(method, LOGOUT, "");
        assertEquals(405, answer.status(), answer::body);
        assertEquals("GET, POST", answer.header("allow"));
        assertEquals("no-store", answer.header("cache-control"));
        assertEquals(200, Reject.probe(browser).status(), "still signed in");
    }

    static Stream<Arguments> crossSiteLogouts() {
        return Stream.of(
                Arguments.of("Origin", "http://evil.test"),
                Arguments.of("Origin", "null"),
                Arguments.of("Origin", "http://localhost:1"),
                Arguments.of("Sec-Fetch-Site", "cross-site"),
                Arguments.of("Sec-Fetch-Site", "same-site"));
    }

    @ParameterizedTest(name = "D4 logout with {0}: {1}")
    @MethodSource("crossSiteLogouts")
    @DisplayName("D4 a logout POST from another site is refused with 403 and signs nobody out")
    void d4_crossSiteLogoutIsRefused(String header, String value) {
        Browser browser = app.browser();
        app.signIn(browser, "/me", "zhangsan");
        Browser.Response post = browser.postForm(LOGOUT, "", header, value);
        assertEquals(403, post.status(), post::body);
        assertTrue(post.body().contains("Reason: cross_site_logout"), post::body);
        assertEquals("no-store", post.header("cache-control"));
        assertTrue(post.setsCookie(SESSION_COOKIE).isEmpty());
        assertEquals(200, Reject.probe(browser).status(), "still signed in");
    }

    @Test
    @DisplayName("D4 logout answers 303 to a fixed place, uncached, and the old session cookie is dead")
    void d4_logoutEndsTheSession() {
        Browser browser = app.browser();
        app.signIn(browser, "/me", "zhangsan");
        Browser.Response me = browser.navigate("/me");
        assertEquals(200, me.status());
        assertEquals("no-store", me.header("cache-control"), "signed-in pages are not cached");
        String old = browser.cookie(SESSION_COOKIE);

        Browser.Response out = browser.postForm(LOGOUT, "", "Origin", "http://localhost:" + app.base().getPort(),
                "Sec-Fetch-Site", "same-origin");
        assertEquals(303, out.status(), out::body);
        assertEquals("/", out.location());
        assertEquals("no-store", out.header("cache-control"));

        Browser replay = withSession(old);
        assertEquals(401, Reject.probe(replay).status(), "the old cookie must not work after logout");
        Browser.Response page = replay.navigate("/me");
        assertEquals(302, page.status(), "a navigation with the old cookie is sent to sign in again");
        assertTrue(page.location().startsWith(app.authorizeUrl()), page.location());
        assertEquals(401, Reject.probe(browser).status());
    }

    static Stream<Arguments> anonymousRequests() {
        String randomCallback = SecurityApp.CALLBACK + "?" + app.codeQuery("abc") + "&state=" + StateTest.randomState();
        return Stream.of(
                Arguments.of("GET", "/", "text/html", null),
                Arguments.of("GET", "/public/about.html", "text/html", null),
                Arguments.of("GET", "/static/style.css", "text/css,*/*;q=0.1", null),
                Arguments.of("GET", "/favicon.ico", "image/avif,image/webp,image/*,*/*;q=0.8", null),
                Arguments.of("GET", "/me", "image/*", null),
                Arguments.of("GET", "/api/me", "application/json", null),
                Arguments.of("GET", "/api/me", "*/*", "XMLHttpRequest"),
                Arguments.of("GET", "/me", "text/html", "XMLHttpRequest"),
                Arguments.of("POST", "/me", "text/html", null),
                Arguments.of("GET", randomCallback, "text/html", null),
                Arguments.of("GET", SecurityApp.CALLBACK, "text/html", null),
                Arguments.of("GET", SecurityApp.CALLBACK + "?error=access_denied", "text/html", null),
                Arguments.of("HEAD", randomCallback, "text/html", null),
                Arguments.of("POST", randomCallback, "text/html", null),
                Arguments.of("GET", LOGOUT, "text/html", null),
                Arguments.of("POST", LOGOUT, "text/html", null),
                Arguments.of("POST", LOGIN, "text/html", null));
    }

    @ParameterizedTest(name = "D6 {0} {1} (Accept: {2}, X-Requested-With: {3})")
    @MethodSource("anonymousRequests")
    @DisplayName("D6 anonymous requests that do not start a login create no session")
    void d6_anonymousRequestsCreateNoSession(String method, String path, String accept, String requestedWith) {
        List<String> headers = new ArrayList<>(List.of("Accept", accept));
        if (requestedWith != null) {
            headers.addAll(List.of("X-Requested-With", requestedWith));
        }
        Browser browser = app.browser();
        Browser.Response response = browser.send(method, path, method.equals("POST") ? "" : null,
                headers.toArray(String[]::new));
        Reject.assertNoStackTrace(response.status(), response.body());
        assertTrue(response.status() != 302, () -> "a non-login request started a login: " + response.location());
        assertTrue(response.setsCookie(SESSION_COOKIE).isEmpty(), response.setCookies()::toString);
    }

    @Test
    @DisplayName("D6 500 manufactured callbacks without a session never reach DingTalk and create no session")
    void d6_manufacturedCallbacksNeverReachDingTalk() {
        Stats before = app.stats();
        Browser bot = app.browser();
        for (int i = 0; i < 500; i++) {
            Browser.Response answer = bot.navigate(SecurityApp.CALLBACK + "?" + app.codeQuery("CODE" + i) + "&state="
                    + StateTest.randomState());
            assertEquals(400, answer.status());
            assertTrue(answer.setCookies().isEmpty());
        }
        assertEquals(before.tokenRequests(), app.stats().tokenRequests());
        assertEquals(before.profileRequests(), app.stats().profileRequests());
    }

    @Test
    @DisplayName("D6 one browser starting 200 logins keeps one session with only the newest 8 pending")
    void d6_pendingLoginsStayAtTheBound() {
        Browser browser = app.browser();
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Browser.Response login = browser.navigate(LOGIN);
            assertEquals(302, login.status());
            assertTrue(login.setsCookie(SESSION_COOKIE).isEmpty(), "a login start created a session");
            states.add(login.locationParameter("state"));
        }
        // A state still pending takes the callback on to DingTalk with this made-up code (which it refuses);
        // one no longer pending is refused before any call.
        for (int i = 0; i < 192; i++) {
            Reject.Before before = Reject.before(app, browser);
            Reject.assertRejected(browser.navigate(SecurityApp.CALLBACK + "?" + app.codeQuery("madeup") + "&state=" + states.get(i)),
                    before, "state_unknown");
        }
        int tokens = app.stats().tokenRequests();
        for (int i = 192; i < 200; i++) {
            Browser.Response pending = browser.navigate(SecurityApp.CALLBACK + "?" + app.codeQuery("madeup") + "&state="
                    + states.get(i));
            assertEquals(502, pending.status(), pending::body);
            assertTrue(pending.body().contains("Reason: provider_error"), pending::body);
        }
        assertEquals(tokens + 8, app.stats().tokenRequests());
    }

    @Test
    @DisplayName("D5 signing in lifts the short pre-login idle timeout")
    void d5_signedInSessionOutlivesThePreLoginTimeout() throws InterruptedException {
        awaitExpiry();
        Browser.Response me = Reject.probe(signedIn);
        assertEquals(200, me.status(), me::body);
    }

    @Test
    @DisplayName("D6 a session an anonymous navigation created is gone after stateTtl: its login is state_unknown")
    void d6_navigationSessionExpiresQuickly() throws InterruptedException {
        awaitExpiry();
        Reject.Before before = Reject.before(expiring, navigated);
        Reject.assertRejected(navigated.navigate(pendingFromNavigation.callbackUrl()), before, "state_expired");
    }

    /** Until 3 s after {@link #start}: past the 2 s pre-login lifetime of the expiring app's sessions. */
    private static void awaitExpiry() throws InterruptedException {
        long left = expiryWaitEnds - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000 + 1);
        }
    }

    private static Browser withSession(String id) {
        Browser browser = app.browser();
        browser.setCookie(SESSION_COOKIE, id);
        return browser;
    }

    private static void assertNoUrlSessionId(Browser.Response response) {
        String location = response.location() == null ? "" : response.location().toLowerCase(Locale.ROOT);
        assertFalse(location.contains("jsessionid"), location);
        assertFalse(response.body().toLowerCase(Locale.ROOT).contains("jsessionid"), response::body);
    }
}
