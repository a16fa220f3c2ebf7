package io.github.dingtalkauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AppTokenCacheTest {
    static final Duration TWO_HOURS = Duration.ofHours(2);

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final AtomicInteger fetches = new AtomicInteger();
    volatile Duration lifetime = TWO_HOURS;
    volatile DingTalkApiException failWith;

    /** Hands out CANARY-APP-1, CANARY-APP-2, … with the current lifetime. */
    final AppTokenSource counting = deadline -> {
        int n = fetches.incrementAndGet();
        if (failWith != null) {
            throw failWith;
        }
        return new AppToken("CANARY-APP-" + n, lifetime);
    };

    final AppTokenCache cache = new AppTokenCache(counting, clock::get);

    static Deadline soon() {
        return Deadline.in(Duration.ofSeconds(5));
    }

    void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    static DingTalkApiException unavailable() {
        return new DingTalkApiException(Kind.UNAVAILABLE, AppTokenCache.STEP, 0, null, null, "test");
    }

    @Test
    void coldCacheFetchesOnce() throws Exception {
        assertEquals("CANARY-APP-1", cache.get(soon()));
        assertEquals(1, fetches.get());
    }

    @Test
    void validTokenIsServedFromTheCache() throws Exception {
        cache.get(soon());
        advance(Duration.ofMinutes(100));
        assertEquals("CANARY-APP-1", cache.get(soon()));
        assertEquals(1, fetches.get());
    }

    @Test
    void tokenIsRefreshedTenMinutesBeforeExpiry() throws Exception {
        cache.get(soon());
        advance(TWO_HOURS.minusMinutes(10));
        assertEquals("CANARY-APP-2", cache.get(soon()));
    }

    @Test
    void tokenIsNotRefreshedJustBeforeTheRefreshPoint() throws Exception {
        cache.get(soon());
        advance(TWO_HOURS.minusMinutes(10).minusNanos(1));
        assertEquals("CANARY-APP-1", cache.get(soon()));
    }

    @Test
    void shortLivedTokenIsRefreshedAtHalfItsLifetime() throws Exception {
        lifetime = Duration.ofMinutes(4);
        cache.get(soon());
        advance(Duration.ofMinutes(2).minusNanos(1));
        assertEquals("CANARY-APP-1", cache.get(soon()));
        advance(Duration.ofNanos(1));
        assertEquals("CANARY-APP-2", cache.get(soon()));
    }

    @Test
    void expiredTokenIsNeverServed() throws Exception {
        cache.get(soon());
        failWith = unavailable();
        advance(TWO_HOURS);
        assertThrows(DingTalkApiException.class, () -> cache.get(soon()));
    }

    @Test
    void failedRefreshOfAStillValidTokenServesTheOldToken() throws Exception {
        cache.get(soon());
        advance(TWO_HOURS.minusMinutes(5));
        failWith = unavailable();
        assertEquals("CANARY-APP-1", cache.get(soon()));
        assertEquals(2, fetches.get());
    }

    @Test
    void failedFetchFailsItsCallerAndTheNextCallerTriesAgain() throws Exception {
        DingTalkApiException failure = unavailable();
        failWith = failure;
        assertSame(failure, assertThrows(DingTalkApiException.class, () -> cache.get(soon())));
        failWith = null;
        assertEquals("CANARY-APP-2", cache.get(soon()));
    }

    @Test
    void invalidateDropsTheCurrentToken() throws Exception {
        cache.get(soon());
        cache.invalidate("CANARY-APP-1");
        assertEquals("CANARY-APP-2", cache.get(soon()));
    }

    @Test
    void invalidatingAStaleTokenKeepsTheFreshOne() throws Exception {
        cache.get(soon());
        cache.invalidate("CANARY-APP-1");
        cache.get(soon());
        cache.invalidate("CANARY-APP-1"); // a slow caller reporting the old token
        assertEquals("CANARY-APP-2", cache.get(soon()));
        assertEquals(2, fetches.get());
    }

    @Test
    void passedDeadlineFailsWithoutFetching() {
        DingTalkApiException e = assertThrows(DingTalkApiException.class,
                () -> cache.get(Deadline.in(Duration.ofMillis(-1))));
        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals(0, fetches.get());
    }

    @Test
    void toStringNeverShowsTheToken() throws Exception {
        cache.get(soon());
        assertFalse(cache.toString().contains("CANARY"), cache::toString);
    }

    @Test
    void appTokenToStringNeverShowsTheValue() {
        assertFalse(new AppToken("CANARY-APP-X", TWO_HOURS).toString().contains("CANARY"));
    }

    @Test
    void hundredCallersOnAColdCacheMakeExactlyOneFetch() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AppTokenCache gated = new AppTokenCache(deadline -> {
            calls.incrementAndGet();
            entered.countDown();
            await(release);
            return new AppToken("CANARY-APP-GATED", TWO_HOURS);
        });
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            threads.add(started(() -> {
                try {
                    seen.add(gated.get(Deadline.in(Duration.ofSeconds(30))));
                } catch (DingTalkApiException e) {
                    failures.incrementAndGet();
                }
            }));
        }
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        waitUntilAllAreParked(threads);
        release.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(1, calls.get());
        assertEquals(Set.of("CANARY-APP-GATED"), seen);
        assertEquals(0, failures.get());
    }

    @Test
    void waiterGivesUpAtItsOwnDeadline() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AppTokenCache gated = new AppTokenCache(deadline -> {
            entered.countDown();
            await(release);
            return new AppToken("CANARY-APP-SLOW", TWO_HOURS);
        });
        Thread leader = started(() -> {
            try {
                gated.get(Deadline.in(Duration.ofSeconds(30)));
            } catch (DingTalkApiException ignored) {
                // not what this test looks at
            }
        });
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        long started = System.nanoTime();
        DingTalkApiException e = assertThrows(DingTalkApiException.class,
                () -> gated.get(Deadline.in(Duration.ofMillis(200))));
        long waited = System.nanoTime() - started;
        release.countDown();
        leader.join(10_000);
        assertEquals(Kind.TIMEOUT, e.kind());
        assertTrue(waited >= Duration.ofMillis(150).toNanos(), "waited " + waited);
        assertTrue(waited < Duration.ofSeconds(5).toNanos(), "waited " + waited);
    }

    @Test
    void failedFlightFailsEveryoneWhoWaitedForIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DingTalkApiException failure = unavailable();
        AtomicInteger calls = new AtomicInteger();
        AppTokenCache gated = new AppTokenCache(deadline -> {
            if (calls.incrementAndGet() > 1) {
                return new AppToken("CANARY-APP-LATER", TWO_HOURS);
            }
            entered.countDown();
            await(release);
            throw failure;
        });
        List<Object> outcomes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            threads.add(started(() -> {
                Object outcome;
                try {
                    outcome = gated.get(Deadline.in(Duration.ofSeconds(30)));
                } catch (DingTalkApiException e) {
                    outcome = e;
                }
                synchronized (outcomes) {
                    outcomes.add(outcome);
                }
            }));
        }
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        waitUntilAllAreParked(threads);
        release.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(List.of(failure, failure, failure, failure, failure), outcomes);
        assertEquals("CANARY-APP-LATER", gated.get(soon()));
    }

    @Test
    void callersDuringARefreshGetTheStillValidTokenWithoutWaiting() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AppTokenCache gated = new AppTokenCache(deadline -> {
            int n = calls.incrementAndGet();
            if (n == 2) {
                entered.countDown();
                await(release);
            }
            return new AppToken("CANARY-APP-" + n, TWO_HOURS);
        }, clock::get);
        gated.get(soon());
        advance(TWO_HOURS.minusMinutes(5));
        Thread refresher = started(() -> {
            try {
                gated.get(Deadline.in(Duration.ofSeconds(30)));
            } catch (DingTalkApiException ignored) {
                // not what this test looks at
            }
        });
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        assertEquals("CANARY-APP-1", gated.get(Deadline.in(Duration.ofMillis(100))));
        release.countDown();
        refresher.join(10_000);
        assertEquals("CANARY-APP-2", gated.get(soon()));
    }

    static Thread started(Runnable task) {
        Thread t = new Thread(task);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fetching thread is blocked in the source; every other one must be parked waiting for its result. */
    static void waitUntilAllAreParked(List<Thread> threads) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            long parked = threads.stream().filter(t -> t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING).count();
            if (parked == threads.size()) {
                return; // the leader waits on the latch, the others on the flight
            }
            Thread.sleep(5);
        }
        throw new AssertionError("callers did not all reach the wait");
    }
}
