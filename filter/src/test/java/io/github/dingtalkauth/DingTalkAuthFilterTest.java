package io.github.dingtalkauth;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.any;
import java.util.Collections;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.github.dingtalkauth.support.LoginCookies;
import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeSession;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the filter does with each kind of request before any callback: pass, wrap, send to DingTalk or refuse. */
class DingTalkAuthFilterTest extends FilterFixture {

    static final DingTalkPrincipal ALICE = new DingTalkPrincipal("union-alice", "open-alice", "Alice", null, null,
            null, null, null);

    @ParameterizedTest
    @ValueSource(strings = {"/", "/public/info", "/public", "/css/site.css"})
    void doFilterWhenPathIsExcludedThenPassesThroughWithoutASession(String path) {
        Exchange exchange = browser.navigate(path).send(filter);
        assertSame(exchange.request(), exchange.passedOn());
        assertFalse(exchange.sessionCreated());
        verify(exchange.request(), never()).getSession(true);
        verify(exchange.request(), never()).getSession();
        assertEquals(0, container.sessionCount());
    }

    @Test
    void doFilterWhenPassingThroughThenOffersTheLinks() {
        Exchange exchange = browser.navigate("/public/info").send(filter);
        DingTalkLinks links = (DingTalkLinks) exchange.attribute(DingTalkLinks.REQUEST_ATTRIBUTE);
        assertEquals("DingTalk", links.getLabel());
        assertEquals("/dingtalk/login", links.getLoginUrl());
        assertEquals("/dingtalk/logout", links.getLogoutUrl());
    }

    @Test
    void doFilterWhenSignedInThenWrapsTheRequest() {
        browser.newSession().setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, ALICE);
        Exchange exchange = browser.navigate("/reports").send(filter);
        HttpServletRequest seen = assertInstanceOf(HttpServletRequest.class, exchange.passedOn());
        assertAll(
                () -> assertSame(ALICE, seen.getUserPrincipal()),
                () -> assertEquals("union-alice", seen.getRemoteUser()),
                () -> assertEquals("DINGTALK", seen.getAuthType()),
                () -> assertFalse(seen.isUserInRole("admin")),
                () -> assertEquals(ALICE, DingTalkPrincipal.current(seen).orElseThrow()),
                () -> assertEquals("/dingtalk/logout",
                        ((DingTalkLinks) seen.getAttribute(DingTalkLinks.REQUEST_ATTRIBUTE)).getLogoutUrl()),
                () -> assertTrue(Collections.list(seen.getAttributeNames()).contains(DingTalkLinks.REQUEST_ATTRIBUTE)));
    }

    @Test
    void doFilterWhenSignedInThenLeavesTheContainersRequestWithoutAttributes() {
        // On Jetty the first attribute allocates the request's attribute map: the wrapper answers the links instead.
        browser.newSession().setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, ALICE);
        Exchange exchange = browser.navigate("/reports").send(filter);
        assertNull(exchange.attribute(DingTalkLinks.REQUEST_ATTRIBUTE));
        verify(exchange.request(), never()).setAttribute(eq(DingTalkLinks.REQUEST_ATTRIBUTE), any());
    }

    @Test
    void doFilterWhenSignedInOnAnExcludedPathThenStillWraps() {
        browser.newSession().setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, ALICE);
        Exchange exchange = browser.navigate("/public/info").send(filter);
        assertEquals("union-alice", ((HttpServletRequest) exchange.passedOn()).getRemoteUser());
    }

    @Test
    void doFilterWhenSessionHasNoPrincipalThenItIsNotSignedIn() {
        browser.newSession().setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, "union-alice");
        Exchange exchange = browser.navigate("/reports").send(filter);
        assertFalse(exchange.passedThrough());
        assertEquals(302, exchange.status());
    }

    @Test
    void doFilterWhenUnauthenticatedNavigationThenRedirectsToDingTalkWithTheDocumentedParameters() {
        Exchange exchange = browser.navigate("/reports?id=1").send(filter);
        String location = exchange.location();
        Map<String, String> raw = rawQuery(location);
        assertAll(
                () -> assertEquals(302, exchange.status()),
                () -> assertTrue(location.startsWith(AUTHORIZE + "?redirect_uri="), location),
                () -> assertEquals("https%3A%2F%2Fapp.example.com%2Fdingtalk%2Fcallback", raw.get("redirect_uri")),
                () -> assertEquals("code", raw.get("response_type")),
                () -> assertEquals(Filters.APP_ID, raw.get("client_id")),
                () -> assertEquals("openid%20corpid", raw.get("scope")),
                () -> assertTrue(raw.get("state").matches("[A-Za-z0-9_-]{43}"), raw::toString),
                () -> assertEquals("consent", raw.get("prompt")),
                () -> assertEquals(Set.of("redirect_uri", "response_type", "client_id", "scope", "prompt", "state"),
                        raw.keySet()),
                () -> assertFalse(location.contains("nonce"), location),
                () -> assertFalse(location.contains("code_challenge"), location),
                () -> assertFalse(location.contains(","), location),
                () -> assertFalse(location.contains("%2C"), location),
                () -> assertFalse(location.contains("+"), location),
                () -> assertFalse(exchange.passedThrough()));
    }

    @Test
    void doFilterWhenUnauthenticatedNavigationThenRemembersThePageUnderTheState() {
        Exchange exchange = browser.navigate("/reports?id=1").send(filter);
        String state = query(exchange.location()).get("state");
        assertFalse(exchange.sessionCreated(), "an anonymous navigation creates no session");
        LoginCookies logins = pending(browser);
        assertEquals(1, logins.size());
        assertEquals("/reports?id=1", logins.targetOf(state));
    }

    @Test
    void doFilterWhenLoginStartsWithASessionThenTheSessionIsNotWritten() {
        FakeSession existing = browser.newSession();
        existing.endOnNextWrite(); // a write would end it, as a logout racing in another tab once did

        Exchange exchange = browser.navigate("/reports").send(filter);

        assertEquals(302, exchange.status());
        assertTrue(existing.isValid(), "the login start wrote to the session");
        assertEquals(existing.getId(), browser.sessionId());
        String state = query(exchange.location()).get("state");
        assertEquals("/reports", pending(browser).targetOf(state));
    }

    @Test
    void doFilterWhenLoginStartsWithoutASessionThenNoneExists() {
        browser.navigate("/reports").send(filter);
        assertNull(browser.session());
        assertEquals(0, container.sessionCount());
    }

    @Test
    void doFilterWhenLoginStartsInAnExistingSessionThenItsTimeoutIsKept() {
        FakeSession session = browser.newSession();
        session.setMaxInactiveInterval(1800);
        browser.navigate("/reports").send(filter);
        assertEquals(1800, session.getMaxInactiveInterval());
    }

    @Test
    void doFilterWhenPageUrlCarriesAJsessionidThenTheTargetDropsIt() {
        Exchange exchange = browser.navigate("/reports;jsessionid=ATTACKER0001?id=1").send(filter);
        String state = query(exchange.location()).get("state");
        assertEquals("/reports?id=1", pending(browser).targetOf(state));
        assertFalse(exchange.location().contains("ATTACKER0001"));
    }

    @Test
    void doFilterWhenPageUrlIsNotASafeTargetThenTheTargetIsTheRoot() {
        Exchange exchange = browser.navigate("/reports/%2F%2Fevil.test").send(filter);
        String state = query(exchange.location()).get("state");
        assertEquals("/", pending(browser).targetOf(state));
    }

    static Stream<Arguments> nonNavigations() {
        return Stream.of(
                Arguments.of("XMLHttpRequest", (UnaryOperator<Browser.Request>) r -> r
                        .header("Accept", "text/html").header("X-Requested-With", "XMLHttpRequest")),
                Arguments.of("Accept: application/json", (UnaryOperator<Browser.Request>) r -> r
                        .header("Accept", "application/json")),
                Arguments.of("Sec-Fetch-Mode: cors", (UnaryOperator<Browser.Request>) r -> r
                        .header("Accept", "text/html,*/*").header("Sec-Fetch-Mode", "cors")),
                Arguments.of("image", (UnaryOperator<Browser.Request>) r -> r
                        .header("Accept", "image/avif,image/webp,*/*").header("Sec-Fetch-Mode", "no-cors")),
                Arguments.of("no Accept", (UnaryOperator<Browser.Request>) r -> r),
                Arguments.of("Accept: */*", (UnaryOperator<Browser.Request>) r -> r.header("Accept", "*/*")),
                Arguments.of("text/html;q=0", (UnaryOperator<Browser.Request>) r -> r
                        .header("Accept", "text/html;q=0, application/json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonNavigations")
    void doFilterWhenUnauthenticatedNonNavigationThenAnswers401JsonWithoutASession(String name,
            UnaryOperator<Browser.Request> headers) {
        assertUnauthorizedJson(headers.apply(browser.get("/api/items")).send(filter));
    }

    @Test
    void doFilterWhenUnauthenticatedPostThenAnswers401JsonWithoutASession() {
        assertUnauthorizedJson(browser.post("/reports/save").header("Accept", "text/html")
                .header("Sec-Fetch-Mode", "navigate").send(filter));
    }

    private void assertUnauthorizedJson(Exchange exchange) {
        assertAll(
                () -> assertEquals(401, exchange.status()),
                () -> assertTrue(exchange.header("Content-Type").startsWith("application/json"),
                        () -> exchange.header("Content-Type")),
                () -> assertEquals("{\"error\":\"unauthenticated\",\"login\":\"/dingtalk/login\"}", exchange.body()),
                () -> assertNull(exchange.location()),
                () -> assertFalse(exchange.passedThrough()),
                () -> assertFalse(exchange.sessionCreated()),
                () -> verify(exchange.request(), never()).getSession(true),
                () -> assertEquals(0, container.sessionCount()));
    }

    @Test
    void loginPathIgnoresACallerSuppliedStateAndRedirectUri() {
        Exchange exchange = browser.get("/dingtalk/login?state=ATTACKERSTATEATTACKERSTATEATTACKERSTATEATT"
                + "&redirect_uri=https%3A%2F%2Fevil.test%2Fcb&client_id=other&scope=openid,corpid").send(filter);
        Map<String, String> sent = query(exchange.location());
        assertEquals(302, exchange.status());
        assertNotEquals("ATTACKERSTATEATTACKERSTATEATTACKERSTATEATT", sent.get("state"));
        assertEquals(Filters.REDIRECT_URI, sent.get("redirect_uri"));
        assertEquals(Filters.APP_ID, sent.get("client_id"));
        assertEquals("openid corpid", sent.get("scope"));
        assertFalse(exchange.location().contains("evil.test"), exchange.location());
        assertFalse(exchange.location().contains("ATTACKER"), exchange.location());
    }

    @Test
    void loginPathStartsALoginEvenWithoutAcceptHeaders() {
        Exchange exchange = browser.get("/dingtalk/login").send(filter);
        assertEquals(302, exchange.status());
        assertEquals("/", pending(browser).targetOf(query(exchange.location()).get("state")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2Freports%3Fid%3D1", "/reports?id=1"})
    void loginPathRemembersASafeReturnTo(String returnTo) {
        String encoded = returnTo.replace("?", "%3F").replace("=", "%3D");
        Exchange exchange = browser.get("/dingtalk/login?returnTo=" + encoded).send(filter);
        assertEquals("/reports?id=1", pending(browser).targetOf(query(exchange.location()).get("state")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2F%2Fevil.test", "https%3A%2F%2Fevil.test", "%2F%5Cevil.test", "%2Fdingtalk%2Flogout",
        "%2Fdingtalk%2Flogin%3FreturnTo%3D%2Fx", "%2Fdingtalk%2Fcallback", "%2F%252F%252Fevil.test",
        "%2Fdingtalk%2Flogi%256E"})
    void loginPathReplacesAnUnsafeReturnToWithTheRoot(String returnTo) {
        Exchange exchange = browser.get("/dingtalk/login?returnTo=" + returnTo).send(filter);
        assertEquals("/", pending(browser).targetOf(query(exchange.location()).get("state")));
    }

    @Test
    void loginPathStateCarriesNothingOfTheTarget() {
        Exchange exchange = browser.get("/dingtalk/login?returnTo=%2Fsecret-target").send(filter);
        String state = query(exchange.location()).get("state");
        assertFalse(state.contains("secret"), state);
        String bytes = new String(Base64.getUrlDecoder().decode(state), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("secret-target"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void loginPathRefusesOtherMethodsWithoutASession(String method) {
        Exchange exchange = browser.request(method, "/dingtalk/login").send(filter);
        assertEquals(405, exchange.status());
        assertEquals("GET", exchange.header("Allow"));
        assertFalse(exchange.sessionCreated());
    }

    @Test
    void doFilterWhenRedirectUriIsNotConfiguredThenItIsDerivedFromTheRequest() throws Exception {
        Map<String, String> params = Filters.params(dingtalk);
        params.remove("redirectUri");
        DingTalkAuthFilter derived = Filters.start(container, params);
        try {
            Exchange exchange = container.browser().navigate("/reports").send(derived);
            assertEquals("https://app.example.com/dingtalk/callback", query(exchange.location()).get("redirect_uri"));
        } finally {
            derived.destroy();
        }
    }

    @Test
    void twoStartsInOneBrowserKeepBothStates() {
        String first = startLogin(browser, "/a");
        String second = startLogin(browser, "/b");
        assertNotEquals(first, second);
        assertEquals(2, pending(browser).size());
    }

    @Test
    void aThousandStartsInOneBrowserKeepOnlyTheNewestAndNoSession() {
        for (int i = 0; i < 1000; i++) {
            browser.get("/dingtalk/login").send(filter);
        }
        assertEquals(8, pending(browser).size());
        assertEquals(0, container.sessionCount());
    }

    @Test
    void headNavigationIsTreatedLikeGet() {
        Exchange exchange = browser.request("HEAD", "/reports").header("Accept", "text/html").send(filter);
        assertEquals(302, exchange.status());
    }

    @Test
    void doFilterWhenSignedInThenTheLoginPathStillStartsANewLogin() {
        browser.newSession().setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, ALICE);
        assertEquals(302, browser.get("/dingtalk/login").send(filter).status());
    }
}
