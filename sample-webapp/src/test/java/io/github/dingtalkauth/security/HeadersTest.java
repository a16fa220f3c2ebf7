package io.github.dingtalkauth.security;

import static io.github.dingtalkauth.security.SecurityApp.LOGIN;
import static io.github.dingtalkauth.security.SecurityApp.LOGOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import java.net.URI;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checklist G1–G3 and B2: what the login-related answers tell caches, frames and the Referer header. */
class HeadersTest {
    static SecurityApp app;

    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.OAUTH2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Every kind of answer the filter writes itself, each produced over real HTTP. */
    static Stream<Arguments> filterAnswers() {
        return Stream.of(
                answer("login redirect (login URL)", a -> a.browser().navigate(LOGIN)),
                answer("login redirect (protected page)", a -> a.browser().navigate("/me")),
                answer("callback success", a -> a.signIn(a.browser(), "/me", "zhangsan")),
                answer("callback failure: unknown state", a -> a.browser().navigate(
                        a.callback(a.codeQuery("abc") + "&state=" + StateTest.randomState()))),
                answer("callback failure: missing state", a -> a.browser().navigate(a.callback(a.codeQuery("abc")))),
                answer("callback failure: cancelled at DingTalk", a -> {
                    Browser b = a.browser();
                    return SignIn.callback(b, SignIn.deny(b, SignIn.start(b, "/me")));
                }),
                answer("callback failure: method", a -> a.browser().postForm(a.callback(a.codeQuery("abc")), "")),
                answer("401 for a script", a -> a.browser().get("/api/me", "Accept", "application/json")),
                answer("logout", a -> {
                    Browser b = a.browser();
                    a.signIn(b, "/me", "zhangsan");
                    return b.postForm(LOGOUT, "", "Origin", origin(a));
                }),
                answer("logout page (GET)", a -> a.browser().navigate(LOGOUT)),
                answer("logout refused: method", a -> a.browser().send("PUT", LOGOUT, "")),
                answer("logout refused: cross-site", a -> a.browser().postForm(LOGOUT, "", "Origin", "http://evil.test")),
                answer("login refused: POST", a -> a.browser().postForm(LOGIN, "")));
    }

    private static Arguments answer(String name, Function<SecurityApp, Browser.Response> request) {
        return Arguments.of(name, request);
    }

    @ParameterizedTest(name = "G1 {0}")
    @MethodSource("filterAnswers")
    @DisplayName("G1 login, callback, error and logout answers are never cached")
    void g1_noStore(String name, Function<SecurityApp, Browser.Response> request) {
        Browser.Response response = request.apply(app);
        assertEquals("no-store", response.header("cache-control"), name);
        assertEquals("no-cache", response.header("pragma"), name);
    }

    @ParameterizedTest(name = "G2 {0}")
    @MethodSource("filterAnswers")
    @DisplayName("G2 the filter's answers, error pages included, cannot be framed")
    void g2_notFrameable(String name, Function<SecurityApp, Browser.Response> request) {
        Browser.Response response = request.apply(app);
        assertEquals("DENY", response.header("x-frame-options"), name);
        String csp = response.header("content-security-policy");
        assertNotNull(csp, name);
        assertTrue(csp.replace(" ", "").toLowerCase(Locale.ROOT).contains("frame-ancestors'none'"), csp);
    }

    @ParameterizedTest(name = "G3 {0}")
    @MethodSource("filterAnswers")
    @DisplayName("G3 the filter's answers send no Referer onward and are not MIME-sniffed")
    void g3_noReferrerAndNoSniff(String name, Function<SecurityApp, Browser.Response> request) {
        Browser.Response response = request.apply(app);
        // The sign-out page names its origin to itself alone: under no-referrer its form would POST "Origin: null".
        String policy = name.equals("logout page (GET)") ? "same-origin" : "no-referrer";
        assertEquals(policy, response.header("referrer-policy"), name);
        assertEquals("nosniff", response.header("x-content-type-options"), name);
    }

    @Test
    @DisplayName("B2 a successful callback is an immediate 303 to a clean URL with an empty body")
    void b2_successIsCleanRedirect() {
        Browser browser = app.browser();
        SecurityApp.Approved approved = app.approved(browser, LOGIN + "?returnTo=" + Query.encode("/me?tab=2"),
                "zhangsan");
        Browser.Response done = SignIn.callback(browser, approved.callbackUrl());
        assertEquals(303, done.status());
        String location = done.location();
        assertEquals("/me?tab=2", location);
        String query = URI.create(location).getRawQuery();
        for (String parameter : new String[] {"authCode", "code", "state", "error"}) {
            assertEquals(null, Query.parameter(query, parameter), location);
        }
        assertFalse(location.contains(approved.code()) || location.contains(approved.state()), location);
        assertEquals("", done.body(), "no page is rendered at the callback URL");
        assertEquals("no-referrer", done.header("referrer-policy"));
        assertEquals("no-store", done.header("cache-control"));
    }

    private static String origin(SecurityApp a) {
        return "http://localhost:" + a.base().getPort();
    }
}
