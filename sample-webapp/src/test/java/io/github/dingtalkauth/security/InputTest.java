package io.github.dingtalkauth.security;

import static io.github.dingtalkauth.security.SecurityApp.CALLBACK;
import static io.github.dingtalkauth.security.SecurityApp.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.SignIn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checklist H: hostile, odd and ambiguous requests get clean refusals, and only page navigations start logins. */
class InputTest {
    static SecurityApp app;

    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.OAUTH2);
    }

    /**
     * The template with {@code authCode} as the flow's code parameter. The legacy callback carries only {@code code}
     * (protocol §2.1), so the new flow's {@code authCode}/{@code code} pairs do not apply to it and are skipped.
     */
    private static String inFlow(String template) {
        if (app.flow() == Flow.OAUTH2) {
            return template;
        }
        Assumptions.assumeFalse(template.contains("authCode=") && (template.startsWith("code=")
                || template.contains("&code=")), "authCode and code together belong to the new flow");
        return template.replace("authCode=", "code=");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Queries built from a pending login's state {@code {S}} and code {@code {C}}; {@code {X}} is another state. */
    @ParameterizedTest(name = "H1 {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "authCode={C}&state={S}&state={S}|duplicate_parameter",
            "authCode={C}&state={S}&state={X}|duplicate_parameter",
            "authCode={C}&state={X}&state={S}|duplicate_parameter",
            "authCode={C}&state={S}&state=|duplicate_parameter",
            "authCode={C}&authCode={D}&state={S}|duplicate_parameter",
            "code={C}&code={C}&state={S}|duplicate_parameter",
            "error=access_denied&error=x&state={S}|duplicate_parameter",
            "authCode={C}&code={D}&state={S}|code_conflict",
            "authCode={D}&code={C}&state={S}|code_conflict",
            "authCode=&state={S}|code_missing",
            "authCode=&code=&state={S}|code_missing",
            "state={S}|code_missing",
            "authCode={C}%00&state={S}|code_invalid",
            "authCode={C}%20&state={S}|code_invalid",
            "authCode={C}&state={S}%00|state_invalid",
            "authCode={C}&state=%E2%80%AE{S}|state_invalid",
            "authCode={C}&state=%ZZ{S}|malformed_request",
            "authCode={C}&state=%C0%AF|malformed_request",
            "authCode={C}&state={S}%ED%A0%80|malformed_request",
            "authCode=%C0%AF&state={S}|malformed_request",
            "authCode={C}&state={S}&%FF=1|malformed_request"})
    @DisplayName("H1 repeated, empty, conflicting and badly encoded parameters are refused without consuming the login")
    void h1_ambiguousParametersAreRejectedWithoutConsumingTheLogin(String template, String reason) {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        String other = StateTest.randomState();
        String query = inFlow(template).replace("{S}", approved.state()).replace("{X}", other)
                .replace("{C}", approved.code()).replace("{D}", "DIFFERENT-CODE");
        Reject.Before before = Reject.before(app, victim);
        Browser.Response answer = query.contains("%ZZ") ? rawNavigate(victim, app.callback(query))
                : victim.navigate(app.callback(query));
        Reject.assertRejected(answer, before, reason, other, "DIFFERENT-CODE");

        Browser.Response real = SignIn.callback(victim, approved.callbackUrl());
        assertEquals(303, real.status(), "the refused callback must not have used up the login: " + real.body());
    }

    /** A navigation the JDK client refuses to send (a broken percent escape), sent from a socket instead. */
    private static Browser.Response rawNavigate(Browser browser, String url) {
        String target = url.substring(app.base().toString().length());
        Wire answer = Wire.send(app.base(), "GET " + target + " HTTP/1.1\r\nHost: localhost:" + app.base().getPort()
                + "\r\nAccept: text/html\r\nSec-Fetch-Mode: navigate\r\nCookie: "
                + browser.cookieHeader());
        return answer.toResponse(app.base().resolve(CALLBACK));
    }

    @ParameterizedTest(name = "H1 raw bytes {0} in the state")
    @ValueSource(strings = {"C0AF", "FF", "80", "E280AE", "EDA080"})
    @DisplayName("H1 raw non-UTF-8 or control bytes in the query are refused with a 400, never a 500")
    void h1_rawNonUtf8BytesAreRefused(String hex) {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Stats before = app.stats();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(("GET " + CALLBACK + "?" + app.codeQuery(approved.code()) + "&state=").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < hex.length(); i += 2) {
            head.write(Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        head.writeBytes((approved.state() + " HTTP/1.1\r\nHost: localhost:" + app.base().getPort()
                + "\r\nAccept: text/html\r\nCookie: " + victim.cookieHeader())
                .getBytes(StandardCharsets.US_ASCII));
        Wire answer = Wire.send(app.base(), head.toByteArray());
        assertEquals(400, answer.status(), answer::raw);
        Reject.assertNoStackTrace(answer.status(), answer.body());
        assertNull(answer.cookie(SESSION_COOKIE), answer::raw);
        assertEquals(before.tokenRequests(), app.stats().tokenRequests());
        assertEquals(303, SignIn.callback(victim, approved.callbackUrl()).status(), "login not consumed");
    }

    @Test
    @DisplayName("H1 a 100 KiB state is refused with a 4xx, never a 500")
    void h1_hugeStateIsRefused() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Stats before = app.stats();
        String huge = "A".repeat(100 * 1024);
        Browser.Response answer = victim.navigate(app.callback(app.codeQuery(approved.code()) + "&state=" + huge));
        assertTrue(answer.status() >= 400 && answer.status() < 500, () -> answer.status() + " " + answer.body());
        Reject.assertNoStackTrace(answer);
        Reject.assertNotReflected(answer, huge.substring(0, 64));
        assertTrue(answer.setCookies().isEmpty());
        assertEquals(before.tokenRequests(), app.stats().tokenRequests());
        assertEquals(303, SignIn.callback(victim, approved.callbackUrl()).status(), "login not consumed");
    }

    @ParameterizedTest(name = "H1 {0} extra parameters")
    @ValueSource(ints = {1000, 5000})
    @DisplayName("H1 thousands of parameters get a clean answer, never a 500")
    void h1_manyParametersGetACleanAnswer(int count) {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        StringBuilder query = new StringBuilder(app.codeQuery(approved.code()) + "&state=" + approved.state());
        for (int i = 0; i < count; i++) {
            query.append("&p").append(i).append('=');
        }
        Browser.Response answer = victim.navigate(app.callback(query.toString()));
        Reject.assertNoStackTrace(answer);
        assertTrue(answer.status() == 303 || (answer.status() >= 400 && answer.status() < 500),
                () -> answer.status() + " " + answer.body());
    }

    @ParameterizedTest(name = "H1 {0} on the callback")
    @ValueSource(strings = {"HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    @DisplayName("H1 the callback answers only GET: other methods get 405 and leave the login pending")
    void h1_nonGetCallbackIsRefusedAndDoesNotConsumeTheLogin(String method) {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Stats before = app.stats();
        String form = app.codeQuery(approved.code()) + "&state=" + approved.state();
        Browser.Response answer = victim.send(method, approved.callbackUrl(),
                method.equals("HEAD") || method.equals("OPTIONS") ? null : form,
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html");
        assertEquals(405, answer.status(), answer::body);
        assertTrue(answer.setsCookie(SESSION_COOKIE).isEmpty());
        assertEquals(before.tokenRequests(), app.stats().tokenRequests());
        Reject.assertNoStackTrace(answer);

        Browser.Response get = SignIn.callback(victim, approved.callbackUrl());
        assertEquals(303, get.status(), "the state must still work with GET: " + get.body());
    }

    static Stream<Arguments> oddAccepts() {
        List<Arguments> cases = new ArrayList<>();
        for (String path : List.of("/me", "/api/me", "/me?x=1")) {
            for (String accept : new String[] {"*/*", "image/*", null, ";;;,,q=x", "text/html;q=abc", "text/html;q=0",
                    "text/html;q=", "text/html;;;", "ä/ö", "text/html," + "x".repeat(4000), ",", "text/*"}) {
                cases.add(Arguments.of(path, accept));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "H1 GET {0} with Accept: {1}")
    @MethodSource("oddAccepts")
    @DisplayName("H1 odd Accept headers on protected paths get a 302 or a 401, never a 500")
    void h1_oddAcceptHeadersGetCleanAnswers(String path, String accept) {
        Browser browser = app.browser();
        Browser.Response answer = accept == null ? browser.get(path) : browser.get(path, "Accept", accept);
        Reject.assertNoStackTrace(answer);
        assertTrue(answer.status() == 302 || answer.status() == 401, () -> answer.status() + " " + answer.body());
        if (answer.status() == 401) {
            assertTrue(answer.setsCookie(SESSION_COOKIE).isEmpty());
        }
    }

    static Stream<Arguments> nonNavigations() {
        return Stream.of(
                Arguments.of("GET", "/api/me", new String[] {"Accept", "application/json"}),
                Arguments.of("GET", "/me", new String[] {"Accept", "application/json"}),
                Arguments.of("GET", "/me", new String[] {"Accept", "text/html", "X-Requested-With", "XMLHttpRequest"}),
                Arguments.of("GET", "/me", new String[] {"Accept", "*/*", "Sec-Fetch-Mode", "cors"}),
                Arguments.of("GET", "/me", new String[] {"Accept", "text/html", "Sec-Fetch-Mode", "no-cors"}),
                Arguments.of("GET", "/me", new String[] {"Accept", "text/html", "Sec-Fetch-Mode", "same-origin"}),
                Arguments.of("GET", "/me/icon.png", new String[] {"Accept", "image/avif,image/webp,*/*;q=0.8",
                        "Sec-Fetch-Dest", "image", "Sec-Fetch-Mode", "no-cors"}),
                Arguments.of("GET", "/api/poll", new String[] {"Accept", "text/event-stream"}),
                Arguments.of("POST", "/me", new String[] {"Accept", "text/html"}),
                Arguments.of("PUT", "/me", new String[] {"Accept", "text/html"}),
                Arguments.of("DELETE", "/api/me", new String[] {"Accept", "application/json"}));
    }

    @ParameterizedTest(name = "H2 {0} {1} {2}")
    @MethodSource("nonNavigations")
    @DisplayName("H2 unauthenticated scripts, images and non-GET requests get a 401, no redirect and no session")
    void h2_nonNavigationsGet401(String method, String path, String[] headers) {
        Browser browser = app.browser();
        Browser.Response answer = browser.send(method, path, method.equals("GET") ? null : "x=1", headers);
        assertEquals(401, answer.status(), answer::body);
        assertNull(answer.location());
        assertTrue(answer.setCookies().isEmpty(), answer.setCookies()::toString);
        assertEquals("{\"error\":\"unauthenticated\",\"login\":\"/dingtalk/login\"}", answer.body());
    }

    @Test
    @DisplayName("H2 requests that are not navigations are never saved as the return target")
    void h2_nonNavigationsAreNotSavedAsReturnTargets() {
        Browser browser = app.browser();
        // Before the navigation: a favicon, a script, an image, a form post.
        browser.get("/favicon.ico", "Accept", "image/*");
        browser.get("/api/me", "Accept", "application/json");
        browser.get("/me?from=image", "Accept", "image/*", "Sec-Fetch-Dest", "image", "Sec-Fetch-Mode", "no-cors");
        browser.postForm("/me?from=post", "x=1", "Accept", "text/html");
        SignIn.Started page = SignIn.start(browser, "/me?from=navigation");
        // While the login is at DingTalk: more background traffic with the session, more than the 8-login bound.
        for (int i = 0; i < 10; i++) {
            assertEquals(401, browser.get("/api/me?poll=" + i, "Accept", "application/json",
                    "X-Requested-With", "XMLHttpRequest").status());
            assertEquals(401, browser.send("POST", "/me?from=post" + i, "x=1", "Accept", "text/html").status());
        }
        Browser.Response done = SignIn.callback(browser, app.approve(browser, page, "zhangsan").callbackUrl());
        assertEquals(303, done.status(), done::body);
        assertEquals("/me?from=navigation", done.location());
    }
}
