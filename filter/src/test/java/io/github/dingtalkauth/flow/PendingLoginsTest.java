package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.DingTalkPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PendingLoginsTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration TTL = Duration.ofMinutes(10);

    static PendingLogin login(String target, Instant at) {
        return new PendingLogin(target, at);
    }

    @Test
    void takeReturnsTheLoginStoredUnderTheState() {
        PendingLogins logins = new PendingLogins();
        logins.add("s1", login("/a", T0), 8, T0, TTL);
        assertEquals(login("/a", T0), logins.take("s1"));
    }

    @Test
    void takeIsSingleUse() {
        PendingLogins logins = new PendingLogins();
        logins.add("s1", login("/a", T0), 8, T0, TTL);
        assertNotNull(logins.take("s1"));
        assertNull(logins.take("s1"));
    }

    @Test
    void takingAnUnknownStateLeavesTheOthers() {
        PendingLogins logins = new PendingLogins();
        logins.add("s1", login("/a", T0), 8, T0, TTL);
        logins.add("s2", login("/b", T0), 8, T0, TTL);
        assertNull(logins.take("forged"));
        assertEquals(2, logins.size());
        assertEquals("/a", logins.take("s1").returnTarget());
        assertEquals("/b", logins.take("s2").returnTarget());
    }

    @Test
    void theBoundEvictsTheOldestFirst() {
        PendingLogins logins = new PendingLogins();
        for (int i = 1; i <= 5; i++) {
            logins.add("s" + i, login("/" + i, T0.plusSeconds(i)), 3, T0.plusSeconds(i), TTL);
        }
        assertEquals(3, logins.size());
        assertNull(logins.take("s1"));
        assertNull(logins.take("s2"));
        assertEquals("/3", logins.take("s3").returnTarget());
        assertEquals("/4", logins.take("s4").returnTarget());
        assertEquals("/5", logins.take("s5").returnTarget());
    }

    @Test
    void aThousandStartsStayWithinTheBound() {
        PendingLogins logins = new PendingLogins();
        StateTokens states = new StateTokens();
        String last = null;
        for (int i = 0; i < 1000; i++) {
            last = states.next();
            logins.add(last, login("/", T0), 8, T0, TTL);
        }
        assertEquals(8, logins.size());
        assertNotNull(logins.take(last));
    }

    @Test
    void addPurgesExpiredLogins() {
        PendingLogins logins = new PendingLogins();
        logins.add("old", login("/old", T0), 8, T0, TTL);
        logins.add("young", login("/young", T0.plus(Duration.ofMinutes(5))), 8, T0.plus(Duration.ofMinutes(5)), TTL);
        Instant later = T0.plus(TTL);
        logins.add("new", login("/new", later), 8, later, TTL);
        assertEquals(2, logins.size());
        assertNull(logins.take("old"));
        assertNotNull(logins.take("young"));
    }

    @Test
    void aLoginExpiresExactlyAtItsTtl() {
        PendingLogin login = login("/", T0);
        assertTrue(!login.isExpired(T0.plus(TTL).minusMillis(1), TTL));
        assertTrue(login.isExpired(T0.plus(TTL), TTL));
    }

    @Test
    void copyIsIndependent() {
        PendingLogins logins = new PendingLogins();
        logins.add("s1", login("/a", T0), 8, T0, TTL);
        PendingLogins copy = logins.copy();
        assertNotNull(logins.take("s1"));
        assertNotNull(copy.take("s1"));
    }

    @Test
    void pendingLoginsSurviveJavaSerialization() throws Exception {
        PendingLogins logins = new PendingLogins();
        logins.add("s1", login("/reports?id=1", T0), 8, T0, TTL);
        logins.add("s2", login("/b", T0), 8, T0, TTL);
        PendingLogins copy = roundTrip(logins);
        assertEquals(2, copy.size());
        assertEquals(login("/reports?id=1", T0), copy.take("s1"));
        assertEquals(login("/b", T0), copy.take("s2"));
    }

    @Test
    void principalSurvivesJavaSerialization() throws Exception {
        DingTalkPrincipal principal = new DingTalkPrincipal("union-1", "open-1", "张三", "https://img/a.png",
                "z@example.com", "150xxxx9144", "86", "corp-1");
        DingTalkPrincipal copy = roundTrip(principal);
        assertEquals(principal, copy);
        assertEquals("张三", copy.getNick());
        assertEquals("corp-1", copy.getCorpId());
    }

    @Test
    void twentyThreadsTakingTheSameStateHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            PendingLogins logins = new PendingLogins();
            logins.add("s", login("/a", T0), 8, T0, TTL);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Callable<PendingLogin>> takers = IntStream.range(0, 20)
                        .<Callable<PendingLogin>>mapToObj(i -> () -> {
                            go.await();
                            return logins.take("s");
                        }).toList();
                List<Future<PendingLogin>> results = takers.stream().map(pool::submit).toList();
                go.countDown();
                int winners = 0;
                for (Future<PendingLogin> result : results) {
                    if (result.get(10, TimeUnit.SECONDS) != null) {
                        winners++;
                    }
                }
                assertEquals(1, winners);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * A replicating or persistent session store serialises the session while other requests of the same session
     * start logins (issue: PendingLogins must be safe to serialise while another request changes it).
     */
    @Test
    void serialisingWhileOtherRequestsStartAndFinishLoginsGivesAConsistentCopy() throws Exception {
        PendingLogins logins = new PendingLogins();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> writers = IntStream.range(0, 2).<Future<?>>mapToObj(w -> pool.submit(() -> {
                go.await();
                for (int i = 0; i < 200_000; i++) {
                    logins.add("s" + w + "-" + i, login("/p" + i, T0), 8, T0, TTL);
                    logins.take("s" + w + "-" + (i - 3));
                }
                return null;
            })).toList();
            go.countDown();
            int copies = 0;
            while (writers.stream().anyMatch(f -> !f.isDone()) || copies < 100) {
                PendingLogins copy = roundTrip(logins);
                assertTrue(copy.size() <= 8, () -> "a torn copy: " + copy.size());
                copies++;
            }
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
