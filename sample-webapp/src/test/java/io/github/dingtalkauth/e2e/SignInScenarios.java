package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sign-in scenarios every container must pass, written once and run over real HTTP against a deployed
 * application and the DingTalk emulator. A subclass deploys the filter in its container and says where things are.
 */
public abstract class SignInScenarios {
    protected static final String LOGIN = "/dingtalk/login";
    protected static final String LOGOUT = "/dingtalk/logout";
    protected static final String SESSION_COOKIE = "JSESSIONID";
    private static final String[] API_REQUEST = {"Accept", "application/json", "X-Requested-With", "XMLHttpRequest"};

    /** The application's base URI including its context path, without a trailing slash. */
    protected abstract URI base();

    /** The context path: "" at the root. */
    protected abstract String contextPath();

    protected abstract DingTalkEmulator emulator();

    /** A protected page (relative to the context) that shows what {@code getRemoteUser()} says. */
    protected abstract String protectedPage();

    /** A page in excludePaths. */
    protected abstract String publicPage();

    /** What {@link #protectedPage()} reported as {@code request.getRemoteUser()}. */
    protected abstract String remoteUser(Browser.Response protectedPage);

    /** The DingTalk page the filter sends the browser to: the new flow's, unless a subclass runs another flow. */
    protected String authorizePage() {
        return emulator().authorizeUrl();
    }

    /** DingTalk's redirect back as this deployment receives it; the emulator sends both code and authCode. */
    protected String asDelivered(String callbackUrl) {
        return callbackUrl;
    }

    @BeforeEach
    void forgetEarlierTests() {
        emulator().reset();
    }

    @Test
    void signInLandsOnTheRequestedPageWithTheUnionIdAsRemoteUser() {
        Browser browser = browser();
        SignIn.Started started = SignIn.start(browser, protectedPage());
        assertTrue(started.authorizeUrl().startsWith(authorizePage() + "?"), started.authorizeUrl());

        Browser.Response done = callback(browser, SignIn.approve(browser, started, "zhangsan"));

        assertEquals(303, done.status(), done.body());
        assertEquals(contextPath() + protectedPage(), done.location());
        Browser.Response page = follow(browser, done);
        assertEquals(200, page.status(), page.body());
        assertEquals(unionId("zhangsan"), remoteUser(page));
    }

    @Test
    void explicitLoginWithReturnToLandsOnThatPage() {
        Browser browser = browser();
        String target = protectedPage() + "?from=explicit";

        Browser.Response done = signIn(browser, LOGIN + "?returnTo=" + Query.encode(target), "zhangsan");

        assertEquals(303, done.status(), done.body());
        assertEquals(contextPath() + target, done.location());
        Browser.Response page = follow(browser, done);
        assertEquals(200, page.status(), page.body());
        assertEquals(unionId("zhangsan"), remoteUser(page));
    }

    /** Containers differ in how they decode and re-encode a request URI; the Location must come back as it went. */
    @Test
    void aPageWithNonAsciiPathAndQueryComesBackPercentEncodedAfterSignIn() {
        Browser browser = browser();
        String page = protectedPage() + "/%E6%8A%A5%E5%91%8A?name=%E5%BC%A0%E4%B8%89&x=a%20b";

        Browser.Response done = signIn(browser, page, "zhangsan");

        assertEquals(303, done.status(), done.body());
        assertEquals(contextPath() + page, done.location());
    }

    @Test
    void twoTabsCompletedInReverseOrderBothSignInAndLandOnTheirOwnPages() {
        Browser browser = browser();
        SignIn.Started first = SignIn.start(browser, protectedPage() + "?tab=1");
        SignIn.Started second = SignIn.start(browser, protectedPage() + "?tab=2");
        assertNotEquals(first.state(), second.state());
        String firstCallback = SignIn.approve(browser, first, "zhangsan");
        String secondCallback = SignIn.approve(browser, second, "zhangsan");

        Browser.Response secondDone = callback(browser, secondCallback);
        Browser.Response firstDone = callback(browser, firstCallback);

        assertEquals(303, secondDone.status(), secondDone.body());
        assertEquals(contextPath() + protectedPage() + "?tab=2", secondDone.location());
        assertEquals(303, firstDone.status(), firstDone.body());
        assertEquals(contextPath() + protectedPage() + "?tab=1", firstDone.location());
        assertEquals(unionId("zhangsan"), remoteUser(follow(browser, firstDone)));
    }

    @Test
    void backToTheUsedCallbackWhenSignedInLandsOnThatPageAndRedeemsNothing() {
        Browser browser = browser();
        String callback = SignIn.approve(browser, SignIn.start(browser, protectedPage() + "?from=back"), "zhangsan");
        assertEquals(303, callback(browser, callback).status());

        Browser.Response back = callback(browser, callback);

        assertEquals(303, back.status(), back.body());
        assertEquals(contextPath() + protectedPage() + "?from=back", back.location());
        assertTrue(back.setsCookie(SESSION_COOKIE).isEmpty(), "nobody signed in again");
        assertEquals(1, emulator().stats().tokenRequests(), () -> emulator().stats().toString());
        assertEquals(unionId("zhangsan"), remoteUser(follow(browser, back)));
    }

    @Test
    void usedCallbackInABrowserNotSignedInIsRejectedAndTheCodeIsRedeemedOnlyOnce() {
        Browser browser = browser();
        String callback = SignIn.approve(browser, SignIn.start(browser, protectedPage()), "zhangsan");
        assertEquals(303, callback(browser, callback).status());

        Browser.Response replay = callback(browser(), callback);

        assertEquals(400, replay.status(), replay.body());
        assertReason("state_unknown", replay);
        assertEquals(1, emulator().stats().tokenRequests(), () -> emulator().stats().toString());
    }

    @Test
    void unknownStateIsRejectedWithoutCallingDingTalk() {
        Browser browser = browser();
        SignIn.Started started = SignIn.start(browser, protectedPage());
        String callback = SignIn.approve(browser, started, "zhangsan");
        String forged = callback.replace("state=" + started.state(), "state=" + wellFormedState());
        assertNotEquals(callback, forged);

        Browser.Response answer = callback(browser, forged);

        assertEquals(400, answer.status(), answer.body());
        assertReason("state_unknown", answer);
        assertNoBackChannelCall();
        assertFalse(isSignedIn(browser.cookie(SESSION_COOKIE)));
    }

    @Test
    void callbackOfAnotherBrowsersLoginIsRejectedAndDoesNotBurnEitherLogin() {
        Browser attacker = browser();
        Browser victim = browser();
        SignIn.Started attackersLogin = SignIn.start(attacker, protectedPage());
        String attackersCallback = SignIn.approve(attacker, attackersLogin, "lisi");
        SignIn.Started victimsLogin = SignIn.start(victim, protectedPage());

        Browser.Response forced = callback(victim, attackersCallback);

        assertEquals(400, forced.status(), forced.body());
        assertReason("state_unknown", forced);
        assertNoBackChannelCall();
        assertFalse(isSignedIn(victim.cookie(SESSION_COOKIE)), "the victim must not be signed in as the attacker");
        Browser.Response victimDone = callback(victim, SignIn.approve(victim, victimsLogin, "zhangsan"));
        assertEquals(303, victimDone.status(), "the victim's own login still works: " + victimDone.body());
        assertEquals(unionId("zhangsan"), remoteUser(follow(victim, victimDone)));
        Browser.Response ownerDone = callback(attacker, attackersCallback);
        assertEquals(303, ownerDone.status(), "the owner's login still works: " + ownerDone.body());
        assertEquals(unionId("lisi"), remoteUser(follow(attacker, ownerDone)));
    }

    @Test
    void deniedConsentShowsTheFixedCancelledPageWithoutEchoingAnything() {
        Browser browser = browser();
        SignIn.Started started = SignIn.start(browser, protectedPage());
        String callback = SignIn.deny(browser, started);
        assertEquals("access_denied", Query.parameter(URI.create(callback).getRawQuery(), "error"));
        String marker = "<script>alert('e2e-echo')</script>";

        Browser.Response answer = callback(browser, callback + "&error_description=" + Query.encode(marker));

        assertEquals(403, answer.status(), answer.body());
        assertReason("access_denied", answer);
        assertTrue(answer.body().contains("Sign-in was cancelled at DingTalk."), answer.body());
        assertFalse(answer.body().contains("e2e-echo"), answer.body());
        assertFalse(answer.body().contains(started.state()), "the state is not echoed");
        assertNoBackChannelCall();
        assertFalse(isSignedIn(browser.cookie(SESSION_COOKIE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.test", "/\\evil.test", "https://evil.test", "/%2F%2Fevil.test",
            "javascript:alert(1)"})
    void returnToOutsideTheApplicationLandsOnTheContextRoot(String returnTo) {
        Browser browser = browser();

        Browser.Response done = signIn(browser, LOGIN + "?returnTo=" + Query.encode(returnTo), "zhangsan");

        assertEquals(303, done.status(), done.body());
        assertEquals(contextPath() + "/", done.location());
    }

    @Test
    void apiRequestToAProtectedPathGets401JsonNamingTheLoginUrlAndNoSession() {
        Browser browser = browser();

        Browser.Response answer = browser.get(protectedPage(), API_REQUEST);

        assertEquals(401, answer.status(), answer.body());
        assertTrue(answer.header("content-type").startsWith("application/json"), answer.header("content-type"));
        JsonObject json = json(answer.body());
        assertEquals("unauthenticated", json.getString("error"));
        assertEquals(contextPath() + LOGIN, json.getString("login"));
        assertEquals(List.of(), answer.setCookies());
        assertEquals(0, emulator().stats().authorizeRequests());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "public page"})
    void excludedPathIsServedWithoutCreatingASession(String path) {
        Browser browser = browser();

        Browser.Response page = browser.navigate(path.equals("public page") ? publicPage() : path);

        assertEquals(200, page.status(), page.body());
        assertEquals(List.of(), page.setCookies());
        assertEquals(0, emulator().stats().authorizeRequests());
    }

    @Test
    void noSessionBeforeSignInAndANewOneAfter() {
        Browser browser = browser();
        SignIn.Started started = SignIn.start(browser, protectedPage());
        assertNull(browser.cookie(SESSION_COOKIE), "starting a login created a session");
        String before = "(none)";

        Browser.Response done = callback(browser, SignIn.approve(browser, started, "zhangsan"));

        assertEquals(303, done.status(), done.body());
        assertTrue(done.setsCookie(SESSION_COOKIE).isPresent(), () -> "Set-Cookie: " + done.setCookies());
        String after = browser.cookie(SESSION_COOKIE);
        assertNotEquals(before, after);
        assertTrue(isSignedIn(after));
        assertNotNull(after, "sign-in made the browser's first session");
    }

    /** Session fixation: the only id an attacker can plant is his own signed-in one; the victim's sign-in drops it. */
    @Test
    void aPlantedSessionIdIsReplacedWhenTheVictimSignsInAndNoLongerSignsAnyoneIn() {
        String planted = signedIn("lisi").cookie(SESSION_COOKIE);
        Browser victim = browser();
        victim.setCookie(SESSION_COOKIE, planted);

        assertSignInRenewsTheSessionId(victim, planted);
    }

    @Test
    void signingInAgainRenewsTheSessionIdAndTheOldIdSignsNobodyIn() {
        Browser browser = signedIn("zhangsan");

        assertSignInRenewsTheSessionId(browser, browser.cookie(SESSION_COOKIE));
    }

    @Test
    void logoutByGetAsksFirstAndItsButtonSignsOut() {
        Browser browser = signedIn("zhangsan");
        String session = browser.cookie(SESSION_COOKIE);

        Browser.Response page = browser.navigate(LOGOUT);

        assertEquals(200, page.status(), page.body());
        String form = "<form method=\"post\" action=\"" + contextPath() + LOGOUT + "\">";
        assertTrue(page.body().contains(form), page.body());
        assertTrue(isSignedIn(session), "a GET signs nobody out");
        // What a browser sends when the button is pressed: the page's Referrer-Policy lets it name its origin.
        assertEquals("same-origin", page.header("referrer-policy"));
        Browser.Response out = browser.postForm(origin() + contextPath() + LOGOUT, "", "Origin", origin(),
                "Sec-Fetch-Site", "same-origin", "Referer", origin() + contextPath() + LOGOUT);
        assertEquals(303, out.status(), out.body());
        assertFalse(isSignedIn(session));
    }

    @Test
    void logoutByAnotherMethodIsRefusedWith405NamingGetAndPost() {
        Browser browser = signedIn("zhangsan");

        Browser.Response answer = browser.send("PUT", LOGOUT, "");

        assertEquals(405, answer.status(), answer.body());
        assertEquals("GET, POST", answer.header("allow"));
        assertTrue(isSignedIn(browser.cookie(SESSION_COOKIE)));
    }

    @Test
    void crossSiteLogoutIsRefusedAndTheUserStaysSignedIn() {
        Browser browser = signedIn("zhangsan");

        Browser.Response answer = browser.postForm(LOGOUT, "", "Origin", "https://evil.test");

        assertEquals(403, answer.status(), answer.body());
        assertReason("cross_site_logout", answer);
        assertEquals(unionId("zhangsan"), remoteUser(browser.navigate(protectedPage())));
    }

    @Test
    void sameOriginLogoutRedirectsToTheRootAndEndsTheSession() {
        Browser browser = signedIn("zhangsan");
        String session = browser.cookie(SESSION_COOKIE);

        Browser.Response answer = browser.postForm(LOGOUT, "", "Origin", origin(), "Sec-Fetch-Site", "same-origin");

        assertEquals(303, answer.status(), answer.body());
        assertEquals(contextPath() + "/", answer.location());
        assertFalse(isSignedIn(session), "the old session cookie must no longer sign anyone in");
        assertEquals(401, browser.get(protectedPage(), API_REQUEST).status());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    protected Browser browser() {
        return new Browser(base());
    }

    /** Delivers DingTalk's redirect the way this deployment receives it. */
    protected Browser.Response callback(Browser browser, String callbackUrl) {
        return SignIn.callback(browser, asDelivered(callbackUrl));
    }

    protected Browser.Response signIn(Browser browser, String path, String userKey) {
        return callback(browser, SignIn.approve(browser, SignIn.start(browser, path), userKey));
    }

    /** A browser signed in as {@code userKey}. */
    protected Browser signedIn(String userKey) {
        Browser browser = browser();
        Browser.Response done = signIn(browser, protectedPage(), userKey);
        assertEquals(303, done.status(), done.body());
        return browser;
    }

    /** Signs zhangsan in from the login URL: a new session id, the old one signed out, the page shows zhangsan. */
    private void assertSignInRenewsTheSessionId(Browser browser, String oldId) {
        Browser.Response done = signIn(browser, LOGIN + "?returnTo=" + Query.encode(protectedPage()), "zhangsan");

        assertEquals(303, done.status(), done.body());
        String fresh = done.setsCookie(SESSION_COOKIE).orElseThrow(() -> new AssertionError("no new session id"));
        assertNotEquals(oldId, fresh);
        assertFalse(isSignedIn(oldId), "the old id must not stay signed in");
        assertEquals(unionId("zhangsan"), remoteUser(follow(browser, done)));
    }

    /** Follows a redirect whose Location is a path on the application's origin (it includes the context path). */
    protected Browser.Response follow(Browser browser, Browser.Response redirect) {
        String location = redirect.location();
        assertNotNull(location, "no Location");
        return browser.navigate(location.startsWith("/") ? origin() + location : location);
    }

    /** Whether a browser holding only this session cookie passes the filter on a protected path. */
    protected boolean isSignedIn(String sessionId) {
        if (sessionId == null) {
            return false;
        }
        Browser other = browser();
        other.setCookie(SESSION_COOKIE, sessionId);
        int status = other.get(protectedPage(), API_REQUEST).status();
        assertTrue(status == 200 || status == 401, "unexpected status " + status);
        return status == 200;
    }

    protected String origin() {
        return base().getScheme() + "://" + base().getRawAuthority();
    }

    protected String unionId(String userKey) {
        return user(userKey).unionId();
    }

    protected EmulatorUser user(String userKey) {
        return emulator().users().stream().filter(u -> u.key().equals(userKey)).findFirst().orElseThrow();
    }

    protected void assertNoBackChannelCall() {
        Stats stats = emulator().stats();
        assertEquals(0, stats.tokenRequests(), stats::toString);
        assertEquals(0, stats.profileRequests(), stats::toString);
    }

    protected static void assertReason(String code, Browser.Response failurePage) {
        assertTrue(failurePage.body().contains("Reason: " + code), () -> "expected reason " + code + " in "
                + failurePage.body());
    }

    protected static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** A state the filter could have issued (43 base64url characters) but did not. */
    private static String wellFormedState() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
