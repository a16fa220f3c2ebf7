package io.github.dingtalkauth.security.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checklist E2–E6: DingTalk's back channel misbehaving in every way the emulator can, on the token call and on the
 * profile call (in the legacy flow, {@link LegacyBackChannelFaultTest}: on its one signed exchange). For each fault the person at the browser must get the fixed failure page for the right reason (502
 * for an error or an invalid answer, 504 for a timeout) within {@code requestTimeout} + 1 s, uncached, without being
 * signed in; the code must have been presented to DingTalk exactly once; and the next login must work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackChannelFaultTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration PATIENCE = REQUEST_TIMEOUT.plusSeconds(1);
    private static final String USER = "zhangsan";

    static Flow flow;
    static EvilServer evil;
    private static DingTalkEmulator emulator;
    private static SampleServer server;
    private static String userUnionId;

    @BeforeAll
    static void start() throws Exception {
        startIn(Flow.OAUTH2);
    }

    static void startIn(Flow chosen) throws Exception {
        flow = chosen;
        evil = EvilServer.start();
        emulator = DingTalkEmulator.builder().codePrefix("FAULT-CODE-").tokenPrefix("FAULT-AT-").start();
        server = SampleServer.builder().port(0).setting("requestTimeout", "1s").setting("flow", flow.setting())
                .emulator(emulator).start();
        userUnionId = emulator.users().stream().filter(u -> u.key().equals(USER)).findFirst()
                .map(EmulatorUser::unionId).orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (evil != null) {
            evil.close();
        }
    }

    /** One fault on one endpoint and what the browser must get for it. */
    record Case(Endpoint endpoint, Fault fault, int status, String reason, List<String> providerText) {
        @Override
        public String toString() {
            String what = fault.toString().replaceAll("[\\p{Cntrl}\uFEFF]", "?");
            return endpoint + " " + (what.length() > 90 ? what.substring(0, 90) + "…" : what) + " -> " + status
                    + " " + reason;
        }
    }

    static Stream<Case> tokenFaults() {
        Endpoint e = Endpoint.TOKEN;
        List<Case> cases = new ArrayList<>(common(e));
        cases.addAll(List.of(
                invalid(e, json("{\"errcode\":40078,\"errmsg\":\"不存在的临时授权码\"}"), "40078", "不存在的临时授权码"),
                invalid(e, json("{\"accessToken\":null}")),
                invalid(e, json("{\"accessToken\":123}")),
                invalid(e, json("{\"accessToken\":\"\"}")),
                invalid(e, json("{\"accessToken\":{\"value\":\"FAULT-AT-x\"}}")),
                invalid(e, json("{\"accessToken\":\"FAULT-AT-a\",\"accessToken\":\"FAULT-AT-b\"}")),
                invalid(e, json("\uFEFF{\"accessToken\":\"FAULT-AT-bom\",\"expireIn\":7200}")),
                invalid(e, json("{\"accessToken\":\"\\ud800\"}")),
                invalid(e, json("{\"accessToken\":\"FAULT-AT-1\\r\\nX-Injected: 1\"}")),
                invalid(e, Fault.status(200, "text/plain", "{\"accessToken\":\"FAULT-AT-plain\",\"expireIn\":7200}")),
                invalid(e, Fault.status(200, null, "{\"accessToken\":\"FAULT-AT-none\",\"expireIn\":7200}")),
                // Broken UTF-8 in a field the filter does not use: decoded leniently (U+FFFD), this body would get as
                // far as the profile call; only a strict decoder refuses it here.
                invalid(e, Fault.statusBytes(200, "application/json",
                        bytes("{\"accessToken\":\"FAULT-AT-utf8\",\"note\":\"", 0xC3, 0x28, "\"}")))));
        return cases.stream();
    }

    static Stream<Case> profileFaults() {
        Endpoint e = Endpoint.PROFILE;
        List<Case> cases = new ArrayList<>(common(e));
        cases.addAll(List.of(
                invalid(e, Fault.missingUnionId()),
                invalid(e, Fault.profileBody("{\"errcode\":88,\"errmsg\":\"PROVIDER-SAYS-88\"}"), "PROVIDER-SAYS-88"),
                invalid(e, Fault.profileBody("{\"unionId\":null,\"nick\":\"x\"}")),
                invalid(e, Fault.profileBody("{\"unionId\":123,\"nick\":\"x\"}")),
                invalid(e, Fault.profileBody("{\"unionId\":\"\",\"nick\":\"x\"}")),
                invalid(e, Fault.profileBody("{\"unionId\":\"victim\",\"unionId\":\"attacker\",\"nick\":\"x\"}")),
                invalid(e, Fault.profileBody("\uFEFF{\"unionId\":\"bom\",\"nick\":\"x\"}")),
                invalid(e, Fault.profileBody("{\"unionId\":\"../../x\",\"nick\":\"x\"}")),
                invalid(e, Fault.profileBody("{\"unionId\":\"a\\u0000b\",\"nick\":\"x\"}")),
                invalid(e, Fault.profileBody("{\"unionId\":\"\\ud800\",\"nick\":\"x\"}")),
                invalid(e, Fault.profileBody("{\"unionId\":\"" + "u".repeat(10 * 1024) + "\",\"nick\":\"x\"}")),
                invalid(e, Fault.status(200, "text/plain", "{\"unionId\":\"plain\",\"nick\":\"x\"}")),
                invalid(e, Fault.status(200, null, "{\"unionId\":\"none\",\"nick\":\"x\"}")),
                // Broken UTF-8 in the nick: decoded leniently (U+FFFD), this profile would sign "utf8user" in.
                invalid(e, Fault.statusBytes(200, "application/json",
                        bytes("{\"unionId\":\"utf8user\",\"nick\":\"x", 0xFF, "\"}")))));
        return cases.stream();
    }

    /** Faults that make sense on every call. */
    static List<Case> common(Endpoint e) {
        List<Case> cases = new ArrayList<>(List.of(
                // E3: a late answer and a body that trickles past the deadline.
                new Case(e, Fault.slowHeaders(Duration.ofSeconds(4)), 504, "provider_timeout", List.of()),
                new Case(e, Fault.dripBody(Duration.ofMillis(100)), 504, "provider_timeout", List.of()),
                // The connection closes without an answer (the JDK client retries a GET once on its own).
                new Case(e, Fault.closeConnection(), 502, "provider_unavailable", List.of()),
                // E6: error statuses, an HTML error page, DingTalk's rate limit and IP block.
                new Case(e, Fault.html500(), 502, "provider_error", List.of("Tengine", "Internal Server Error")),
                new Case(e, Fault.qpsLimited(), 502, "provider_error", List.of("QpsLimitForApi", "频率")),
                new Case(e, Fault.status(403, "application/json", "{\"status\":1111,\"wait\":5}"), 502,
                        "provider_error", List.of("1111")),
                new Case(e, Fault.ipBlocked(), 502, "provider_error", List.of("1111")),
                // E4: 10 MiB, announced by Content-Length.
                invalid(e, Fault.hugeBody(10 * 1024 * 1024), "xxxxxxxx"),
                // E5: broken and hostile JSON.
                invalid(e, Fault.truncatedJson()),
                invalid(e, Fault.deeplyNested(10_000)),
                invalid(e, Fault.wrongTypes()),
                invalid(e, json("")),
                invalid(e, json("null")),
                invalid(e, json("[]")),
                invalid(e, json("\"str\"")),
                invalid(e, Fault.status(200, "text/html;charset=utf-8",
                        "<html><body>PROVIDER-PAGE login.dingtalk.com</body></html>"), "PROVIDER-PAGE")));
        // E2: no redirect is followed, whatever its status; the evil host must see nothing.
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            cases.add(invalid(e, Fault.redirect(status, evil.url("/steal?from=" + e)), "steal"));
        }
        // E6: DingTalk's own error answers.
        cases.add(new Case(e, Fault.dingTalkError(400, "invalidCode", "不合法的临时授权码"), 502, "provider_error",
                List.of("invalidCode", "不合法的临时授权码")));
        for (int status : new int[] {401, 403, 404, 429, 500, 502, 503, 504}) {
            cases.add(new Case(e, Fault.dingTalkError(status, "Provider.Code" + status, "PROVIDER-SAYS-" + status),
                    502, "provider_error", List.of("Provider.Code" + status, "PROVIDER-SAYS-" + status)));
        }
        return cases;
    }

    static Case invalid(Endpoint e, Fault fault, String... providerText) {
        return new Case(e, fault, 502, "invalid_response", List.of(providerText));
    }

    static Fault json(String body) {
        return Fault.status(200, "application/json;charset=utf-8", body);
    }

    /** Text and raw byte values (ints) concatenated, for bodies that are not valid UTF-8. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenFaults")
    @Order(1)
    void tokenCallFaultGivesFixedPageOnceAndNextLoginWorks(Case fault) throws Exception {
        assertFaultHandled(fault);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profileFaults")
    @Order(2)
    void profileCallFaultGivesFixedPageOnceAndNextLoginWorks(Case fault) throws Exception {
        assertFaultHandled(fault);
    }

    /**
     * Runs after the fault tests, and first repeats the faults that hold a connection open (so it proves something
     * when run alone too): no client thread is left busy, no request thread is left inside the back channel, and no
     * abandoned response is still being read (see {@link ClientThreads}).
     */
    @Test
    @Order(3)
    void noThreadOrConnectionStaysBusyAfterSlowTricklingAndHugeAnswers() throws Exception {
        Set<Thread> streamingBefore = ClientThreads.streamingNow();
        Endpoint exchange = flow.exchange();
        // The legacy flow has no profile call: its exchange takes the profile call's faults too.
        Endpoint second = flow == Flow.OAUTH2 ? Endpoint.PROFILE : exchange;
        for (Case slow : List.of(
                // 200 ms a byte: a drip outlasts the 3 s wait below by far unless the filter closed the connection.
                new Case(exchange, Fault.dripBody(Duration.ofMillis(200)), 504, "provider_timeout", List.of()),
                new Case(second, Fault.dripBody(Duration.ofMillis(200)), 504, "provider_timeout", List.of()),
                new Case(exchange, Fault.slowHeaders(Duration.ofSeconds(4)), 504, "provider_timeout", List.of()),
                new Case(second, Fault.hugeBody(10 * 1024 * 1024), 502, "invalid_response", List.of()))) {
            assertFaultHandled(slow);
        }
        assertFalse(ClientThreads.clientThreadNames().isEmpty(),
                "the filter's client threads are named " + ClientThreads.CLIENT_THREAD_PREFIX + "N");
        List<String> busy = ClientThreads.busyAfter(Duration.ofSeconds(3), streamingBefore);
        assertEquals(List.of(), busy, () -> "threads still busy with DingTalk:\n" + String.join("\n", busy));
    }

    private void assertFaultHandled(Case fault) throws Exception {
        emulator.reset();
        int evilHitsBefore = evil.hits().size();
        Browser browser = new Browser(server.baseUri());
        SignIn.Started started = SignIn.start(browser, "/me");
        String callbackUrl = SignIn.approve(browser, started, USER);
        String code = Query.parameter(URI.create(callbackUrl).getRawQuery(), flow.codeParameter());
        assertNotNull(code, callbackUrl);

        emulator.setFault(fault.endpoint(), fault.fault());
        long begin = System.nanoTime();
        Browser.Response page;
        try {
            page = SignIn.callback(browser, callbackUrl);
        } finally {
            emulator.clearFaults();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        Browser.Response me = browser.get("/api/me", "Accept", "application/json");

        List<Executable> checks = new ArrayList<>(List.of(
                () -> assertEquals(fault.status(), page.status(), () -> "status; page:\n" + page.body()),
                () -> assertEquals(fault.reason(), FixedPage.reasonOf(page.body()), "reason code on the page"),
                () -> assertEquals(FixedPage.expected(fault.reason()), page.body(), "the fixed failure page"),
                () -> assertTrue(took.compareTo(PATIENCE) <= 0, () -> "answered after " + took.toMillis() + " ms"),
                () -> assertTrue(String.valueOf(page.header("Cache-Control")).contains("no-store"),
                        () -> "Cache-Control: " + page.header("Cache-Control")),
                () -> assertEquals(401, me.status(), () -> "signed in after a failed login: " + me.body()),
                () -> assertEquals(1, tokenRequestsFor(code), "token requests presenting this code"),
                () -> assertEquals(List.of(), evil.hits().subList(evilHitsBefore, evil.hits().size()),
                        "requests that reached the evil host")));
        List<String> forbidden = new ArrayList<>(List.of("Exception", "at org.", "at java.", "127.0.0.1",
                "FAULT-", code, started.state(), ":" + emulator.port()));
        forbidden.addAll(fault.providerText());
        for (String text : forbidden) {
            checks.add(() -> assertFalse(page.body().contains(text), () -> "page shows '" + text + "'"));
        }
        assertAll(fault.toString(), checks);

        Browser.Response again = SignIn.signIn(browser, "/me", USER);
        assertEquals(303, again.status(), () -> "next login after " + fault + ": " + again.body());
        Browser.Response signedIn = browser.get("/api/me", "Accept", "application/json");
        assertEquals(200, signedIn.status());
        assertEquals(userUnionId, parse(signedIn.body()).getString("unionId"));
    }

    /** Exchange requests (token, or legacy user info) the emulator received whose JSON body presents this code. */
    private static long tokenRequestsFor(String code) {
        return emulator.requests(flow.exchange()).stream()
                .map(RecordedRequest::body)
                .map(BackChannelFaultTest::codeIn)
                .filter(c -> c.filter(code::equals).isPresent())
                .count();
    }

    private static Optional<String> codeIn(String body) {
        try {
            return Optional.ofNullable(parse(body).getString(flow.exchangeCodeField(), null));
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
