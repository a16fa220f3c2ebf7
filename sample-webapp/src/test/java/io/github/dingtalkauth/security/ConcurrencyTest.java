package io.github.dingtalkauth.security;

import static io.github.dingtalkauth.security.SecurityApp.SESSION_COOKIE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;

/** Checklist I1: a double-click (or twenty) on the callback redeems the code once. */
class ConcurrencyTest {
    private static final int THREADS = 20;

    static SecurityApp app;
    static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        startIn(Flow.OAUTH2);
    }

    static void startIn(Flow flow) throws Exception {
        app = SecurityApp.start(flow);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        app.close();
    }

    @RepeatedTest(value = 3, name = "I1 round {currentRepetition} of {totalRepetitions}")
    @DisplayName("I1 20 simultaneous callbacks with the same state and cookie: one 303, one token request, one new id")
    void i1_concurrentCallbacksRedeemTheCodeOnce() throws Exception {
        Browser victim = app.browser();
        SecurityApp.Approved approved = app.approved(victim, "/me", "zhangsan");
        String session = victim.cookie(SESSION_COOKIE);
        Stats before = app.stats();

        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Browser.Response>> answers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Browser tab = app.browser();
            tab.copyCookiesFrom(victim); // the login cookie (and a session cookie, if any)
            answers.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return tab.navigate(approved.callbackUrl());
            }));
        }
        assertTrue(ready.await(10, TimeUnit.SECONDS));
        go.countDown();

        int successes = 0;
        List<String> newIds = new ArrayList<>();
        for (Future<Browser.Response> future : answers) {
            Browser.Response answer = future.get(30, TimeUnit.SECONDS);
            if (answer.status() == 303) {
                successes++;
                assertEquals("/me", answer.location());
            } else {
                assertEquals(400, answer.status(), answer::body);
                assertTrue(answer.body().contains("Reason: state_unknown"), answer::body);
            }
            answer.setsCookie(SESSION_COOKIE).ifPresent(newIds::add);
        }
        assertEquals(1, successes, "exactly one callback signs in");
        assertEquals(before.tokenRequests() + 1, app.stats().tokenRequests(), "the code is redeemed once");
        assertEquals(before.profileRequests() + app.profileCallsPerSignIn(), app.stats().profileRequests());
        assertEquals(1, newIds.size(), "exactly one session id rotation: " + newIds);
        assertNotEquals(session, newIds.get(0));

        Browser signedIn = app.browser();
        signedIn.setCookie(SESSION_COOKIE, newIds.get(0));
        assertEquals(200, Reject.probe(signedIn).status());
    }
}
