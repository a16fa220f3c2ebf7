package io.github.dingtalkauth.benchmarks;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;

/**
 * What the filter keeps: the session after a real sign-in (a member with the full employee profile), the login cookie
 * a pending login costs the browser, and the heap while anonymous page navigations pour in (Jetty's in-memory
 * connector, so that nothing but the container and the filter runs), sampled after a full GC and drawn to a PNG.
 */
final class Memory {
    static final String CHART = "heap-anonymous-navigations.png";
    private static final Logger QUIET = Logger.getLogger("io.github.dingtalkauth");

    private Memory() {
    }

    static void run(Report report, boolean quick) throws Exception {
        QUIET.setLevel(Level.WARNING);
        int navigations = quick ? 10_000 : 100_000;
        int every = quick ? 1_000 : 5_000;
        try (DingTalkEmulator emulator = DingTalkEmulator.builder().start()) {
            int port = Apps.freePort();
            ServletContextHandler context = Apps.dingTalk("/dt", emulator, port, java.util.Map.of(), null);
            AtomicInteger sessions = new AtomicInteger();
            context.getSessionHandler().addEventListener(new HttpSessionListener() {
                @Override
                public void sessionCreated(HttpSessionEvent event) {
                    sessions.incrementAndGet();
                }
            });
            Server server = Apps.server(port, 200, context);
            LocalConnector local = new LocalConnector(server);
            server.addConnector(local);
            server.start();
            try {
                String base = "http://127.0.0.1:" + port + "/dt";
                Browser browser = new Browser(Browser.client());
                Browser.SignIn signIn = browser.signIn(emulator, base + Apps.PROTECTED, "zhangsan");
                String[] sessionBytes = browser.get(base + "/session-bytes", signIn.sessionCookie(), false).body()
                        .trim().split(" ");
                var start = browser.get(base + Apps.PROTECTED, null, true);
                String setCookie = start.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("DTLOGIN_")).findFirst().orElseThrow();
                String cookie = setCookie.substring(0, setCookie.indexOf(';'));

                navigate(local, 0, 5_000); // warm-up
                int sessionsBefore = sessions.get();
                List<long[]> curve = new ArrayList<>();
                curve.add(new long[] {0, usedAfterGc()});
                for (int done = 0; done < navigations; done += every) {
                    navigate(local, 5_000 + done, every);
                    curve.add(new long[] {done + every, usedAfterGc()});
                }
                int sessionsMade = sessions.get() - sessionsBefore;
                Path chart = report.dir().resolve(CHART);
                HeapChart.write(curve, chart, navigations);
                write(report, sessionBytes, cookie, setCookie, curve, sessionsMade, navigations, every);
            } finally {
                server.stop();
            }
        }
    }

    /** Fresh anonymous page navigations (each its own path, no cookies): each must be a 302 to DingTalk. */
    private static void navigate(LocalConnector local, int from, int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            String answer = local.getResponse("GET /dt/app/orders/" + i + "?tab=items HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAccept: text/html,application/xhtml+xml\r\nSec-Fetch-Mode: navigate\r\n"
                    + "Sec-Fetch-Dest: document\r\nConnection: close\r\n\r\n", 10, TimeUnit.SECONDS);
            if (answer == null || !answer.startsWith("HTTP/1.1 302")) {
                throw new IllegalStateException("navigation " + i + " was not sent to DingTalk: " + answer);
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void write(Report report, String[] sessionBytes, String cookie, String setCookie,
                              List<long[]> curve, int sessionsMade, int navigations, int every) {
        long first = curve.get(0)[1];
        long last = curve.get(curve.size() - 1)[1];
        long peak = curve.stream().mapToLong(p -> p[1]).max().orElse(0);
        report.section("Memory");
        report.table(List.of("what", "measured", "target"), List.of(
                List.of("session after sign-in (Java-serialized attributes: names and values; 张三, a member with"
                        + " title, departments, roles, employee profile)", sessionBytes[0] + " B in "
                        + sessionBytes[1] + " attribute(s); each alone: " + String.join(", ",
                        java.util.Arrays.copyOfRange(sessionBytes, 2, sessionBytes.length)) + " B", "≤ 1 KiB"),
                List.of("per pending login: the `DTLOGIN_…` cookie (name=value) / its whole `Set-Cookie` header",
                        cookie.length() + " B / " + setCookie.length() + " B, kept by the browser; 0 B on the server",
                        "—"),
                List.of("sessions created by " + Report.num(navigations, 0) + " anonymous navigations",
                        Integer.toString(sessionsMade), "0"),
                List.of("heap used after full GC: before → after " + Report.num(navigations, 0) + " navigations"
                        + " (peak)", mib(first) + " → " + mib(last) + " MiB (" + mib(peak) + ")", "flat")));
        report.note("Heap sampled after `System.gc()` every " + Report.num(every, 0) + " navigations (G1, after"
                + " 5,000 warm-up navigations); each navigation is a fresh `GET /dt/app/orders/<n>?tab=items` with"
                + " no cookie through Jetty's in-memory connector, answered 302 to DingTalk. Chart: `" + CHART
                + "`.\n\n![heap after GC during anonymous navigations](" + CHART + ")");
    }

    private static String mib(long bytes) {
        return Report.num(bytes / 1048576.0, 1);
    }
}
