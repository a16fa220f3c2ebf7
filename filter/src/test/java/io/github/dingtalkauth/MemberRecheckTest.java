package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.client.AppToken;
import io.github.dingtalkauth.client.AppTokenCache;
import io.github.dingtalkauth.client.OrgDirectory;
import io.github.dingtalkauth.flow.MembershipProbe;
import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FakeSession;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.web.SignedInRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.ServletException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code memberRecheck}: after the interval, the next request asks the organization's directory again and ends the
 * session of someone who has left. The directory is the real {@link OrgDirectory} over a scripted oapi.
 */
class MemberRecheckTest extends GuardFixture {
    static final Duration INTERVAL = Duration.ofHours(1);
    static final String APP_TOKEN = "CANARY-APP-TOKEN";
    static final String MEMBER = "{\"errcode\":0,\"result\":{\"contact_type\":0,\"userid\":\"alice\"}}";
    static final String NO_PERMISSION = "{\"errcode\":60011,\"errmsg\":\"no permission\",\"request_id\":\"r-1\"}";

    /** The unionid of every getbyunionid call, in order. */
    final List<String> asked = new CopyOnWriteArrayList<>();
    volatile String answer = MEMBER;
    volatile CountDownLatch holdAnswer;
    volatile RuntimeException crash;

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*", "memberRecheck", "1h", "allowedCorpIds", "ding-corp",
            "maxConcurrentCalls", "1"};
    }

    @Override
    protected MembershipProbe probe() {
        AppTokenCache tokens = new AppTokenCache(d -> new AppToken(APP_TOKEN, Duration.ofHours(2)));
        return new OrgDirectory(URI.create("https://oapi.example"), tokens, (uri, body, step, deadline) -> {
            asked.add(body.getString("unionid"));
            await(holdAnswer);
            if (crash != null) {
                throw crash;
            }
            return json(answer);
        })::membership;
    }

    private static void await(CountDownLatch hold) {
        try {
            if (hold != null && !hold.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Exchange result(Future<Exchange> done) {
        try {
            return done.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** A browser signed in one re-check interval ago. */
    private Browser dueForRecheck() {
        Browser alice = signedIn(ALICE);
        clock.advance(INTERVAL);
        return alice;
    }

    @Test
    void memberRecheckWithoutAllowedCorpIdsStopsStartUp() {
        ServletException e = assertThrows(ServletException.class,
                () -> Filters.start(container, Filters.params(dingtalk, "memberRecheck", "1h")));
        assertTrue(e.getMessage().contains("setting 'memberRecheck' needs 'allowedCorpIds'"), e::getMessage);
    }

    @Test
    void noRecheckBeforeTheInterval() {
        Browser alice = signedIn(ALICE);
        clock.advance(INTERVAL.minusMillis(1));
        alice.navigate("/reports").send(filter);
        assertEquals(List.of(), asked);
    }

    @Test
    void aMemberKeepsTheSessionAfterTheRecheck() {
        Browser alice = dueForRecheck();
        Exchange exchange = alice.navigate("/reports").send(filter);
        assertInstanceOf(SignedInRequest.class, exchange.passedOn());
        assertEquals(List.of("union-alice"), asked);
        assertEquals(clock.instant(), times(alice.session()).lastCheckedAt());
    }

    @Test
    void theNextRecheckIsAFullIntervalAfterAPassedOne() {
        Browser alice = dueForRecheck();
        alice.navigate("/reports").send(filter);
        assertNextRecheckAfter(alice, INTERVAL);
    }

    /** A request just before {@code wait} has passed does not ask the directory; one at {@code wait} does. */
    private void assertNextRecheckAfter(Browser alice, Duration wait) {
        int before = asked.size();
        clock.advance(wait.minusMillis(1));
        alice.navigate("/reports").send(filter);
        assertEquals(before, asked.size());
        clock.advance(Duration.ofMillis(1));
        alice.navigate("/reports").send(filter);
        assertEquals(before + 1, asked.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"errcode\":60121,\"errmsg\":\"找不到该用户\"}",
        "{\"errcode\":0,\"result\":{\"contact_type\":1}}", "{\"errcode\":50002,\"errmsg\":\"out of scope\"}"})
    void aLeaverIsSignedOutAndANavigationGoesToDingTalk(String leaver) {
        Browser alice = dueForRecheck();
        FakeSession old = alice.session();
        answer = leaver;
        Exchange exchange = alice.navigate("/reports").send(filter);
        assertFalse(exchange.passedThrough());
        assertEquals(302, exchange.status());
        assertTrue(exchange.location().startsWith(AUTHORIZE + "?"), exchange::location);
        assertFalse(old.isValid());
    }

    @Test
    void aLeaversApiCallGets401() {
        Browser alice = dueForRecheck();
        FakeSession old = alice.session();
        answer = "{\"errcode\":60121,\"errmsg\":\"找不到该用户\"}";
        Exchange exchange = alice.get("/api/orders").header("Accept", "application/json").send(filter);
        assertEquals(401, exchange.status());
        assertFalse(old.isValid());
        assertTrue(log.messages(Level.INFO).contains("DingTalk sign-in ended: reason=membership_not_found"),
                log::all);
    }

    @Test
    void aFailingRecheckKeepsTheSession() {
        Browser alice = dueForRecheck();
        answer = NO_PERMISSION;
        Exchange exchange = alice.navigate("/reports").send(filter);
        assertInstanceOf(SignedInRequest.class, exchange.passedOn());
        assertTrue(alice.session().isValid());
    }

    @Test
    void aFailingRecheckLogsOneWarningWithDingTalksCodeAndNoToken() {
        Browser alice = dueForRecheck();
        answer = NO_PERMISSION;
        alice.navigate("/reports").send(filter);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), log::all);
        assertTrue(warnings.get(0).startsWith("DingTalk membership re-check failed, the session is kept: "),
                log::all);
        assertTrue(warnings.get(0).contains("code=60011"), log::all);
        assertFalse(log.all().contains(APP_TOKEN), log::all);
        assertFalse(log.all().contains("union-alice"), log::all);
    }

    @Test
    void aRecheckThatCrashesKeepsTheSessionAndLogsOnlyTheKindOfFailure() {
        Browser alice = dueForRecheck();
        crash = new IllegalStateException("details that may name union-alice");
        Exchange exchange = alice.navigate("/reports").send(filter);
        assertInstanceOf(SignedInRequest.class, exchange.passedOn());
        assertEquals(List.of("DingTalk membership re-check failed, the session is kept: "
                + IllegalStateException.class.getName()), log.messages(Level.WARNING));
    }

    @Test
    void aFailedRecheckIsTriedAgainAfterAMinuteNotOnEveryRequest() {
        Browser alice = dueForRecheck();
        answer = NO_PERMISSION;
        alice.navigate("/reports").send(filter);
        assertNextRecheckAfter(alice, Duration.ofMinutes(1));
    }

    @Test
    void onlyOneOfManyConcurrentRequestsRechecksWhileTheOthersGoOn() throws Exception {
        Browser alice = dueForRecheck();
        holdAnswer = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Exchange>> requests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                requests.add(pool.submit(() -> alice.get("/api/orders").send(filter)));
            }
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (requests.stream().filter(Future::isDone).count() < 19 && System.nanoTime() < giveUp) {
                Thread.sleep(5);
            }
            long passed = requests.stream().filter(Future::isDone)
                    .filter(r -> result(r).passedOn() instanceof SignedInRequest).count();
            assertEquals(19, passed, "every request but the re-checking one goes on meanwhile");
            holdAnswer.countDown();
            for (Future<Exchange> request : requests) {
                assertInstanceOf(SignedInRequest.class, request.get(10, TimeUnit.SECONDS).passedOn());
            }
            assertEquals(1, asked.size());
        } finally {
            holdAnswer.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void withEveryPermitTakenARecheckIsPostponedAndTheSessionKept() throws Exception {
        Browser first = signedIn(ALICE);
        Browser second = signedIn(ALICE);
        clock.advance(INTERVAL);
        holdAnswer = new CountDownLatch(1);
        CompletableFuture<Exchange> holding = CompletableFuture.supplyAsync(() -> first.get("/api").send(filter));
        try {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (asked.isEmpty() && System.nanoTime() < giveUp) {
                Thread.sleep(5);
            }
            Exchange postponed = second.get("/api").send(filter);
            assertInstanceOf(SignedInRequest.class, postponed.passedOn());
            assertEquals(1, asked.size(), "the second session did not ask while the only permit was taken");
        } finally {
            holdAnswer.countDown();
        }
        assertInstanceOf(SignedInRequest.class, holding.get(10, TimeUnit.SECONDS).passedOn());
        second.get("/api").send(filter);
        assertEquals(2, asked.size(), "a later request of the second session re-checks");
    }
}
