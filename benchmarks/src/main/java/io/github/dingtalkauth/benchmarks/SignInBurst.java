package io.github.dingtalkauth.benchmarks;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Stats;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Server;

/**
 * 9:00, the whole company signs in: {@code browsers} simulated browsers start a full sign-in each at the same moment
 * (protected page, consent answered by the emulator in-process, callback with the organization check, the page
 * again), against the emulator with an added latency on every back-channel call. Run with the default
 * {@code maxConcurrentCalls} and with one sized for the burst; then with no latency, in a closed loop, for the
 * sign-in rate and the filter's own CPU per sign-in.
 */
final class SignInBurst {
    private static final Logger QUIET = Logger.getLogger("io.github.dingtalkauth");
    private static final String USER = "zhangsan";
    private static final int DEFAULT_MAX_CALLS = 32;

    private SignInBurst() {
    }

    /** One burst's outcome. */
    record Burst(double seconds, double[] signInMillis, int busyAnswers, int signIns) {
        double rate() {
            return signIns / seconds;
        }
    }

    /** A server with the DingTalk filter in front of an emulator of the given latency. */
    private record Setup(DingTalkEmulator emulator, Server server, String url, FilterCpu cpu) implements AutoCloseable {
        static Setup start(Duration latency, Integer maxCalls) throws Exception {
            DingTalkEmulator emulator = DingTalkEmulator.builder().latency(latency).start();
            int port = Apps.freePort();
            FilterCpu cpu = new FilterCpu();
            Server server = Apps.server(port, 400, Apps.dingTalk("/dt", emulator, port,
                    maxCalls == null ? Map.of() : Map.of("maxConcurrentCalls", maxCalls.toString()), cpu));
            server.start();
            cpu.backChannelStarted(); // the filter's HTTP client exists now: its selector thread is the newest
            return new Setup(emulator, server, "http://127.0.0.1:" + port + "/dt" + Apps.PROTECTED, cpu);
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("Jetty did not stop", e);
            } finally {
                emulator.close();
            }
        }
    }

    static void run(Report report, boolean quick) throws Exception {
        QUIET.setLevel(Level.SEVERE); // one WARN line per 503 is the filter's duty, but thousands cost CPU here
        int browsers = quick ? 20 : Integer.getInteger("bench.browsers", 200);
        int bursts = quick ? 1 : 3;
        Duration latency = Duration.ofMillis(50);
        report.section("Sign-in burst (emulator, browsers signing in at the same moment)");
        report.note("Each browser: protected page (302 + login cookie) → consent (answered by the emulator"
                + " in-process, no latency) → callback (filter: code exchange, profile, membership `getbyunionid`,"
                + " employee profile; `allowedCorpIds` set) → the page again, signed in. A 503 from the filter's"
                + " bulkhead is retried after its `Retry-After` plus a random part of it (people do not reload in"
                + " step). Jetty has 400 threads."
                + " Ideal rate = browsers ÷ (back-channel calls per sign-in × latency). " + bursts
                + " bursts per row after one warm-up burst; medians.");
        List<List<String>> rows = new ArrayList<>();
        // {browsers, maxConcurrentCalls (0: the default)}: the default against the burst, the burst against a bulkhead
        // sized for it, and a burst the default admits whole.
        for (int[] row : new int[][] {{browsers, 0}, {browsers, browsers}, {DEFAULT_MAX_CALLS, 0}}) {
            Integer maxCalls = row[1] == 0 ? null : row[1];
            try (Setup setup = Setup.start(latency, maxCalls)) {
                rows.add(burstRow(setup, row[0], bursts, latency, maxCalls));
            }
        }
        report.table(List.of("browsers", "latency per call", "maxConcurrentCalls", "sign-ins/s", "ideal /s", "% of ideal",
                "median sign-in ms", "slowest ms", "slowest ÷ median", "503 answers", "calls per sign-in",
                "emulator TCP connections / sign-ins"), rows);
        try (Setup setup = Setup.start(Duration.ZERO, browsers)) {
            closedLoop(report, setup, browsers, quick ? 2 : 10);
        }
    }

    private static List<String> burstRow(Setup setup, int browsers, int bursts, Duration latency, Integer maxCalls)
            throws Exception {
        HttpClient http = Browser.client();
        burst(setup, http, browsers); // warm-up: JIT, connections, the app token
        setup.emulator().reset();
        double[] rates = new double[bursts];
        List<Double> times = new ArrayList<>();
        int busy = 0;
        int signIns = 0;
        for (int b = 0; b < bursts; b++) {
            Burst burst = burst(setup, http, browsers);
            rates[b] = burst.rate();
            for (double t : burst.signInMillis()) {
                times.add(t);
            }
            busy += burst.busyAnswers();
            signIns += burst.signIns();
        }
        Stats stats = setup.emulator().stats();
        int calls = stats.tokenRequests() + stats.profileRequests() + stats.unionIdLookups() + stats.employeeLookups()
                + stats.appTokenRequests();
        double callsPerSignIn = (double) calls / signIns;
        double ideal = browsers / (callsPerSignIn * latency.toMillis() / 1000.0);
        double[] all = times.stream().mapToDouble(Double::doubleValue).toArray();
        double median = Numbers.median(all);
        double slowest = Numbers.max(all);
        System.out.printf("  burst maxConcurrentCalls=%s: %.0f/s of ideal %.0f/s, median %.0f ms, slowest %.0f ms,"
                + " %d busy, %d connections%n", maxCalls, Numbers.median(rates), ideal, median, slowest, busy,
                setup.emulator().connections());
        return List.of(Integer.toString(browsers), latency.toMillis() + " ms", maxCalls == null ? "32 (default)" : maxCalls.toString(),
                Report.num(Numbers.median(rates), 0), Report.num(ideal, 0),
                Report.num(100 * Numbers.median(rates) / ideal, 0) + " %", Report.num(median, 0),
                Report.num(slowest, 0), Report.num(slowest / median, 2), Integer.toString(busy),
                Report.num(callsPerSignIn, 2), setup.emulator().connections() + " / " + signIns);
    }

    /** All browsers start together; each signs in once. */
    private static Burst burst(Setup setup, HttpClient http, int browsers) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        double[] millis = new double[browsers];
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < browsers; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    Browser.SignIn signIn = new Browser(http).signIn(setup.emulator(), setup.url(), USER);
                    millis[index] = signIn.nanos() / 1e6;
                    busy.addAndGet(signIn.busyAnswers());
                } catch (Exception | AssertionError e) {
                    failures.incrementAndGet();
                    System.err.println("  sign-in failed: " + e);
                }
            }, "browser-" + i);
            t.start();
            threads.add(t);
        }
        long started = System.nanoTime();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " sign-ins failed");
        }
        return new Burst(seconds, millis, busy.get(), browsers);
    }

    /** No latency: every browser signs in again and again; the rate, and the filter's CPU per sign-in. */
    private static void closedLoop(Report report, Setup setup, int browsers, int seconds) throws Exception {
        HttpClient http = Browser.client();
        loop(setup, http, browsers, seconds / 2); // warm-up
        setup.cpu().reset();
        setup.emulator().reset();
        int signIns = loop(setup, http, browsers, seconds);
        double filterMicros = setup.cpu().filterNanos() / 1e3 / signIns;
        double clientMicros = setup.cpu().backChannelNanos() / 1e3 / signIns;
        report.note("**No latency, closed loop** (" + browsers + " browsers, maxConcurrentCalls " + browsers + ", "
                + seconds + " s after a warm-up): **" + Report.num(signIns / (double) seconds, 0)
                + " sign-ins/s** with browsers, Jetty, the filter and the emulator sharing the machine. The filter's"
                + " own CPU per sign-in (thread CPU time, `ThreadMXBean`): **" + Report.num(
                        (filterMicros + clientMicros) / 1000, 3) + " ms**: " + Report.num(filterMicros, 0)
                + " µs on the request threads in the filter's `doFilter` (three requests: login start, callback,"
                + " signed-in page; the trivial servlet included) and " + Report.num(clientMicros, 0)
                + " µs on the back-channel client's own threads (its selector and executor). Jetty's own request"
                + " parsing is outside. Emulator TCP connections during the run: " + setup.emulator().connections()
                + " for " + signIns + " sign-ins.");
    }

    private static int loop(Setup setup, HttpClient http, int browsers, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger signIns = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < browsers; i++) {
            Thread t = new Thread(() -> {
                Browser browser = new Browser(http);
                while (System.nanoTime() < deadline) {
                    try {
                        browser.signIn(setup.emulator(), setup.url(), USER);
                        signIns.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }, "browser-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " sign-ins failed");
        }
        return signIns.get();
    }
}
