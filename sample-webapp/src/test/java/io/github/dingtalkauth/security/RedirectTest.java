package io.github.dingtalkauth.security;

import static io.github.dingtalkauth.security.SecurityApp.CALLBACK;
import static io.github.dingtalkauth.security.SecurityApp.LOGIN;
import static io.github.dingtalkauth.security.SecurityApp.LOGOUT;
import static io.github.dingtalkauth.security.SecurityApp.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checklist C1, C2 and C4: after login, and at logout, the browser is only ever sent somewhere on this origin. */
class RedirectTest {
    static SecurityApp app;

    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.OAUTH2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /**
     * Open-redirect payloads for {@code returnTo}, as the filter's {@code getParameter} sees them (they are
     * percent-encoded on the wire, so a {@code %5C} here is a backslash two decodings away).
     */
    static Stream<Arguments> openRedirects() {
        String port = String.valueOf(app.base().getPort());
        List<String> payloads = new ArrayList<>(List.of(
                // absolute
                "https://evil.test/", "HTTPS://EVIL.TEST", "http://evil.test", "hTtP://evil.test/me",
                "http://localhost:" + port + "/me", // even our own origin: only paths are taken
                // scheme-relative
                "//evil.test", "///evil.test", "////evil.test", "//evil.test/%2F..", "//localhost:" + port + "/me",
                // backslashes
                "/\\evil.test", "\\/evil.test", "\\\\evil.test", "/\\/evil.test", "https:/\\evil.test",
                "/%5Cevil.test", "%5C%5Cevil.test", "/%5C%5Cevil.test", "%2F%5Cevil.test",
                // encoded and double-encoded slashes
                "%2F%2Fevil.test", "/%2F/evil.test", "/%2f%2fevil.test", "/%252F%252Fevil.test",
                "/%25252F%25252Fevil.test",
                // whitespace browsers strip
                "/\t/evil.test", "/\n/evil.test", "/\r/evil.test", " //evil.test", "\t//evil.test",
                "/%09/evil.test", "/%0A/evil.test", "/%0D/evil.test",
                // schemes
                "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                "http:evil.test", "https:evil.test", "evil.test",
                // userinfo and look-alike hosts
                "//localhost@evil.test", "//evil.test@localhost:" + port, "https://localhost.evil.test/",
                "https://localhost%2F@evil.test", "/@evil.test", "//evil.test\\@localhost", "///\\;@evil.test",
                "/me#@evil.test",
                // traversal
                "/..//evil.test", "/%2e%2e//evil.test", "/..;/..;/x", "/.//evil.test", "/me/../..//evil.test",
                // unicode look-alikes of '/' and '\'
                "/\uFF0F\uFF0Fevil.test", "/%EF%BC%8F%EF%BC%8Fevil.test", "/\u2215\u2215evil.test",
                "/\uFE68evil.test", "/%EF%B9%A8evil.test",
                // longer than the filter keeps
                "/" + "a".repeat(2100)));
        return payloads.stream().map(p -> Arguments.of(printable(p), p));
    }

    @ParameterizedTest(name = "C1 returnTo={0}")
    @MethodSource("openRedirects")
    @DisplayName("C1 no returnTo sends the browser off the origin after a whole sign-in")
    void c1_returnToNeverLeavesTheOrigin(String label, String payload) {
        Browser browser = app.browser();
        Browser.Response done = app.signIn(browser, LOGIN + "?returnTo=" + Query.encode(payload), "zhangsan");
        assertEquals("/", done.location(), label);
        assertSameOrigin(done.location());
        assertEquals(1, done.headers().allValues("location").size());
    }

    @ParameterizedTest(name = "C1 returnTo=\"{0}\" lands on {1}")
    @CsvSource(delimiter = '|', value = {
            "/me|/me", "/reports?id=1|/reports?id=1", "/a/b|/a/b", "/a%20b|/a%20b", "''|/",
            "/reports#x|/", "/me/./x|/", "/report?next=https://example.com/x|/report?next=https://example.com/x",
            "/report?q=[1]|/report?q=[1]", "/report?q=a%7Cb|/report?q=a%7Cb"})
    @DisplayName("C1 positive controls: a local path survives the sign-in, anything else falls back to /")
    void c1_localPathsAreKept(String returnTo, String expected) {
        Browser browser = app.browser();
        Browser.Response done = app.signIn(browser, LOGIN + "?returnTo=" + Query.encode(returnTo), "zhangsan");
        assertEquals(expected, done.location());
        assertSameOrigin(done.location());
    }

    @Test
    @DisplayName("C1 without returnTo the login lands on /")
    void c1_missingReturnToLandsOnRoot() {
        assertEquals("/", app.signIn(app.browser(), LOGIN, "zhangsan").location());
    }

    @Test
    @DisplayName("C1 a 10 KiB returnTo is refused by the container or ends on /")
    void c1_hugeReturnToNeverLeavesTheOrigin() {
        Browser browser = app.browser();
        String huge = "//evil.test/" + "a".repeat(10 * 1024);
        Browser.Response login = browser.navigate(LOGIN + "?returnTo=" + Query.encode(huge));
        if (login.status() == 302) {
            SignIn.Started started = new SignIn.Started(login.location(), login.locationParameter("state"));
            Browser.Response done = SignIn.callback(browser, app.approve(browser, started, "zhangsan").callbackUrl());
            assertEquals("/", done.location());
        } else {
            assertTrue(login.status() == 414 || login.status() == 431 || login.status() == 400,
                    () -> login.status() + " " + login.body());
            assertNull(login.location());
            assertTrue(login.setsCookie(SESSION_COOKIE).isEmpty());
        }
    }

    /** Raw request targets of protected pages, as an attacker would link to them. */
    @ParameterizedTest(name = "C1 navigation to {0}")
    @ValueSource(strings = {
            "//evil.test/", "//evil.test/me", "///evil.test/me", "/%2F%2Fevil.test", "/%5Cevil.test",
            "/me/..//evil.test", "/%2e%2e//evil.test", "/me/%2e%2e/%2e%2e//evil.test", "/\\evil.test",
            "/me%0d%0aSet-Cookie:%20evil=1", "/me;@evil.test", "/%EF%BC%8F%EF%BC%8Fevil.test", "/me?next=//evil.test",
            "/@evil.test", "/%40evil.test", "/me?x=%0d%0aSet-Cookie:%20evil=1", "/%E2%88%95%E2%88%95evil.test",
            "/%EF%B9%A8evil.test"})
    @DisplayName("C1 the page a login was started from is only a return target when it is a local path")
    void c1_protectedPageTargetsStayOnOrigin(String target) {
        Wire login = Wire.send(app.base(), "GET " + target + " HTTP/1.1\r\nHost: localhost:" + app.base().getPort()
                + "\r\nAccept: text/html\r\nSec-Fetch-Mode: navigate");
        Reject.assertNoStackTrace(login.status(), login.body());
        assertFalse(login.headLowerCase().contains("evil=1"), login::raw);
        if (login.status() != 302) {
            // The container refused the target (ambiguous path): no login started, nothing to redirect.
            assertTrue(login.status() >= 400 && login.status() < 500, login::raw);
            assertNull(login.first("location"), login::raw);
            return;
        }
        String authorize = login.first("location");
        assertTrue(authorize.startsWith(app.authorizeUrl()), authorize);
        Browser browser = app.browser();
        login.storeCookiesIn(browser);
        String state = Query.parameter(URI.create(authorize).getRawQuery(), "state");
        SecurityApp.Approved approved = app.approve(browser, new SignIn.Started(authorize, state), "zhangsan");
        Browser.Response done = SignIn.callback(browser, approved.callbackUrl());
        assertEquals(303, done.status(), done::body);
        // Back to the very page (path parameters dropped) when that is a plain local path, else to the root.
        String location = done.location();
        String withoutPathParameters = target.replaceAll(";[^/?]*", "");
        assertTrue(location.equals("/") || location.equals(target) || location.equals(withoutPathParameters),
                location);
        assertSameOrigin(location);
        String path = location.split("\\?", 2)[0];
        assertFalse(path.contains("//") || path.contains("\\") || path.contains("@"), location);
    }

    /** Ordinary query strings (issue: they all used to land on /) survive a sign-in started by a navigation. */
    @ParameterizedTest(name = "C1 navigation to {0} comes back to it")
    @ValueSource(strings = {"/report?next=https://example.com/x", "/report?q=100%", "/report?q=[1]",
            "/report?q=a|b", "/report?q=%2F%2F"})
    @DisplayName("C1 the query string of the page a login started from is kept; only the path is checked strictly")
    void c1_ordinaryQueryStringsSurviveSignIn(String target) {
        Wire login = Wire.send(app.base(), "GET " + target + " HTTP/1.1\r\nHost: localhost:" + app.base().getPort()
                + "\r\nAccept: text/html\r\nSec-Fetch-Mode: navigate");
        assertEquals(302, login.status(), login::raw);
        Browser browser = app.browser();
        login.storeCookiesIn(browser);
        String authorize = login.first("location");
        String state = Query.parameter(URI.create(authorize).getRawQuery(), "state");
        SecurityApp.Approved approved = app.approve(browser, new SignIn.Started(authorize, state), "zhangsan");
        Browser.Response done = SignIn.callback(browser, approved.callbackUrl());
        assertEquals(303, done.status(), done::body);
        assertEquals(target, done.location());
    }

    @Test
    @DisplayName("C1 logout takes no redirect parameter: its Location is fixed")
    void c1_logoutIgnoresRedirectParameters() {
        Browser browser = app.browser();
        app.signIn(browser, "/me", "zhangsan");
        Browser.Response out = browser.postForm(LOGOUT + "?returnTo=%2F%2Fevil.test&next=https://evil.test"
                        + "&redirect_uri=https://evil.test",
                "returnTo=%2F%2Fevil.test&next=https%3A%2F%2Fevil.test", "Origin", origin());
        assertEquals(303, out.status(), out::body);
        assertEquals("/", out.location());
        Reject.assertNotReflected(out, "evil");
    }

    @ParameterizedTest(name = "C2 returnTo={0}")
    @ValueSource(strings = {
            "/x%0d%0aSet-Cookie:%20JSESSIONID=evil", "/x%0d%0aSet-Cookie:%20evil=1", "/x%0aSet-Cookie:%20evil=1",
            "/x%0dSet-Cookie:%20evil=1", "/x%00Set-Cookie:%20evil=1", "/x%E5%98%8A%E5%98%8DSet-Cookie:%20evil=1",
            "/x%250d%250aSet-Cookie:%20evil=1", "/x%C4%8D%C4%8ASet-Cookie:%20evil=1",
            "/x%0d%0aLocation:%20https://evil.test", "%0d%0aLocation:%20https://evil.test"})
    @DisplayName("C2 CR/LF and look-alikes in returnTo never split a header: one Location, no injected cookie")
    void c2_crlfInReturnToNeverReachesAHeader(String rawReturnTo) {
        Browser browser = app.browser();
        Browser.Response login = browser.navigate(LOGIN + "?returnTo=" + rawReturnTo);
        assertEquals(302, login.status(), login::body);
        assertNoInjectedHeaders(login.headers().map());
        SignIn.Started started = new SignIn.Started(login.location(), login.locationParameter("state"));
        Browser.Response done = SignIn.callback(browser, app.approve(browser, started, "zhangsan").callbackUrl());
        assertEquals(303, done.status(), done::body);
        assertEquals(List.of("/"), done.headers().allValues("location"));
        assertNoInjectedHeaders(done.headers().map());
        assertTrue(done.setCookies().size() <= 2, done.setCookies()::toString); // the session's, the login's cleared
        assertFalse(browser.cookie(SESSION_COOKIE).contains("evil"));
    }

    @Test
    @DisplayName("C2 raw CR/LF in the request line is refused by the container before it reaches the filter")
    void c2_rawCrlfInRequestLineIsRefused() {
        int before = Reject.logMark();
        Wire answer = Wire.send(app.base(), "GET " + LOGIN + "?returnTo=/x\r\nSet-Cookie: evil=1 HTTP/1.1\r\nHost: "
                + "localhost:" + app.base().getPort() + "\r\nAccept: text/html");
        // Jetty reads the broken line as HTTP/0.9 and answers 505; any refusal but a 500 will do.
        assertTrue(answer.status() >= 400 && answer.status() != 500, answer::raw);
        assertFalse(answer.headLowerCase().contains("evil=1"), answer::raw);
        assertNull(answer.first("location"), answer::raw);
        assertEquals(0, Reject.warningsSince(before).size());
    }

    static Stream<Arguments> forgedHeaders() {
        return Stream.of(
                Arguments.of("Host", "evil.test"),
                Arguments.of("Host", "evil.test:443"),
                Arguments.of("X-Forwarded-Host", "evil.test"),
                Arguments.of("Forwarded", "host=evil.test;proto=http"),
                Arguments.of("X-Forwarded-Port", "1"),
                Arguments.of("X-Forwarded-Proto", "https"),
                Arguments.of("X-Forwarded-Server", "evil.test"),
                Arguments.of("X-Forwarded-Prefix", "/evil"));
    }

    @ParameterizedTest(name = "C4 {0}: {1}")
    @MethodSource("forgedHeaders")
    @DisplayName("C4 forged Host and forwarding headers do not change the redirect_uri sent to DingTalk")
    void c4_forgedHeadersDoNotChangeRedirectUri(String header, String value) {
        Wire baseline = Wire.send(app.base(), loginRequest("localhost:" + app.base().getPort(), null));
        Wire forged = Wire.send(app.base(), loginRequest(header.equals("Host") ? value
                : "localhost:" + app.base().getPort(), header.equals("Host") ? null : header + ": " + value));
        assertEquals(302, forged.status(), forged::raw);
        String location = forged.first("location");
        String rawRedirectUri = rawParameter(location, "redirect_uri");
        assertEquals(URLEncoder.encode(app.redirectUri(), StandardCharsets.UTF_8), rawRedirectUri);
        assertEquals(app.redirectUri(), Query.parameter(URI.create(location).getRawQuery(), "redirect_uri"));
        assertTrue(location.startsWith(app.authorizeUrl() + "?"), location);
        assertFalse(forged.headLowerCase().contains("evil"), forged::raw);
        // isSecure()-dependent behaviour does not flip either: the cookie has the same attributes as without.
        assertEquals(attributes(baseline.first("set-cookie")), attributes(forged.first("set-cookie")));
    }

    @Test
    @DisplayName("C4 a successful callback with a forged Host answers with a relative Location")
    void c4_callbackWithForgedHostRedirectsRelatively() {
        Browser browser = app.browser();
        SecurityApp.Approved approved = app.approved(browser, "/me", "zhangsan");
        String pathAndQuery = approved.callbackUrl().substring(app.base().toString().length());
        assertTrue(pathAndQuery.startsWith(CALLBACK + "?"), pathAndQuery);
        Wire done = Wire.send(app.base(), "GET " + pathAndQuery + " HTTP/1.1\r\nHost: evil.test\r\n"
                + "X-Forwarded-Host: evil.test\r\nAccept: text/html\r\nSec-Fetch-Mode: navigate\r\n"
                + "Cookie: " + browser.cookieHeader());
        assertEquals(303, done.status(), done::raw);
        assertEquals(List.of("/me"), done.all("location"));
        assertFalse(done.headLowerCase().contains("evil"), done::raw);
        done.storeCookiesIn(browser);
        assertEquals(200, Reject.probe(browser).status(), "signed in with the new session");
    }

    private static String loginRequest(String host, String extraHeader) {
        return "GET " + LOGIN + " HTTP/1.1\r\nHost: " + host + (extraHeader == null ? "" : "\r\n" + extraHeader)
                + "\r\nAccept: text/html\r\nSec-Fetch-Mode: navigate";
    }

    private static String rawParameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** A Set-Cookie without its value: name and attributes. */
    private static String attributes(String setCookie) {
        assertNotNull(setCookie, "a login sets its login cookie");
        int semicolon = setCookie.indexOf(';');
        String name = setCookie.substring(0, setCookie.indexOf('='));
        return (name.startsWith("DTLOGIN_") ? "DTLOGIN_" : name) + (semicolon < 0 ? "" : setCookie.substring(semicolon));
    }

    /** The filter's own login cookie, whole: nothing of the request can have been injected into it. */
    private static final java.util.regex.Pattern LOGIN_COOKIE = java.util.regex.Pattern.compile(
            "DTLOGIN_[A-Za-z0-9_-]{12}=([0-9]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+; Path=/; Max-Age=600"
                    + "|; Path=/; Max-Age=0); HttpOnly; SameSite=Lax");

    private static void assertNoInjectedHeaders(java.util.Map<String, List<String>> headers) {
        for (String cookie : headers.getOrDefault("set-cookie", List.of())) {
            assertTrue(cookie.startsWith(SESSION_COOKIE + "=") || LOGIN_COOKIE.matcher(cookie).matches(),
                    "unexpected cookie: " + cookie);
            assertFalse(cookie.toLowerCase(Locale.ROOT).contains("evil"), cookie);
        }
        headers.forEach((name, values) -> values.forEach(v ->
                assertFalse(v.contains("\r") || v.contains("\n") || v.contains("Set-Cookie"), name + ": " + v)));
        assertTrue(headers.getOrDefault("location", List.of()).size() <= 1);
        assertFalse(headers.containsKey("evil"));
    }

    /** Resolved the way a browser resolves a Location (against the request URL), it stays on the app's origin. */
    static void assertSameOrigin(String location) {
        assertNotNull(location);
        for (URI against : new URI[] {URI.create(app.base() + "/"), URI.create(app.redirectUri() + "?state=x")}) {
            URI resolved = against.resolve(location);
            assertEquals("http", resolved.getScheme(), resolved::toString);
            assertEquals(app.base().getHost(), resolved.getHost(), resolved::toString);
            assertEquals(app.base().getPort(), resolved.getPort(), resolved::toString);
            assertNull(resolved.getRawUserInfo(), resolved::toString);
        }
        assertTrue(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"), location);
    }

    private static String origin() {
        return "http://localhost:" + app.base().getPort();
    }

    /** A label for the test name: control characters and non-ASCII shown as escapes, long values shortened. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.length() > 60 ? out.substring(0, 40) + "…(" + s.length() + " chars)" : out.toString();
    }
}
