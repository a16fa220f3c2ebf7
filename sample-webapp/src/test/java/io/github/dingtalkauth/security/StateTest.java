package io.github.dingtalkauth.security;

import static io.github.dingtalkauth.security.SecurityApp.LOGIN;
import static io.github.dingtalkauth.security.SecurityApp.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.MovableClock;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checklist A: {@code state}, login CSRF and the binding of a login to the browser that started it. */
class StateTest {
    private static final Pattern STATE_FORMAT = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    static SecurityApp app;

    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.OAUTH2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void clearFaults() {
        app.emulator().clearFaults();
    }

    @Test
    @DisplayName("A1 1,000 fresh browsers get 1,000 distinct, random, opaque states that hold no session id")
    void a1_statesAreDistinctRandomAndOpaque() {
        Set<String> states = new HashSet<>();
        String previous = null;
        long ones = 0;
        for (int i = 0; i < 1000; i++) {
            Browser browser = app.browser();
            Browser.Response login = browser.navigate(LOGIN);
            assertEquals(302, login.status());
            String state = login.locationParameter("state");
            assertNotNull(state);
            assertTrue(STATE_FORMAT.matcher(state).matches(), state);
            assertTrue(login.setsCookie(SESSION_COOKIE).isEmpty(), "a login start created a session");
            String cookie = login.setCookies().get(0);
            assertFalse(cookie.contains(state), state + " / " + cookie);
            if (previous != null) {
                // A counter or a timestamp would make consecutive states share a prefix.
                assertFalse(state.regionMatches(0, previous, 0, 6), previous + " then " + state);
            }
            assertTrue(states.add(state), "state repeated: " + state);
            previous = state;
            for (byte b : Base64.getUrlDecoder().decode(state)) {
                ones += Integer.bitCount(b & 0xff);
            }
        }
        // 256,000 random bits: half are ones, give or take 253 (one standard deviation); allow 10 of those.
        assertTrue(Math.abs(ones - 128_000) < 2_530, "bits set: " + ones + " of 256000");
    }

    @Test
    @DisplayName("A1 a state or redirect_uri on the login URL is ignored: the state is fresh, the redirect_uri configured")
    void a1_callerSuppliedStateAndRedirectUriAreIgnored() {
        String fixed = "ATTACKER" + "x".repeat(35); // well-formed: 43 base64url characters
        Browser browser = app.browser();
        Browser.Response login = browser.navigate(LOGIN + "?state=" + fixed
                + "&redirect_uri=" + Query.encode("https://evil.test/cb") + "&returnTo=/me");
        assertEquals(302, login.status());
        assertNotEquals(fixed, login.locationParameter("state"));
        assertTrue(STATE_FORMAT.matcher(login.locationParameter("state")).matches());
        assertEquals(app.redirectUri(), login.locationParameter("redirect_uri"));
        assertFalse(login.location().contains("evil.test"), login.location());
        assertFalse(login.location().contains("ATTACKER"), login.location());
        // The attacker's value does not work at the callback either.
        SignIn.Started started = new SignIn.Started(login.location(), login.locationParameter("state"));
        SecurityApp.Approved approved = app.approve(browser, started, "zhangsan");
        Reject.Before before = Reject.before(app, browser);
        Browser.Response forged = browser.navigate(app.callback(app.codeQuery(approved.code()) + "&state=" + fixed));
        Reject.assertRejected(forged, before, "state_unknown", fixed);
    }

    @Test
    @DisplayName("A1 the state carries nothing of the return target")
    void a1_stateDoesNotCarryTheReturnTarget() {
        String target = "/xmarker-path";
        Browser.Response login = app.browser().navigate(LOGIN + "?returnTo=" + Query.encode(target));
        String state = login.locationParameter("state");
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(target.getBytes(StandardCharsets.UTF_8));
        String decoded = new String(Base64.getUrlDecoder().decode(state), StandardCharsets.ISO_8859_1);
        for (String form : List.of(target, "xmarker", Query.encode(target), b64.substring(0, 8))) {
            assertFalse(state.contains(form), state + " contains " + form);
        }
        assertFalse(decoded.contains("xmarker"), "state decodes to the target");
    }

    static Stream<Arguments> wrongStates() {
        String random = randomState();
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("missing", (BiFunction<String, String, String>) (s, c) -> app.codeQuery(c),
                "state_missing", ""));
        cases.add(Arguments.of("empty", (BiFunction<String, String, String>) (s, c) -> app.codeQuery(c) + "&state=",
                "state_missing", ""));
        cases.add(Arguments.of("%20", (BiFunction<String, String, String>) (s, c) -> app.codeQuery(c) + "&state=%20",
                "state_missing", ""));
        cases.add(Arguments.of("malformed", (BiFunction<String, String, String>) (s, c) -> app.codeQuery(c)
                + "&state=not-a-state-XQZ", "state_invalid", "not-a-state-XQZ"));
        cases.add(Arguments.of("one character off", (BiFunction<String, String, String>) (s, c) -> app.codeQuery(c)
                + "&state=" + flipLast(s), "state_unknown", "<flipped>"));
        cases.add(Arguments.of("unknown", (BiFunction<String, String, String>) (s, c) -> app.codeQuery(c)
                + "&state=" + random, "state_unknown", random));
        return cases.stream();
    }

    @ParameterizedTest(name = "A2 state {0}")
    @MethodSource("wrongStates")
    @DisplayName("A2 a missing, empty, blank, malformed or unknown state is refused, and the real login still works")
    void a2_wrongStateIsRejectedAndDoesNotConsumeTheLogin(String name, BiFunction<String, String, String> query,
                                                          String reason, String attack) {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Reject.Before before = Reject.before(app, victim);
        Browser.Response forged = victim.navigate(app.callback(query.apply(approved.state(), approved.code())));
        Reject.assertRejected(forged, before, reason, attack.equals("<flipped>") ? flipLast(approved.state()) : attack);

        Browser.Response real = SignIn.callback(victim, approved.callbackUrl());
        assertEquals(303, real.status(), real::body);
        assertEquals("/me", real.location());
    }

    @Test
    @DisplayName("A2 a callback from a browser without a session is refused and creates no session")
    void a2_callbackWithoutSessionIsRejectedWithoutCreatingOne() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Browser stranger = app.browser();
        Reject.Before before = Reject.before(app, stranger);
        Browser.Response forged = stranger.navigate(approved.callbackUrl());
        Reject.assertRejected(forged, before, "state_unknown", approved.state());
        assertTrue(forged.setCookies().isEmpty(), forged.setCookies()::toString);

        assertEquals(303, SignIn.callback(victim, approved.callbackUrl()).status());
    }

    @Test
    @DisplayName("A3 an attacker's state and code delivered to the victim's browser are refused; the attacker's own login still works")
    void a3_foreignStateIsRejected() {
        Browser attacker = app.browser();
        SecurityApp.Approved attackers = app.approved(attacker, "/me", "lisi");
        Browser victim = app.browser();
        SecurityApp.Approved victims = app.approved(victim, "/me?tab=victim", "zhangsan");

        Reject.Before before = Reject.before(app, victim);
        Browser.Response forged = victim.navigate(attackers.callbackUrl());
        Reject.assertRejected(forged, before, "state_unknown", attackers.state());
        assertEquals(401, Reject.probe(victim).status());

        assertEquals(303, SignIn.callback(attacker, attackers.callbackUrl()).status(), "attacker's own browser");
        Browser.Response own = SignIn.callback(victim, victims.callbackUrl());
        assertEquals(303, own.status());
        assertEquals("/me?tab=victim", own.location());
        assertTrue(Reject.probe(victim).body().contains(unionIdOf("zhangsan")));
    }

    @Test
    @DisplayName("A3 an attacker's callback in a signed-in victim's browser redeems nothing: the victim goes on to"
            + " the context root as who they were")
    void a3_foreignStateInSignedInBrowserIsNotRedeemed() {
        Browser victim = app.browser();
        app.signIn(victim, "/me", "zhangsan");
        String victimProfile = Reject.probe(victim).body();
        Browser attacker = app.browser();
        SecurityApp.Approved attackers = app.approved(attacker, "/me", "lisi");

        Reject.Before before = Reject.before(app, victim);
        Reject.assertSentOn(victim.navigate(attackers.callbackUrl()), before, "/", attackers.state(),
                attackers.code());
        assertEquals(victimProfile, Reject.probe(victim).body());
        assertTrue(victimProfile.contains("\"nick\":\"张三\""), victimProfile);
    }

    @Test
    @DisplayName("A4 replaying a completed callback (the Back button) calls DingTalk no more: the signed-in user goes"
            + " on to that login's page")
    void a4_replayAfterSuccessRedeemsNothing() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        int tokens = app.stats().tokenRequests();
        assertEquals(303, SignIn.callback(victim, approved.callbackUrl()).status());
        assertEquals(tokens + 1, app.stats().tokenRequests());

        Reject.Before before = Reject.before(app, victim);
        Reject.assertSentOn(victim.navigate(approved.callbackUrl()), before, "/me", approved.state(),
                approved.code());
        assertEquals(tokens + 1, app.stats().tokenRequests());
    }

    @Test
    @DisplayName("A4 a state stays used after DingTalk failed: the replay is state_unknown, one token call in all")
    void a4_replayAfterProviderFailureIsRejected() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        int tokens = app.stats().tokenRequests();
        app.emulator().setFaultOnce(app.exchange(), Fault.status(500, "application/json", "{\"code\":\"oops\"}"));
        Browser.Response failed = SignIn.callback(victim, approved.callbackUrl());
        assertEquals(502, failed.status(), failed::body);
        assertTrue(failed.body().contains("Reason: provider_error"), failed::body);
        assertEquals(tokens + 1, app.stats().tokenRequests());

        Reject.Before before = Reject.before(app, victim);
        Reject.assertRejected(victim.navigate(approved.callbackUrl()), before, "state_unknown");
        assertEquals(tokens + 1, app.stats().tokenRequests());
    }

    @Test
    @DisplayName("A4 a leaked callback URL replayed from another browser is refused")
    void a4_replayFromAnotherBrowserIsRejected() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        assertEquals(303, SignIn.callback(victim, approved.callbackUrl()).status());
        Browser attacker = app.browser();
        attacker.navigate(LOGIN); // the attacker has a session with a login of their own
        Reject.Before before = Reject.before(app, attacker);
        Reject.assertRejected(attacker.navigate(approved.callbackUrl()), before, "state_unknown", approved.state());
    }

    @Test
    @DisplayName("A5 a login older than stateTtl is refused as state_expired, without calling DingTalk")
    void a5_expiredStateIsRejected() throws Exception {
        MovableClock clock = new MovableClock();
        try (SecurityApp expiring = app.another(clock, "stateTtl", "1m")) {
            Browser victim = expiring.browser();
            SecurityApp.Approved old = expiring.approved(victim, "/me", "zhangsan");
            // Only the filter's clock moves: the session (1 min idle, on the container's clock) is still there.
            clock.advance(Duration.ofSeconds(61));
            Reject.Before before = Reject.before(expiring, victim);
            Reject.assertRejected(victim.navigate(old.callbackUrl()), before, "state_expired");
        }
    }

    @Test
    @DisplayName("A5 when the pre-login session has expired the callback is refused with a link that starts again")
    void a5_expiredPreLoginSessionIsRejectedWithRestartLink() throws Exception {
        try (SecurityApp expiring = app.another(Clock.systemUTC(), "stateTtl", "2s")) {
            Browser victim = expiring.browser();
            SignIn.Started started = SignIn.start(victim, LOGIN);
            Thread.sleep(3000);
            SecurityApp.Approved approved = expiring.approve(victim, started, "zhangsan");
            Reject.Before before = Reject.before(expiring, victim);
            Browser.Response late = victim.navigate(approved.callbackUrl());
            // A real browser has dropped the cookie after Max-Age (state_unknown); this jar keeps it, and the
            // server's own clock refuses it.
            Reject.assertRejected(late, before, "state_expired");
            assertTrue(late.body().contains("href=\"" + LOGIN + "\""), late::body);
        }
    }

    @Test
    @DisplayName("A6 two tabs in one browser complete in reverse order, each to its own page")
    void a6_twoTabsCompleteInAnyOrder() {
        Browser browser = app.browser();
        SignIn.Started first = SignIn.start(browser, LOGIN + "?returnTo=/a");
        SignIn.Started second = SignIn.start(browser, LOGIN + "?returnTo=/b");
        assertNotEquals(first.state(), second.state());
        SecurityApp.Approved a = app.approve(browser, first, "zhangsan");
        SecurityApp.Approved b = app.approve(browser, second, "zhangsan");

        Browser.Response doneB = SignIn.callback(browser, b.callbackUrl());
        assertEquals(303, doneB.status(), doneB::body);
        assertEquals("/b", doneB.location());
        Browser.Response doneA = SignIn.callback(browser, a.callbackUrl());
        assertEquals(303, doneA.status(), doneA::body);
        assertEquals("/a", doneA.location());
        assertEquals(200, Reject.probe(browser).status());
    }

    @Test
    @DisplayName("A6 a forged callback does not clear the browser's other pending logins")
    void a6_badStateDoesNotClearOtherPendingLogins() {
        Browser browser = app.browser();
        SecurityApp.Approved a = app.approved(browser, LOGIN + "?returnTo=/a", "zhangsan");
        SecurityApp.Approved b = app.approved(browser, LOGIN + "?returnTo=/b", "zhangsan");
        Reject.Before before = Reject.before(app, browser);
        String forgedState = randomState();
        Reject.assertRejected(browser.navigate(app.callback(app.codeQuery(a.code()) + "&state=" + forgedState)),
                before, "state_unknown", forgedState);

        assertEquals("/a", SignIn.callback(browser, a.callbackUrl()).location());
        assertEquals("/b", SignIn.callback(browser, b.callbackUrl()).location());
    }

    @Test
    @DisplayName("A6 one browser keeps at most 8 pending logins: of 10, the two oldest are refused, the newest 8 work")
    void a6_pendingLoginsAreBounded() {
        Browser browser = app.browser();
        List<SecurityApp.Approved> logins = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            logins.add(app.approved(browser, LOGIN + "?returnTo=/tab" + i, "zhangsan"));
        }
        for (int i = 0; i < 2; i++) {
            Reject.Before before = Reject.before(app, browser);
            Reject.assertRejected(browser.navigate(logins.get(i).callbackUrl()), before, "state_unknown");
        }
        for (int i = 2; i < 10; i++) {
            Browser.Response done = SignIn.callback(browser, logins.get(i).callbackUrl());
            assertEquals(303, done.status(), done::body);
            assertEquals("/tab" + i, done.location());
        }
    }

    @Test
    @DisplayName("A7 access denied at DingTalk: 403 fixed page, no token call, and the state is used up")
    void a7_deniedLoginIsRefusedAndConsumesTheState() {
        Browser victim = app.browser();
        SignIn.Started started = SignIn.start(victim, "/me");
        String denied = SignIn.deny(victim, started);
        Reject.Before before = Reject.before(app, victim);
        Browser.Response cancelled = victim.navigate(denied);
        Reject.assertRejected(cancelled, before, "access_denied");
        assertEquals(403, cancelled.status());

        Reject.Before again = Reject.before(app, victim);
        Reject.assertRejected(victim.navigate(denied), again, "state_unknown");
    }

    @Test
    @DisplayName("A7 an error callback with an unknown state is refused and shows none of its text")
    void a7_errorWithUnknownStateShowsNoProviderText() {
        Browser victim = app.browser();
        SignIn.start(victim, "/me");
        Reject.Before before = Reject.before(app, victim);
        Browser.Response forged = victim.navigate(app.callback("error=access_denied"
                + "&error_description=ACCOUNT+LOCKED+visit+https%3A%2F%2Fevil.test"
                + "&error_uri=https%3A%2F%2Fevil.test%2Fhelp&state=" + randomState()));
        Reject.assertRejected(forged, before, "state_unknown", "evil.test", "LOCKED");
    }

    @Test
    @DisplayName("A7 markup in the error parameter is not rendered")
    void a7_markupInErrorIsNotRendered() {
        Browser victim = app.browser();
        SignIn.Started started = SignIn.start(victim, "/me");
        Reject.Before before = Reject.before(app, victim);
        Browser.Response page = victim.navigate(app.callback("error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state="
                + started.state()));
        Reject.assertRejected(page, before, "access_denied", "<script>", "alert(1)");
    }

    @Test
    @DisplayName("A7 CR/LF in the error parameter cannot forge a log line")
    void a7_crlfInErrorCannotForgeLogLines() {
        Browser victim = app.browser();
        SignIn.Started started = SignIn.start(victim, "/me");
        Reject.Before before = Reject.before(app, victim);
        Browser.Response page = victim.navigate(app.callback("error=x%0d%0aINFO+admin+logged+in&state="
                + started.state()));
        Reject.assertRejected(page, before, "access_denied", "admin logged in");
        for (String line : Reject.warningsSince(before.logMark())) {
            assertFalse(line.contains("\r") || line.contains("\n"), line);
        }
    }

    @Test
    @DisplayName("A7 an error together with a code is refused without a token call, and does not burn the state")
    void a7_errorWithCodeIsRejected() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Reject.Before before = Reject.before(app, victim);
        Browser.Response both = victim.navigate(app.callback(app.codeQuery(approved.code())
                + "&error=access_denied&state=" + approved.state()));
        Reject.assertRejected(both, before, "error_with_code");
        assertEquals(303, SignIn.callback(victim, approved.callbackUrl()).status());
    }

    static String randomState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String flipLast(String state) {
        char last = state.charAt(state.length() - 1);
        return state.substring(0, state.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static String unionIdOf(String key) {
        return app.emulator().users().stream().filter(u -> u.key().equals(key)).findFirst().orElseThrow().unionId();
    }
}
