package io.github.dingtalkauth.security.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.SignIn;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Checklist F1–F3 with canaries: a representative set of flows (sign-ins, replays, forged and malformed states, a
 * cancelled login, back-channel faults, logout) against the sample running in a JVM of its own, then a search of
 * everything that JVM printed, every request DingTalk received and every response the browsers got.
 *
 * <p>The app runs in a child JVM ({@link LoggedSampleMain}) because two loggers are configured once per JVM: the JDK
 * HTTP client's wire log ({@code jdk.httpclient.HttpClient.log}, read at class initialisation) and Jetty's logging.
 * The emulator (standing in for DingTalk, whose own logs naturally hold codes and tokens) and the browsers stay in
 * the test JVM. The flows run twice:
 * <ul>
 *   <li><b>production</b>: every {@code java.util.logging} logger at ALL (the filter's, the JDK's internal HTTP client
 *       debug logger, everything), Jetty at its default INFO, the JDK wire log off. Everything the JVM prints must be
 *       clean: this is F1's "second run with the production config".</li>
 *   <li><b>finest</b>: the same plus Jetty at ALL and {@code -Djdk.httpclient.HttpClient.log=all}. Jetty's DEBUG
 *       lines and the JDK wire log are third-party wire loggers that print request lines, headers and session ids;
 *       everything else (the filter's records, the JDK's internal loggers, Jetty at INFO and above) must still be
 *       clean.</li>
 * </ul>
 */
class SecretHygieneTest {
    static final String SECRET = "CANARY-SECRET-7f3a";
    private static final List<String> CANARIES = List.of("CANARY-SECRET", "CANARY-CODE-", "CANARY-AT-", "CANARY-RT-",
            "CANARY-APP-");
    /** DingTalk's oapi takes the app token in the URL, so that is the one place it may travel. */
    private static final Pattern OAPI_TOKEN_QUERY = Pattern.compile("access_token=CANARY-APP-\\d+");
    /** The legacy exchange's signature travels in its URL too; it opens any code for a minute, so it is a secret. */
    private static final Pattern SIGNATURE_QUERY = Pattern.compile("signature=[^&\\s]+");
    private static final List<String> FINEST = List.of("-Dorg.eclipse.jetty.LEVEL=ALL",
            "-Djdk.httpclient.HttpClient.log=all");
    private static final String WIRE_LOGGER = "JUL|jdk.httpclient.HttpClient|";
    private static final String JDK_DEBUG_LOGGER = "JUL|jdk.internal.httpclient.debug|";
    /** A Jetty log line: {@code 2026-01-01 12:00:00.000:DEBUG:oejs.Server:main: text}. */
    private static final Pattern JETTY_LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\S+:(\\w+)\\s*:(\\S+?):");
    private static final int SHOWN = 15;

    static Flow flow;
    private static DingTalkEmulator emulator;
    static Scenario production;
    private static Scenario finest;

    @BeforeAll
    static void runTheFlowsUnderBothLoggingConfigurations() throws Exception {
        runIn(Flow.OAUTH2);
    }

    static void runIn(Flow chosen) throws Exception {
        flow = chosen;
        emulator = DingTalkEmulator.builder().clientSecret(SECRET).codePrefix("CANARY-CODE-")
                .tokenPrefix("CANARY-AT-").appTokenPrefix("CANARY-APP-").start();
        // Jetty's level is named although INFO is its default, so that a jetty-logging.properties some other suite
        // puts on the test class path cannot change what "production" means here.
        production = Scenario.run(emulator, List.of("-Dorg.eclipse.jetty.LEVEL=INFO"));
        finest = Scenario.run(emulator, FINEST);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void productionLoggingWithEveryJulLoggerAtAllPrintsNoSecretCodeTokenStateOrSessionId() {
        List<String> leaks = production.linesWithSecrets(source -> true);
        assertAll(
                // The capture is live: the filter's records, the JDK's finest records and Jetty's INFO are in it.
                () -> assertTrue(production.output.stream().anyMatch(l -> l.startsWith(
                        "JUL|io.github.dingtalkauth|WARNING|") && l.contains("reason=state_unknown")),
                        "the filter's WARN records were captured"),
                () -> assertTrue(production.output.stream().anyMatch(l -> l.startsWith(
                        "JUL|io.github.dingtalkauth|INFO|")), "the filter's INFO records were captured"),
                // JDK 17, the baseline, writes FINE records of its HTTP client; later JDKs (25 seen) write none there.
                () -> assertTrue(jdkDebugRecordsCaptured() || Runtime.version().feature() > 17,
                        "the JDK's FINE records were captured"),
                () -> assertTrue(production.output.stream().anyMatch(l -> l.contains(":INFO :oejs.Server:")),
                        "Jetty's INFO lines were captured"),
                () -> assertEquals(List.of(), leaks, () -> shown("lines with a secret", leaks)));
    }

    private static boolean jdkDebugRecordsCaptured() {
        return production.output.stream().anyMatch(l -> l.startsWith(JDK_DEBUG_LOGGER + "FINE|"));
    }

    @Test
    void atFinestLevelsNothingButJettyDebugAndTheJdkWireLogPrintsASecret() {
        List<String> leaks = finest.linesWithSecrets(source -> !isThirdPartyWireLog(source));
        List<String> filterRecords = finest.output.stream()
                .filter(l -> l.startsWith("JUL|io.github.dingtalkauth|")).toList();
        assertAll(
                () -> assertTrue(filterRecords.size() >= 10, "the filter's records were captured"),
                () -> assertTrue(finest.output.stream().anyMatch(l -> l.contains(":DEBUG:oejs")),
                        "Jetty's DEBUG lines were captured"),
                () -> assertEquals(List.of(), leaks, () -> shown("lines with a secret", leaks)));
    }

    /**
     * F1's "third-party wire loggers" case, shown rather than hidden: at {@code all} the JDK client prints request
     * headers, so the user's access token ({@code x-acs-dingtalk-access-token}) lands in the log. The only defence is
     * to leave that logger off, which SECURITY.md tells deployers to do.
     */
    @Test
    void jdkWireLogAtAllPrintsSecretsWhichIsWhySecurityMdSaysToLeaveItOff() throws Exception {
        List<String> wireLeaks = finest.linesWithSecrets(source -> source.startsWith(WIRE_LOGGER));
        String security = Files.readString(securityMd(), StandardCharsets.UTF_8);
        assertAll(
                () -> assertFalse(wireLeaks.isEmpty(), "the JDK wire log at 'all' prints secrets"),
                () -> assertTrue(security.contains("-Djdk.httpclient.HttpClient.log")
                        && security.contains("off in production"), "SECURITY.md says to leave the wire log off"));
    }

    /**
     * DingTalk's oapi takes the app token in the URL, and the JDK client's internal debug logger prints request URLs
     * at FINE: the one leak no code of the filter can prevent, shown here, and named in SECURITY.md. The production
     * test above holds that logger to everything else.
     */
    @Test
    void jdkDebugLogAtFinePrintsOapiUrlsWithTheAppTokenWhichIsWhySecurityMdSaysToKeepItAtInfo() throws Exception {
        Assumptions.assumeTrue(jdkDebugRecordsCaptured() || Runtime.version().feature() == 17,
                "this JDK's HttpClient writes no debug records at FINE: there is no such leak to show");
        List<String> appTokenLines = production.output.stream()
                .filter(l -> l.startsWith(JDK_DEBUG_LOGGER) && l.contains("CANARY-APP-")).toList();
        String security = Files.readString(securityMd(), StandardCharsets.UTF_8);
        assertAll(
                () -> assertFalse(appTokenLines.isEmpty(), "the JDK's debug logger at FINE prints oapi URLs"),
                () -> assertTrue(appTokenLines.stream().allMatch(l -> l.contains("?access_token=CANARY-APP-")),
                        () -> shown("app tokens outside an oapi URL", appTokenLines)),
                () -> assertTrue(security.contains("jdk.internal.httpclient.debug"),
                        "SECURITY.md says to keep that logger at INFO"));
    }

    @Test
    void tokenRequestIsAJsonPostWithTheSecretOnlyInItsBody() {
        // The legacy exchange never sends the secret; LegacySecretHygieneTest holds it to that instead.
        Assumptions.assumeTrue(flow == Flow.OAUTH2, "the legacy flow sends no secret");
        List<RecordedRequest> tokenCalls = production.requestsTo(Endpoint.TOKEN);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertFalse(tokenCalls.isEmpty(), "token calls"));
        for (RecordedRequest call : tokenCalls) {
            checks.add(() -> assertEquals("POST", call.method()));
            checks.add(() -> assertTrue(call.header("Content-Type").orElse("").startsWith("application/json"),
                    () -> "Content-Type " + call.header("Content-Type")));
            checks.add(() -> assertTrue(call.body().contains("\"clientSecret\":\"" + SECRET + "\""), call.body()));
            checks.add(() -> assertFalse((call.path() + "?" + call.query()).contains("CANARY-SECRET")));
            checks.add(() -> assertFalse(call.headers().toString().contains("CANARY-SECRET"),
                    () -> "headers " + call.headers()));
        }
        assertAll(checks);
    }

    @Test
    void noRequestUrlDingTalkReceivesCarriesACanaryButTheAppTokenOfAnOapiCallAndTheUserTokenTravelsInItsHeader() {
        List<Executable> checks = new ArrayList<>();
        if (flow.profileCallsPerSignIn() > 0) {
            checks.add(() -> assertFalse(production.requestsTo(Endpoint.PROFILE).isEmpty(), "profile calls"));
        }
        checks.add(() -> assertFalse(production.requestsTo(Endpoint.USER_BY_UNIONID).isEmpty(), "membership calls"));
        for (RecordedRequest request : production.requests) {
            boolean oapi = request.path().startsWith(URI.create(emulator.oapiBaseUrl()).getPath() + "/");
            String query = oapi && request.query() != null && OAPI_TOKEN_QUERY.matcher(request.query()).matches()
                    ? "" : request.query();
            checks.add(() -> assertFalse((request.path() + "?" + query).contains("CANARY-"),
                    () -> request.method() + " " + request.path() + "?" + request.query()));
        }
        for (RecordedRequest call : production.requestsTo(Endpoint.PROFILE)) {
            checks.add(() -> assertTrue(call.header("x-acs-dingtalk-access-token").orElse("").startsWith("CANARY-AT-"),
                    () -> "profile call headers " + call.headers()));
            checks.add(() -> assertTrue(call.header("Authorization").isEmpty(), "no Authorization header"));
            checks.add(() -> assertEquals("", call.body(), "profile call body"));
        }
        assertAll(checks);
    }

    @Test
    void noResponseOfTheAppCarriesACanaryInLocationCookiesHeadersOrBody() {
        List<String> found = new ArrayList<>();
        for (Browser.Response response : production.appResponses) {
            String whole = headersOf(response.headers()) + "\n" + response.body();
            for (String canary : CANARIES) {
                if (whole.contains(canary)) {
                    found.add(response.status() + " " + response.uri().getPath() + " carries " + canary);
                }
            }
        }
        assertTrue(production.appResponses.size() > 20, "responses recorded");
        assertEquals(List.of(), found);
    }

    @Test
    void everyFailurePageIsTheFixedTemplateAndShowsNoStateOrSessionId() {
        List<Browser.Response> failures = production.appResponses.stream()
                .filter(r -> r.status() >= 400 && String.valueOf(r.header("Content-Type")).startsWith("text/html"))
                .toList();
        Set<String> reasons = failures.stream().map(r -> FixedPage.reasonOf(r.body()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<Executable> checks = new ArrayList<>();
        Set<String> exercised = new LinkedHashSet<>(List.of("state_unknown", "state_invalid", "access_denied",
                "provider_error", "provider_timeout", "provider_unavailable", "invalid_response", "not_a_member"));
        if (flow == Flow.LEGACY) {
            exercised.add("clock_skew");
        }
        checks.add(() -> assertEquals(exercised, reasons, "reasons exercised"));
        for (Browser.Response page : failures) {
            String reason = FixedPage.reasonOf(page.body());
            checks.add(() -> assertEquals(FixedPage.expected(reason), page.body(), "page for " + reason));
            String whole = headersOf(page.headers()) + "\n" + page.body();
            for (String secret : production.statesAndSessionIds()) {
                checks.add(() -> assertFalse(whole.contains(secret), () -> reason + " page shows " + secret));
            }
            for (String text : List.of("Exception", "at org.", "127.0.0.1", "CANARY-")) {
                checks.add(() -> assertFalse(page.body().contains(text), () -> reason + " page shows " + text));
            }
        }
        assertAll(checks);
    }

    /** Jetty below INFO, and the JDK's wire log: the loggers a production configuration must keep quiet. */
    private static boolean isThirdPartyWireLog(String source) {
        if (source.startsWith(WIRE_LOGGER)) {
            return true;
        }
        Matcher jetty = JETTY_LINE.matcher(source);
        return jetty.find() && Set.of("DEBUG", "TRACE", "ALL").contains(jetty.group(1));
    }

    private static String shown(String what, List<String> lines) {
        return lines.size() + " " + what + (lines.size() > SHOWN ? ", the first " + SHOWN : "") + ":\n"
                + String.join("\n", lines.subList(0, Math.min(SHOWN, lines.size())));
    }

    private static Path securityMd() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("SECURITY.md"))) {
                return dir.resolve("SECURITY.md");
            }
        }
        throw new IllegalStateException("SECURITY.md not found above " + Path.of("").toAbsolutePath());
    }

    private static String headersOf(HttpHeaders headers) {
        return headers.map().entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /** One run of the flows against a fresh child app, and everything it left behind. */
    static final class Scenario {
        final List<Browser.Response> appResponses = new ArrayList<>();
        final Set<String> states = new LinkedHashSet<>();
        final Set<String> sessionIds = new LinkedHashSet<>();
        List<String> output = List.of();
        List<RecordedRequest> requests = List.of();

        static Scenario run(DingTalkEmulator emulator, List<String> jvmProperties) throws Exception {
            int port = ChildApp.freePort();
            String callback = "http://localhost:" + port + "/dingtalk/callback";
            emulator.registerRedirectUri(callback);
            emulator.reset();
            Scenario scenario = new Scenario();
            // The secret reaches the app the way conf/dingtalk.properties expects it: ${env:DINGTALK_APP_SECRET}.
            try (ChildApp app = ChildApp.start(port, jvmProperties, Map.of("DINGTALK_APP_SECRET", SECRET),
                    List.of("appId=" + emulator.clientId(), "authorizeUrl=" + flow.authorizeUrl(emulator),
                            "apiBaseUrl=" + emulator.apiBaseUrl(), "redirectUri=" + callback,
                            "requestTimeout=1s", "oapiBaseUrl=" + emulator.oapiBaseUrl(),
                            "allowedCorpIds=" + emulator.corpId(), "flow=" + flow.setting()))) {
                try {
                    scenario.flows(emulator, app);
                } finally {
                    emulator.clearFaults();
                    scenario.output = app.stopAndCollectOutput();
                }
            }
            scenario.requests = emulator.requests();
            return scenario;
        }

        private void flows(DingTalkEmulator emulator, ChildApp app) {
            // A sign-in, its pages, and replays of its callback: by the Back button, and in a browser not signed in.
            Browser first = new Browser(app.baseUri());
            String callback = SignIn.approve(first, start(first), "zhangsan");
            expect(303, visit(first, callback));
            expect(200, visit(first, "/me"));
            expect(200, record(first, first.get("/api/me", "Accept", "application/json")));
            expect(303, visit(first, callback));
            expect(400, visit(new Browser(app.baseUri()), callback));
            // Forged callbacks: an unknown well-formed state carrying a code-like value, and a malformed state.
            Browser forger = new Browser(app.baseUri());
            String code = "/dingtalk/callback?" + flow.codeParameter();
            expect(400, visit(forger, code + "=CANARY-CODE-999&state=" + "A".repeat(43)));
            expect(400, visit(forger, code + "=CANARY-CODE-998&state=%3Cbad%3E"));
            // Cancelled at DingTalk.
            Browser cancelling = new Browser(app.baseUri());
            expect(403, visit(cancelling, SignIn.deny(cancelling, start(cancelling))));
            // Back-channel faults, on the code exchange and on the profile call (after a real token was issued); the
            // legacy flow has one call, which takes both kinds, and its errcode answers and clock skew besides.
            Endpoint exchange = flow.exchange();
            Endpoint profile = flow == Flow.OAUTH2 ? Endpoint.PROFILE : exchange;
            fault(emulator, app, exchange, Fault.dingTalkError(400, "invalidCode", "不合法的临时授权码"), 502);
            fault(emulator, app, exchange, Fault.slowHeaders(Duration.ofSeconds(3)), 504);
            fault(emulator, app, exchange, Fault.truncatedJson(), 502);
            fault(emulator, app, exchange, Fault.closeConnection(), 502);
            fault(emulator, app, exchange, Fault.redirect(307, "http://127.0.0.1:9/steal"), 502);
            fault(emulator, app, profile, Fault.html500(), 502);
            fault(emulator, app, profile, Fault.wrongTypes(), 502);
            fault(emulator, app, profile, Fault.dripBody(Duration.ofMillis(100)), 504);
            if (flow == Flow.OAUTH2) {
                fault(emulator, app, profile, Fault.missingUnionId(), 502);
            } else {
                fault(emulator, app, exchange, Fault.oapiError(40078, "不存在的临时授权码"), 502);
                emulator.setClockSkew(Duration.ofMinutes(3));
                Browser late = new Browser(app.baseUri());
                expect(502, visit(late, SignIn.approve(late, start(late), "wangfang")));
                emulator.setClockSkew(Duration.ZERO);
            }
            // The organization: an outsider refused, DingTalk refusing the app token, an expired app token replaced.
            Browser outsider = new Browser(app.baseUri());
            expect(403, visit(outsider, SignIn.approve(outsider, start(outsider), "zhouqi")));
            fault(emulator, app, Endpoint.USER_BY_UNIONID, Fault.oapiAuthError("40014", "不合法的access_token"), 502);
            fault(emulator, app, Endpoint.EMPLOYEE, Fault.oapiError(-1, "系统繁忙"), 502);
            emulator.expireAppTokens();
            fault(emulator, app, Endpoint.APP_TOKEN, Fault.dingTalkError(400, "invalidClientIdOrSecret", "无效"), 502);
            // Another person signs in and out; afterwards the session is gone.
            Browser second = new Browser(app.baseUri());
            expect(303, visit(second, SignIn.approve(second, start(second), "alice")));
            expect(200, visit(second, "/dingtalk/logout"));
            expect(303, record(second, second.postForm("/dingtalk/logout", "", "Origin", app.baseUri().toString())));
            expect(401, record(second, second.get("/api/me", "Accept", "application/json")));
            collectSession(first);
        }

        private void fault(DingTalkEmulator emulator, ChildApp app, Endpoint endpoint, Fault fault, int status) {
            Browser browser = new Browser(app.baseUri());
            String callback = SignIn.approve(browser, start(browser), "wangfang");
            emulator.setFault(endpoint, fault);
            try {
                expect(status, visit(browser, callback));
            } finally {
                emulator.clearFaults();
            }
        }

        private SignIn.Started start(Browser browser) {
            Browser.Response redirect = visit(browser, "/me");
            expect(302, redirect);
            String state = redirect.locationParameter("state");
            states.add(state);
            return new SignIn.Started(redirect.location(), state);
        }

        private Browser.Response visit(Browser browser, String url) {
            return record(browser, browser.navigate(url));
        }

        private Browser.Response record(Browser browser, Browser.Response response) {
            appResponses.add(response);
            response.setsCookie("JSESSIONID").ifPresent(this::addSessionId);
            for (String setCookie : response.setCookies()) { // a login cookie's value is never logged either
                String pair = setCookie.split(";", 2)[0];
                if (pair.startsWith("DTLOGIN_") && pair.indexOf('=') < pair.length() - 1) {
                    sessionIds.add(pair.substring(pair.indexOf('=') + 1));
                }
            }
            collectSession(browser);
            return response;
        }

        private void collectSession(Browser browser) {
            String cookie = browser.cookie("JSESSIONID");
            if (cookie != null) {
                addSessionId(cookie);
            }
        }

        /** The cookie value, and the id without Jetty's {@code .node0} worker suffix, as a log might print it. */
        private void addSessionId(String cookie) {
            sessionIds.add(cookie);
            sessionIds.add(cookie.split("\\.", 2)[0]);
        }

        private static void expect(int status, Browser.Response response) {
            assertEquals(status, response.status(), () -> response.uri() + " answered:\n" + response.body());
        }

        List<String> statesAndSessionIds() {
            List<String> all = new ArrayList<>(states);
            all.addAll(sessionIds);
            return all;
        }

        /** The legacy exchange's signatures as sent (URL-encoded) and as computed: none in the new flow. */
        List<String> signatures() {
            List<String> all = new ArrayList<>();
            for (RecordedRequest call : requestsTo(Endpoint.LEGACY_USER_INFO)) {
                Matcher signature = SIGNATURE_QUERY.matcher(String.valueOf(call.query()));
                if (signature.find()) {
                    String sent = signature.group().substring("signature=".length());
                    all.add(sent);
                    all.add(URLDecoder.decode(sent, StandardCharsets.UTF_8));
                }
            }
            return all;
        }

        List<RecordedRequest> requestsTo(Endpoint endpoint) {
            String path = URI.create(emulator.url(endpoint)).getPath();
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }

        /**
         * Output lines holding a canary, a state or a session id, among those whose source is {@code included}; each
         * cut to 400 characters. A line's source is the line itself when it starts a record (a {@code JUL|} record
         * or a Jetty line), else the record it continues (a stack trace, a multi-line message).
         */
        List<String> linesWithSecrets(Predicate<String> included) {
            List<String> needles = new ArrayList<>(CANARIES);
            needles.addAll(statesAndSessionIds());
            needles.addAll(signatures());
            assertTrue(states.size() >= 5 && sessionIds.size() >= 5, "states and session ids were collected");
            List<String> found = new ArrayList<>();
            String source = "";
            for (String line : output) {
                if (line.startsWith("JUL|") || JETTY_LINE.matcher(line).find()) {
                    source = line;
                }
                // The JDK's debug logger prints oapi URLs, app token and signature included (see the test that
                // shows it).
                String checked = source.startsWith(JDK_DEBUG_LOGGER) ? SIGNATURE_QUERY.matcher(
                        OAPI_TOKEN_QUERY.matcher(line).replaceAll("")).replaceAll("") : line;
                if (included.test(source) && needles.stream().anyMatch(checked::contains)) {
                    found.add(line.length() > 400 ? line.substring(0, 400) + "…" : line);
                }
            }
            return found;
        }
    }
}
