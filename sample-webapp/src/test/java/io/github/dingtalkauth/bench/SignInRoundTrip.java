package io.github.dingtalkauth.bench;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Query;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole sign-in, end to end over loopback HTTP: the sample WAR on embedded Jetty 12 with the filter, the DingTalk
 * emulator in place of DingTalk, and a scripted browser. One round trip is six requests: a protected page (302 to
 * DingTalk), the consent page and its approval (emulator), the callback (the filter redeems the code and reads the
 * profile: two back-channel calls), the protected page again (signed in) and sign-out. A benchmark, not a test.
 *
 * <p>What it shows: the order of magnitude of a sign-in on this machine and how it splits between the filter's
 * steps and the rest. Everything runs on one machine (browser, Jetty, emulator), so absolute numbers are mostly
 * HTTP-stack costs; compare runs on the same machine only. Options: {@code --quick}, {@code --rounds N},
 * {@code --round-ms N}.
 */
public final class SignInRoundTrip {
    private static final Pattern TICKET = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"");
    private static final String[] STEPS = {
        "1 GET /me, anonymous -> 302 to DingTalk (filter)",
        "2 GET consent page (emulator)",
        "3 POST approve -> 302 to callback (emulator)",
        "4 GET callback -> token + profile calls -> 303 (filter)",
        "5 GET /me, signed in -> 200 (filter + servlet)",
        "6 POST /dingtalk/logout -> 303 (filter)",
    };

    /** Keeps the filter's one INFO line per sign-in off the console (and out of the numbers). */
    private static final Logger FILTER_LOG = Logger.getLogger("io.github.dingtalkauth");

    private SignInRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 8;
        int warmupRounds = 4;
        long roundMs = 1500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    rounds = 2;
                    warmupRounds = 1;
                    roundMs = 500;
                }
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMs = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --quick, --rounds N, --round-ms N)");
            }
        }
        FILTER_LOG.setLevel(Level.WARNING);
        long started = System.nanoTime();
        try (DingTalkEmulator emulator = DingTalkEmulator.builder().port(0).start();
             SampleServer server = SampleServer.builder().port(0).emulator(emulator).start()) {
            String user = emulator.users().get(0).key();
            URI base = server.baseUri();
            long[] stepNanos = new long[STEPS.length];
            for (int r = 0; r < warmupRounds; r++) {
                round(base, user, roundMs, stepNanos);
            }
            Stats before = emulator.stats();
            double[][] perStep = new double[STEPS.length][rounds];
            double[] total = new double[rounds];
            int signIns = 0;
            for (int r = 0; r < rounds; r++) {
                Arrays.fill(stepNanos, 0);
                int n = round(base, user, roundMs, stepNanos);
                signIns += n;
                long sum = 0;
                for (int s = 0; s < STEPS.length; s++) {
                    perStep[s][r] = stepNanos[s] / 1e3 / n;
                    sum += stepNanos[s];
                }
                total[r] = sum / 1e3 / n;
            }
            Stats after = emulator.stats();
            if (after.tokenSuccesses() - before.tokenSuccesses() != signIns
                    || after.profileSuccesses() - before.profileSuccesses() != signIns) {
                throw new IllegalStateException("the emulator did not see one token and one profile call per sign-in");
            }
            report(perStep, total, signIns, warmupRounds, rounds, roundMs, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Signs in and out again and again for {@code millis}; adds each step's time; returns the sign-ins done. */
    private static int round(URI base, String user, long millis, long[] stepNanos) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        int n = 0;
        do {
            signInAndOut(base, user, stepNanos);
            n++;
        } while (System.nanoTime() < deadline);
        return n;
    }

    private static void signInAndOut(URI base, String user, long[] stepNanos) {
        Browser browser = new Browser(base);
        long t0 = System.nanoTime();
        Browser.Response start = browser.navigate("/me");
        long t1 = System.nanoTime();
        expect(start.status() == 302 && start.location() != null, "302 to DingTalk", start);
        String authorizeUrl = start.location();

        Browser.Response consent = browser.navigate(authorizeUrl);
        long t2 = System.nanoTime();
        Matcher ticket = TICKET.matcher(consent.body());
        expect(consent.status() == 200 && ticket.find(), "the consent page", consent);

        URI authorize = URI.create(authorizeUrl);
        String approveUrl = authorize.getScheme() + "://" + authorize.getRawAuthority() + "/oauth2/approve";
        long t3 = System.nanoTime();
        Browser.Response approved = browser.postForm(approveUrl,
                "ticket=" + Query.encode(ticket.group(1)) + "&user=" + Query.encode(user));
        long t4 = System.nanoTime();
        expect(approved.status() == 302 && approved.location() != null, "302 to the callback", approved);

        Browser.Response callback = browser.navigate(approved.location());
        long t5 = System.nanoTime();
        expect(callback.status() == 303, "303 after sign-in", callback);

        Browser.Response me = browser.navigate("/me");
        long t6 = System.nanoTime();
        expect(me.status() == 200, "the signed-in page", me);

        Browser.Response logout = browser.postForm("/dingtalk/logout", "", "Origin", base.toString());
        long t7 = System.nanoTime();
        expect(logout.status() == 303, "303 after sign-out", logout);

        stepNanos[0] += t1 - t0;
        stepNanos[1] += t2 - t1;
        stepNanos[2] += t4 - t3;
        stepNanos[3] += t5 - t4;
        stepNanos[4] += t6 - t5;
        stepNanos[5] += t7 - t6;
    }

    private static void expect(boolean ok, String what, Browser.Response response) {
        if (!ok) {
            throw new IllegalStateException("expected " + what + ", got " + response.status() + " from "
                    + response.uri());
        }
    }

    private static void report(double[][] perStep, double[] total, int signIns, int warmupRounds, int rounds,
                               long roundMs, double seconds) {
        StringBuilder out = new StringBuilder();
        Runtime rt = Runtime.getRuntime();
        out.append("\n## dingtalk-auth SignInRoundTrip (Jetty 12 + emulator, loopback HTTP/1.1)\n\n");
        out.append(String.format(Locale.ROOT, "- JVM: %s %s; %d cores available; OS: %s %s %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                rt.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch")));
        out.append(String.format(Locale.ROOT, "- Run: %d warm-up rounds, then %d measured rounds x %d ms;"
                + " %d measured sign-ins; %.1f s in all%n%n", warmupRounds, rounds, roundMs, signIns, seconds));
        out.append("| step | median us | min - max us |\n|---|---:|---:|\n");
        for (int s = 0; s < STEPS.length; s++) {
            out.append(row(STEPS[s], perStep[s]));
        }
        out.append(row("**whole round trip (1-6)**", total));
        out.append("\nEach value is a round's mean per sign-in; median and range are over the measured rounds.\n");
        System.out.print(out);
    }

    private static String row(String name, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f - %,.0f |%n", name, median, sorted[0], sorted[n - 1]);
    }
}
