package io.github.dingtalkauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checklist B1 and B3: the authorization code is redeemed at most once and never reaches DingTalk mangled. */
class CodeTest {
    static SecurityApp app;

    /** A short deadline, so that a slow token endpoint times the callback out quickly. */
    static final String[] SETTINGS = {"requestTimeout", "1s"};

    @BeforeAll
    static void start() throws Exception {
        app = SecurityApp.start(Flow.OAUTH2, SETTINGS);
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
    @DisplayName("B1 a token call that times out is not retried, and the callback cannot be replayed")
    void b1_timedOutExchangeIsNotRetried() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Stats before = app.stats();
        // DingTalk redeems the code at once but answers late: a client that retries would find the code used.
        app.emulator().setFaultOnce(app.exchange(), Fault.slowHeaders(Duration.ofSeconds(3)));
        Browser.Response late = SignIn.callback(victim, approved.callbackUrl());
        assertEquals(504, late.status(), late::body);
        assertTrue(late.body().contains("Reason: provider_timeout"), late::body);
        assertEquals(before.tokenRequests() + 1, app.stats().tokenRequests(), "exactly one token request");
        assertEquals(before.profileRequests(), app.stats().profileRequests());
        assertEquals(401, Reject.probe(victim).status());

        Reject.Before replay = Reject.before(app, victim);
        Reject.assertRejected(victim.navigate(approved.callbackUrl()), replay, "state_unknown");
        assertEquals(before.tokenRequests() + 1, app.stats().tokenRequests(), "still exactly one token request");
        assertEquals(1, tokenRequestsFor(approved.code()), "the code was sent once");
    }

    @Test
    @DisplayName("B1 a token call answered with 503 is not retried, and the callback cannot be replayed")
    void b1_failedExchangeIsNotRetried() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Stats before = app.stats();
        app.emulator().setFaultOnce(app.exchange(),
                Fault.status(503, "application/json", "{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}"));
        Browser.Response failed = SignIn.callback(victim, approved.callbackUrl());
        assertEquals(502, failed.status(), failed::body);
        assertTrue(failed.body().contains("Reason: provider_error"), failed::body);
        assertFalse(failed.body().contains("busy"), "the provider's text is not shown");
        assertEquals(before.tokenRequests() + 1, app.stats().tokenRequests(), "exactly one token request");
        assertEquals(401, Reject.probe(victim).status());

        Reject.Before replay = Reject.before(app, victim);
        Reject.assertRejected(victim.navigate(approved.callbackUrl()), replay, "state_unknown");
        assertEquals(1, tokenRequestsFor(approved.code()), "the code was sent once");
    }

    @Test
    @DisplayName("B1 a code already redeemed, injected into a new valid login, signs nobody in")
    void b1_redeemedCodeInNewLoginFails() {
        Browser victim = app.browser();
        SecurityApp.Approved victims = app.approved(victim, "/me", "zhangsan");
        assertEquals(303, SignIn.callback(victim, victims.callbackUrl()).status());

        Browser attacker = app.browser();
        SignIn.Started started = SignIn.start(attacker, "/me");
        Stats before = app.stats();
        Browser.Response injected = attacker.navigate(app.callback(app.codeQuery(victims.code())
                + "&state=" + started.state()));
        assertTrue(injected.status() >= 400 && injected.status() < 600 && injected.location() == null,
                () -> injected.status() + " " + injected.body());
        Reject.assertNoStackTrace(injected);
        assertEquals(before.tokenSuccesses(), app.stats().tokenSuccesses(), "no token was issued");
        assertEquals(before.profileRequests(), app.stats().profileRequests());
        assertEquals(401, Reject.probe(attacker).status(), "the attacker is not signed in as the victim");
    }

    @Test
    @DisplayName("B3 an authCode that looks like JSON injection is refused, or sent verbatim in well-formed JSON")
    void b3_jsonInjectionInCodeIsHarmless() {
        // The legacy call's JSON holds the code alone ({"tmp_auth_code":…}): no clientId for an injection to replace.
        Assumptions.assumeTrue(app.flow() == Flow.OAUTH2, "the legacy call carries no clientId");
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        String injection = "x\",\"clientId\":\"other";
        Reject.Before before = Reject.before(app, victim);
        Browser.Response answer = victim.navigate(app.callback(app.codeQuery("x%22%2C%22clientId%22%3A%22other") + "&state="
                + approved.state()));
        if (answer.status() == 400) {
            Reject.assertRejected(answer, before, "code_invalid", injection, "other");
        } else {
            // Sent on: then DingTalk must have seen exactly this code inside well-formed JSON.
            RecordedRequest token = lastTokenRequest();
            JsonObject body;
            try (JsonReader reader = Json.createReader(new StringReader(token.body()))) {
                body = reader.readObject();
            }
            assertEquals(injection, body.getString("code"));
            assertEquals(app.emulator().clientId(), body.getString("clientId"));
            assertEquals(SecurityApp.SECRET, body.getString("clientSecret"));
            assertEquals(401, Reject.probe(victim).status());
        }
    }

    @ParameterizedTest(name = "B3 a {0}-character authCode is refused as {1}")
    @CsvSource({"257, code_invalid", "5000, malformed_request"})
    @DisplayName("B3 an oversized authCode is refused without a token call")
    void b3_oversizedCodeIsRejected(int length, String reason) {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        String huge = "A".repeat(length);
        Reject.Before before = Reject.before(app, victim);
        Reject.assertRejected(victim.navigate(app.callback(app.codeQuery(huge) + "&state=" + approved.state())),
                before, reason, huge.substring(0, 64));
    }

    @Test
    @DisplayName("B3 a 10,000-character authCode is refused (by the container or the filter) without a token call")
    void b3_tenThousandCharacterCodeIsRejected() {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        String huge = "A".repeat(10_000);
        Reject.Before before = Reject.before(app, victim);
        Browser.Response answer = victim.navigate(app.callback(app.codeQuery(huge) + "&state=" + approved.state()));
        if (answer.body().contains("Reason: ")) {
            Reject.assertRejected(answer, before, "malformed_request", huge.substring(0, 64));
        } else {
            // Jetty's 8 KiB request-line limit answers before the filter runs: 414, and nothing else happened.
            assertEquals(414, answer.status(), answer::body);
            Reject.assertNoStackTrace(answer);
            Reject.assertNotReflected(answer, huge.substring(0, 64));
            assertTrue(answer.setCookies().isEmpty());
            assertEquals(before.stats().tokenRequests(), app.stats().tokenRequests());
            assertEquals(before.probeBody(), Reject.probe(victim).body());
        }
        // Either way the login was not touched: the real callback still works.
        assertEquals(303, SignIn.callback(victim, approved.callbackUrl()).status());
    }

    @Test
    @DisplayName("B3 an access token carrying CR/LF fails the login closed and never becomes a header")
    void b3_crlfInAccessTokenFailsClosed() {
        // The legacy flow's answer is the identity itself: there is no user access token to carry CR/LF.
        Assumptions.assumeTrue(app.flow() == Flow.OAUTH2, "the legacy flow has no user access token");
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        Stats before = app.stats();
        app.emulator().setFaultOnce(Endpoint.TOKEN, Fault.accessTokenValue("abc\r\nX-Evil: 1"));
        Browser.Response failed = SignIn.callback(victim, approved.callbackUrl());
        assertTrue(failed.status() == 502 || failed.status() == 400, () -> failed.status() + " " + failed.body());
        assertTrue(failed.body().contains("Reason: invalid_response"), failed::body);
        Reject.assertNoStackTrace(failed);
        Reject.assertNotReflected(failed, "X-Evil", "abc");
        assertEquals(before.tokenRequests() + 1, app.stats().tokenRequests());
        for (RecordedRequest request : app.emulator().requests()) {
            assertFalse(request.headers().containsKey("x-evil"), () -> "header injected: " + request);
        }
        assertEquals(before.profileRequests(), app.stats().profileRequests(), "no profile call with that token");
        assertEquals(401, Reject.probe(victim).status());
    }

    private static List<RecordedRequest> tokenRequests() {
        return app.emulator().requests(app.exchange());
    }

    private static long tokenRequestsFor(String code) {
        return tokenRequests().stream().filter(r -> r.body().contains("\"" + code + "\"")).count();
    }

    private static RecordedRequest lastTokenRequest() {
        List<RecordedRequest> all = tokenRequests();
        return all.get(all.size() - 1);
    }
}
