package io.github.dingtalkauth.benchmarks;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Server;

/**
 * The hot path end to end: one Jetty 12 serving the same trivial servlet in several contexts, with no filter, the
 * DingTalk filter, pac4j and Spring Security, each request carrying a signed-in session; plus the DingTalk filter's
 * anonymous 401 and excluded path next to no filter without a session. wrk drives each variant in turn, in rounds whose
 * order rotates, so a noisy moment on a shared machine hits every variant alike.
 */
final class HotPath {
    private static final Logger QUIET = Logger.getLogger("io.github.dingtalkauth");

    /** One URL as wrk will ask for it; {@code baseline} names the variant it is compared with. */
    record Variant(String name, String path, List<String> headers, int expectedStatus, String baseline) {
    }

    private HotPath() {
    }

    static void run(Report report, boolean quick) throws Exception {
        if (!Wrk.installed()) {
            report.section("Hot path, end to end");
            report.note("**Not run: `wrk` is missing (Debian package `wrk`: `apt-get install -y wrk`).**");
            return;
        }
        QUIET.setLevel(Level.WARNING);
        int connections = Integer.getInteger("bench.connections", 50);
        int seconds = quick ? 1 : Integer.getInteger("bench.seconds", 5);
        int rounds = quick ? 2 : Integer.getInteger("bench.rounds", 5);
        int warmups = quick ? 1 : 2;
        try (DingTalkEmulator emulator = DingTalkEmulator.builder().start()) {
            int port = Apps.freePort();
            Server server = Apps.server(port, 200, Apps.plain("/plain"),
                    Apps.dingTalk("/dt", emulator, port, Map.of(), null),
                    Apps.dingTalk("/dtnc", emulator, port, Map.of("cacheControl", "false"), null),
                    Apps.pac4j("/pac4j"), Apps.spring("/spring"));
            server.start();
            try {
                List<Variant> variants = variants(emulator, "http://127.0.0.1:" + port);
                check(variants, "http://127.0.0.1:" + port);
                Pinning pinning = Pinning.split();
                try {
                    Map<String, double[][]> samples = measure(variants, port, connections, seconds, warmups, rounds,
                            pinning.loadCpus());
                    write(report, variants, samples, connections, seconds, rounds, warmups, pinning);
                } finally {
                    pinning.undo();
                }
            } finally {
                server.stop();
            }
        }
    }

    private static List<Variant> variants(DingTalkEmulator emulator, String base) {
        Browser browser = new Browser(Browser.client());
        String dt = browser.signIn(emulator, base + "/dt" + Apps.PROTECTED, "zhangsan").sessionCookie();
        String dtNoCache = browser.signIn(emulator, base + "/dtnc" + Apps.PROTECTED, "zhangsan").sessionCookie();
        String plain = browser.sessionFrom(base + "/plain/setup");
        String pac4j = browser.sessionFrom(base + "/pac4j/setup");
        String spring = browser.sessionFrom(base + "/spring/setup");
        String none = "no filter, signed-in session";
        String anon = "no filter, anonymous";
        return List.of(
                new Variant(none, "/plain" + Apps.PROTECTED, List.of("Cookie: " + plain), 200, null),
                new Variant("DingTalkAuthFilter, signed in", "/dt" + Apps.PROTECTED, List.of("Cookie: " + dt), 200,
                        none),
                new Variant("DingTalkAuthFilter, signed in, cacheControl=false", "/dtnc" + Apps.PROTECTED,
                        List.of("Cookie: " + dtNoCache), 200, none),
                new Variant("pac4j SecurityFilter, signed in", "/pac4j" + Apps.PROTECTED,
                        List.of("Cookie: " + pac4j), 200, none),
                new Variant("Spring Security, signed in", "/spring" + Apps.PROTECTED, List.of("Cookie: " + spring),
                        200, none),
                new Variant(anon, "/plain/static/app.css", List.of(), 200, null),
                new Variant("DingTalkAuthFilter, excluded path, anonymous", "/dt/static/app.css", List.of(), 200,
                        anon),
                new Variant("DingTalkAuthFilter, anonymous API → 401", "/dt/api/orders",
                        List.of("Accept: application/json"), 401, anon));
    }

    /** Each variant must answer as named (a signed-in 200 is not a redirect to a login page) before it is timed. */
    private static void check(List<Variant> variants, String base) {
        Browser browser = new Browser(Browser.client());
        for (Variant v : variants) {
            String cookie = v.headers().stream().filter(h -> h.startsWith("Cookie: ")).map(h -> h.substring(8))
                    .findFirst().orElse(null);
            var answer = browser.get(base + v.path(), cookie, false);
            Browser.expect(answer.statusCode() == v.expectedStatus()
                    && (v.expectedStatus() != 200 || answer.body().equals("hello\n")), v.name(), answer);
        }
    }

    private static Map<String, double[][]> measure(List<Variant> variants, int port, int connections, int seconds,
            int warmups, int rounds, String cpus) throws IOException, InterruptedException {
        Map<String, double[][]> samples = new LinkedHashMap<>(); // name -> [round][rps, p50, p99]
        for (Variant v : variants) {
            samples.put(v.name(), new double[rounds][]);
        }
        for (int r = -warmups; r < rounds; r++) {
            int offset = Math.floorMod(r, variants.size());
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get((i + offset) % variants.size());
                Wrk.Result result = Wrk.run("http://127.0.0.1:" + port + v.path(), v.headers(), connections,
                        seconds, cpus);
                System.out.printf("  round %d %-48s %10.0f req/s  p99 %8.0f µs %s%n", r, v.name(),
                        result.requestsPerSecond(), result.p99Micros(), result.errors());
                if (r >= 0) {
                    samples.get(v.name())[r] = new double[] {result.requestsPerSecond(), result.p50Micros(),
                        result.p99Micros()};
                }
            }
        }
        return samples;
    }

    private static void write(Report report, List<Variant> variants, Map<String, double[][]> samples,
            int connections, int seconds, int rounds, int warmups, Pinning pinning) {
        report.section("Hot path, end to end (Jetty 12, wrk)");
        report.note(Wrk.version() + ", 1 thread, " + connections + " connections, keep-alive; " + warmups
                + " warm-up round(s), then " + rounds + " rounds × " + seconds + " s per variant, the order rotating"
                + " each round. " + pinning.describe() + " Ratios are medians of the per-round ratios to the"
                + " baseline measured in the same round.");
        List<List<String>> rows = new ArrayList<>();
        for (Variant v : variants) {
            double[][] s = samples.get(v.name());
            double[] rps = column(s, 0);
            double[] p50 = column(s, 1);
            double[] p99 = column(s, 2);
            String ratio = "—";
            String p99Ratio = "—";
            if (v.baseline() != null) {
                double[][] b = samples.get(v.baseline());
                ratio = Report.num(Numbers.median(ratios(rps, column(b, 0))), 3);
                p99Ratio = Report.num(Numbers.median(ratios(p99, column(b, 2))), 3);
            }
            rows.add(List.of(v.name(), "`" + v.path() + "`", Report.num(Numbers.median(rps), 0),
                    Report.num(Numbers.percentile(rps, 0) , 0) + "–" + Report.num(Numbers.max(rps), 0), ratio,
                    Report.num(Numbers.median(p50), 0), Report.num(Numbers.median(p99), 0), p99Ratio,
                    v.baseline() == null ? "(baseline)" : v.baseline()));
        }
        report.table(List.of("variant", "request", "req/s (median)", "min–max", "× baseline", "p50 µs",
                "p99 µs", "p99 × baseline", "baseline"), rows);
    }

    private static double[] column(double[][] samples, int index) {
        double[] out = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i][index];
        }
        return out;
    }

    private static double[] ratios(double[] values, double[] baseline) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] / baseline[i];
        }
        return out;
    }
}
