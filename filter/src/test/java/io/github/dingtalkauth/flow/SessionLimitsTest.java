package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.flow.SessionLimits.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionLimitsTest {
    static final Instant SIGN_IN = Instant.parse("2025-03-01T08:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    final SessionLimits limits = new SessionLimits(Duration.ofHours(12), HOUR);
    final SessionTimes times = limits.start(SIGN_IN);

    static Instant at(Duration afterSignIn) {
        return SIGN_IN.plus(afterSignIn);
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void newSessionIsFresh() {
        assertEquals(Status.FRESH, limits.status(times, SIGN_IN));
    }

    @Test
    void sessionExpiresAtMaxAge() {
        assertEquals(Status.FRESH, SessionLimits.defaults().status(times, at(Duration.ofHours(12).minusMillis(1))));
        assertEquals(Status.EXPIRED, SessionLimits.defaults().status(times, at(Duration.ofHours(12))));
    }

    @Test
    void defaultMaxAgeIsTwelveHours() {
        assertEquals(Duration.ofHours(12), SessionLimits.DEFAULT_MAX_AGE);
    }

    @Test
    void recheckIsOffByDefault() {
        assertFalse(SessionLimits.defaults().rechecksMembership());
        assertEquals(Status.FRESH, SessionLimits.defaults().status(times, at(Duration.ofHours(11))));
    }

    @Test
    void recheckIsDueAfterTheInterval() {
        assertEquals(Status.FRESH, limits.status(times, at(HOUR.minusMillis(1))));
        assertEquals(Status.RECHECK_DUE, limits.status(times, at(HOUR)));
    }

    @Test
    void statusFromClockMillisMatchesStatusFromAnInstant() {
        long twelveHours = at(Duration.ofHours(12)).toEpochMilli();
        assertEquals(Status.FRESH, limits.status(times, at(HOUR).toEpochMilli() - 1));
        assertEquals(Status.RECHECK_DUE, limits.status(times, at(HOUR).toEpochMilli()));
        assertEquals(Status.EXPIRED, limits.status(times, twelveHours));
    }

    @Test
    void aMaxAgeBeyondTheMillisecondRangeNeverExpires() {
        SessionLimits endless = new SessionLimits(Duration.ofSeconds(Long.MAX_VALUE), null);
        assertEquals(Status.FRESH, endless.status(times, at(Duration.ofDays(365 * 1000))));
    }

    @Test
    void expiryWinsOverADueRecheck() {
        assertEquals(Status.EXPIRED, limits.status(times, at(Duration.ofHours(13))));
    }

    @Test
    void passedRecheckMakesTheSessionFreshForAnotherInterval() {
        assertTrue(limits.tryClaimRecheck(times, at(HOUR)));
        limits.recheckPassed(times, at(HOUR));
        assertEquals(at(HOUR), times.lastCheckedAt());
        assertEquals(Status.FRESH, limits.status(times, at(HOUR.multipliedBy(2).minusMillis(1))));
        assertEquals(Status.RECHECK_DUE, limits.status(times, at(HOUR.multipliedBy(2))));
    }

    @Test
    void passedRecheckDoesNotExtendMaxAge() {
        limits.recheckPassed(times, at(Duration.ofHours(11)));
        assertEquals(Status.EXPIRED, limits.status(times, at(Duration.ofHours(12))));
    }

    @Test
    void failedRecheckKeepsTheSessionAndRetriesAfterAMinute() {
        assertTrue(limits.tryClaimRecheck(times, at(HOUR)));
        limits.recheckFailed(times, at(HOUR));
        assertEquals(Status.FRESH, limits.status(times, at(HOUR.plusSeconds(59))));
        assertEquals(Status.RECHECK_DUE, limits.status(times, at(HOUR.plusMinutes(1))));
        assertEquals(SIGN_IN, times.lastCheckedAt(), "a failure is not a confirmation");
    }

    @Test
    void onlyOneRequestClaimsADueRecheck() {
        assertTrue(limits.tryClaimRecheck(times, at(HOUR)));
        assertFalse(limits.tryClaimRecheck(times, at(HOUR)));
    }

    @Test
    void freshSessionCannotBeClaimed() {
        assertFalse(limits.tryClaimRecheck(times, at(Duration.ofMinutes(5))));
    }

    @Test
    void claimIsFreeAgainAfterTheRecheckReports() {
        limits.tryClaimRecheck(times, at(HOUR));
        limits.recheckFailed(times, at(HOUR));
        assertTrue(limits.tryClaimRecheck(times, at(HOUR.plusMinutes(1))));
    }

    @Test
    void unreleasedClaimLapsesAfterItsLease() {
        assertTrue(limits.tryClaimRecheck(times, at(HOUR)));
        assertFalse(limits.tryClaimRecheck(times, at(HOUR).plus(SessionLimits.CLAIM_LEASE).minusMillis(1)));
        assertTrue(limits.tryClaimRecheck(times, at(HOUR).plus(SessionLimits.CLAIM_LEASE)));
    }

    @Test
    void concurrentRequestsClaimTheRecheckExactlyOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger winners = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (limits.tryClaimRecheck(times, at(HOUR))) {
                    winners.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(1, winners.get());
    }

    @Test
    void sessionTimesSurviveSerialization() throws Exception {
        limits.recheckPassed(times, at(Duration.ofMinutes(70)));
        SessionTimes copy = roundTrip(times);
        assertEquals(SIGN_IN, copy.signedInAt());
        assertEquals(at(Duration.ofMinutes(70)), copy.lastCheckedAt());
    }

    @Test
    void sessionTimesSerializeAsPlainLongsNotAtomicLongs() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(times);
        }
        String stream = bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(stream.contains("AtomicLong"), "AtomicLong's class descriptor is in every stored session");
        assertTrue(bytes.size() < 150, bytes.size() + " bytes");
    }

    @Test
    void claimDoesNotSurviveSerialization() throws Exception {
        assertTrue(limits.tryClaimRecheck(times, at(HOUR)));
        SessionTimes copy = roundTrip(times);
        assertTrue(limits.tryClaimRecheck(copy, at(HOUR)), "a claim held in another JVM cannot be released here");
    }

    @Test
    void failureBackoffSurvivesSerialization() throws Exception {
        limits.recheckFailed(times, at(HOUR));
        assertEquals(Status.FRESH, limits.status(roundTrip(times), at(HOUR.plusSeconds(30))));
    }

    @Test
    void nonPositiveDurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SessionLimits(Duration.ZERO, null));
        assertThrows(IllegalArgumentException.class, () -> new SessionLimits(HOUR, Duration.ofSeconds(-1)));
    }
}
