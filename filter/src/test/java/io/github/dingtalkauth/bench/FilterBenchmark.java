package io.github.dingtalkauth.bench;

import io.github.dingtalkauth.flow.AuthSession;
import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkLinks;
import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.flow.ReturnTarget;
import io.github.dingtalkauth.flow.StateTokens;
import io.github.dingtalkauth.web.SignedInRequest;
import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what {@link DingTalkAuthFilter#doFilter} costs per request, in-process, with allocation-free fake
 * requests and responses. A benchmark, not a test: it asserts nothing about time and never runs in {@code mvn verify}.
 * See {@code BENCHMARKS.md} for how to run it and how to read the numbers.
 *
 * <p>Method: the filter is initialised from real init-params; every scenario is checked once to take the intended
 * branch; then all scenarios are warmed up together (so the JIT sees the mixed traffic a real filter sees) and
 * measured in interleaved rounds (so a noisy moment on a shared machine hits every scenario alike). Each round runs one
 * scenario back to back for a fixed time and yields one ns/op and one bytes/op sample (bytes from
 * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}). The baseline is the same signed-in request
 * through a filter that only calls {@code chain.doFilter}: it is the harness's and the fakes' own cost.
 *
 * <p>Options: {@code --quick} (short run, for checking the harness), {@code --probes} (also time some building blocks
 * of the slow paths on their own), {@code --rounds N}, {@code --round-ms N}.
 */
public final class FilterBenchmark {
    static final String CONTEXT_PATH = "/app";
    static final String REDIRECT_URI = "https://app.example.com/app/dingtalk/callback";
    private static final int CHUNK = 256;

    /** Keeps probe results alive. */
    static Object sink;

    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    private static final class Scenario {
        final String id;
        final String title;
        final Op op;
        final double[] nsPerOp;
        final double[] bytesPerOp;

        Scenario(String id, String title, Op op, int rounds) {
            this.id = id;
            this.title = title;
            this.op = op;
            this.nsPerOp = new double[rounds];
            this.bytesPerOp = new double[rounds];
        }
    }

    /** One filter call on a reusable request; a "first visit" starts without a session each time. */
    private static final class FilterCall implements Op {
        final Filter filter;
        final BenchRequest request;
        final BenchResponse response = new BenchResponse();
        final BenchContainer.Chain chain = new BenchContainer.Chain();
        final boolean firstVisit;

        FilterCall(Filter filter, BenchRequest request, boolean firstVisit) {
            this.filter = filter;
            this.request = request;
            this.firstVisit = firstVisit;
        }

        @Override
        public void run() throws Exception {
            if (firstVisit) {
                request.session = null;
            }
            filter.doFilter(request, response, chain);
        }
    }

    private FilterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean probes = false;
        int rounds = 10;
        int warmupRounds = 6;
        long roundMs = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--probes" -> probes = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--round-ms" -> roundMs = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --quick, --probes, --rounds N, --round-ms N)");
            }
        }
        if (quick) {
            rounds = 3;
            warmupRounds = 2;
            roundMs = 100;
        }
        long warmupMs = Math.max(50, roundMs * 2 / 3);
        long started = System.nanoTime();

        ServletContext context = BenchContainer.servletContext(CONTEXT_PATH);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appId", "dingbenchmark0000001");
        params.put("appSecret", "bench-secret-not-used-for-any-call");
        params.put("redirectUri", REDIRECT_URI);
        params.put("excludePaths", "/, /public/*, /static/*, *.css, /health");
        DingTalkAuthFilter filter = new DingTalkAuthFilter();
        filter.init(BenchContainer.filterConfig("dingtalk", params, context));
        Filter noop = new BenchContainer.NoopFilter();

        DingTalkPrincipal alice = new DingTalkPrincipal("unionId-alice-0001", "openId-alice", "Alice 张",
                "https://static.example.com/a.png", null, null, null, null);
        String[] page = browserHeaders("text/html,application/xhtml+xml,application/xml;q=0.9,"
                + "image/avif,image/webp,*/*;q=0.8", "navigate", "document");
        String[] api = browserHeaders("application/json", "cors", "empty");
        String[] asset = browserHeaders("text/css,*/*;q=0.1", "no-cors", "style");

        BenchRequest signedIn = new BenchRequest(context, "GET", CONTEXT_PATH, "/orders/42", null, "tab=items", page);
        signedIn.session = new BenchSession(context).established();
        signedIn.session.setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, alice);
        BenchRequest signedInAsset = new BenchRequest(context, "GET", CONTEXT_PATH, "/static/app.css", null, null,
                asset);
        signedInAsset.session = signedIn.session;

        FilterCall base = new FilterCall(noop, signedIn, false);
        FilterCall excluded = new FilterCall(filter,
                new BenchRequest(context, "GET", CONTEXT_PATH, "/static/app.css", null, null, asset), false);
        FilterCall protectedPage = new FilterCall(filter, signedIn, false);
        FilterCall apiAnonymous = new FilterCall(filter,
                new BenchRequest(context, "GET", CONTEXT_PATH, "/api", "/orders", null, api), false);
        FilterCall navigation = new FilterCall(filter,
                new BenchRequest(context, "GET", CONTEXT_PATH, "/orders/42", null, "tab=items", page), true);
        FilterCall excludedSignedIn = new FilterCall(filter, signedInAsset, false);

        check(base, excluded, protectedPage, apiAnonymous, navigation, excludedSignedIn);

        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("0", "baseline: no-op filter, signed-in request (harness + fakes)", base, rounds));
        scenarios.add(new Scenario("a", "excluded path, anonymous (GET /static/app.css)", excluded, rounds));
        scenarios.add(new Scenario("b", "signed-in, protected path (GET /orders/42)", protectedPage, rounds));
        scenarios.add(new Scenario("c", "anonymous API request -> 401 JSON (GET /api/orders)", apiAnonymous,
                rounds));
        scenarios.add(new Scenario("d", "anonymous navigation -> 302 to DingTalk (state, login cookie)", navigation,
                rounds));
        scenarios.add(new Scenario("e", "excluded path, signed in (GET /static/app.css)", excludedSignedIn,
                rounds));
        if (probes) {
            addProbes(scenarios, rounds);
        }

        Map<String, long[]> gcBefore = gcCounts();
        for (int r = 0; r < warmupRounds; r++) {
            for (Scenario s : scenarios) {
                round(s, warmupMs, -1);
            }
        }
        Map<String, long[]> gcWarm = gcCounts();
        for (int r = 0; r < rounds; r++) {
            for (Scenario s : scenarios) {
                round(s, roundMs, r);
            }
        }
        Map<String, long[]> gcAfter = gcCounts();

        check(base, excluded, protectedPage, apiAnonymous, navigation, excludedSignedIn);
        report(scenarios, rounds, warmupRounds, warmupMs, roundMs, gcBefore, gcWarm, gcAfter,
                (System.nanoTime() - started) / 1e9);
        filter.destroy();
    }

    private static String[] browserHeaders(String accept, String fetchMode, String fetchDest) {
        return new String[] {
            "Host", "app.example.com",
            "User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/124.0.0.0 Safari/537.36 DingTalk/7.5.0",
            "Accept", accept,
            "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8",
            "Accept-Encoding", "gzip, deflate, br",
            "Cookie", "JSESSIONID=8C3F6A1B2D4E5F60718293A4B5C6D7E8",
            "Sec-Fetch-Site", "same-origin",
            "Sec-Fetch-Mode", fetchMode,
            "Sec-Fetch-Dest", fetchDest,
        };
    }

    /** Runs one scenario back to back for {@code millis}; records one sample unless {@code slot} is negative. */
    private static void round(Scenario s, long millis, int slot) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Op op = s.op;
        long ops = 0;
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000L;
        long now;
        do {
            for (int i = 0; i < CHUNK; i++) {
                op.run();
            }
            ops += CHUNK;
            now = System.nanoTime();
        } while (now < deadline);
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (slot >= 0) {
            s.nsPerOp[slot] = (double) (now - start) / ops;
            s.bytesPerOp[slot] = (double) allocated / ops;
        }
    }

    /** Makes sure each scenario takes the branch it is named after; a benchmark of the wrong branch is worthless. */
    private static void check(FilterCall base, FilterCall excluded, FilterCall protectedPage, FilterCall api,
                              FilterCall navigation, FilterCall excludedSignedIn) throws Exception {
        for (FilterCall call : List.of(base, excluded, protectedPage, api, navigation, excludedSignedIn)) {
            call.response.reset();
            call.request.removeAttribute(DingTalkLinks.REQUEST_ATTRIBUTE);
            call.chain.lastRequest = null;
            call.run();
        }
        expect(base.chain.lastRequest == base.request, "baseline passes the request on");
        expect(excluded.chain.lastRequest == excluded.request, "(a) passes the request on unwrapped");
        expect(excluded.request.getSession(false) == null, "(a) creates no session");
        expect(excluded.request.getAttribute(DingTalkLinks.REQUEST_ATTRIBUTE) != null, "(a) sets the links");
        expect(protectedPage.chain.lastRequest instanceof SignedInRequest w
                && w.getRemoteUser().equals("unionId-alice-0001"), "(b) passes a SignedInRequest on");
        expect(api.chain.lastRequest == null && api.response.getStatus() == 401
                && api.response.getContentType().startsWith("application/json"), "(c) answers 401 JSON");
        expect(api.request.getSession(false) == null, "(c) creates no session");
        String location = navigation.response.getHeader("Location");
        expect(navigation.chain.lastRequest == null && navigation.response.getStatus() == 302
                && location != null && location.startsWith("https://login.dingtalk.com/oauth2/auth?"),
                "(d) redirects to DingTalk");
        expect(navigation.request.getSession(false) == null
                && navigation.response.getHeaders("Set-Cookie").stream().filter(c -> c.startsWith("DTLOGIN_")).count() == 1,
                "(d) records one pending login in a cookie and creates no session");
        expect(excludedSignedIn.chain.lastRequest instanceof SignedInRequest, "(e) passes a SignedInRequest on");
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark set-up is wrong: expected " + what);
        }
    }

    /** Building blocks of the slow paths, timed on their own (option --probes). */
    private static void addProbes(List<Scenario> scenarios, int rounds) {
        JsonProvider provider = JsonProvider.provider();
        StateTokens states = new StateTokens();
        String loginUrl = CONTEXT_PATH + "/dingtalk/login";
        scenarios.add(new Scenario("p1", "401 body: Json.createObjectBuilder()...toString() (as the filter does)",
                () -> sink = Json.createObjectBuilder().add("error", "unauthenticated").add("login", loginUrl)
                        .build().toString(), rounds));
        scenarios.add(new Scenario("p2", "401 body: same, with a JsonProvider looked up once",
                () -> sink = provider.createObjectBuilder().add("error", "unauthenticated").add("login", loginUrl)
                        .build().toString(), rounds));
        scenarios.add(new Scenario("p3", "JsonProvider.provider() alone (ServiceLoader lookup)",
                () -> sink = JsonProvider.provider(), rounds));
        scenarios.add(new Scenario("p4", "StateTokens.next(): 32 bytes of SecureRandom, base64url",
                () -> sink = states.next(), rounds));
        scenarios.add(new Scenario("p5", "ReturnTarget.of(\"/orders/42?tab=items\")",
                () -> sink = ReturnTarget.of("/orders/42?tab=items"), rounds));
        scenarios.add(new Scenario("p6", "URLEncoder.encode(redirectUri) (done per login, constant)",
                () -> sink = URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8).replace("+", "%20"), rounds));
        String[] paths = {CONTEXT_PATH, "/dingtalk/login", "/dingtalk/logout"}; // not compile-time constants
        scenarios.add(new Scenario("p7", "new DingTalkLinks(label, ctx + loginPath, ctx + logoutPath)",
                () -> sink = new DingTalkLinks("DingTalk", paths[0] + paths[1], paths[0] + paths[2]), rounds));
    }

    private static Map<String, long[]> gcCounts() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            counts.put(gc.getName(), new long[] {gc.getCollectionCount(), gc.getCollectionTime()});
        }
        return counts;
    }

    private static void report(List<Scenario> scenarios, int rounds, int warmupRounds, long warmupMs, long roundMs,
                               Map<String, long[]> gcBefore, Map<String, long[]> gcWarm, Map<String, long[]> gcAfter,
                               double seconds) {
        StringBuilder out = new StringBuilder();
        Runtime rt = Runtime.getRuntime();
        out.append("\n## dingtalk-auth FilterBenchmark\n\n");
        out.append(String.format(Locale.ROOT, "- JVM: %s %s (%s), %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"),
                System.getProperty("java.vm.info")));
        out.append(String.format(Locale.ROOT, "- JVM flags: %s; max heap %d MiB; GC: %s%n",
                ManagementFactory.getRuntimeMXBean().getInputArguments(), rt.maxMemory() >> 20,
                String.join(" + ", gcAfter.keySet())));
        out.append(String.format(Locale.ROOT, "- OS: %s %s %s; CPU: %s; %d cores available%n",
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                cpuModel(), rt.availableProcessors()));
        out.append(String.format(Locale.ROOT, "- Run: %d warm-up rounds x %d ms, then %d measured rounds x %d ms"
                + " per scenario, interleaved; %.1f s in all%n", warmupRounds, warmupMs, rounds, roundMs, seconds));
        out.append("- GC during measurement: ");
        List<String> gcs = new ArrayList<>();
        gcAfter.forEach((name, after) -> {
            long[] warm = gcWarm.get(name);
            gcs.add(String.format(Locale.ROOT, "%s %d collections / %d ms", name, after[0] - warm[0],
                    after[1] - warm[1]));
        });
        out.append(String.join(", ", gcs)).append("\n\n");

        double baseline = median(scenarios.get(0).nsPerOp);
        double baselineBytes = median(scenarios.get(0).bytesPerOp);
        out.append("| | scenario | median ns/op | min - max ns/op | spread | filter ns/op (minus baseline)"
                + " | bytes/op |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Scenario s : scenarios) {
            double median = median(s.nsPerOp);
            double min = Arrays.stream(s.nsPerOp).min().orElse(0);
            double max = Arrays.stream(s.nsPerOp).max().orElse(0);
            boolean filterRow = !s.id.startsWith("p") && !s.id.equals("0");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s - %s | %.0f%% | %s | %s |%n", s.id, s.title,
                    fmt(median), fmt(min), fmt(max), median == 0 ? 0 : 100 * (max - min) / median,
                    filterRow ? fmt(median - baseline) : "", fmtBytes(median(s.bytesPerOp)
                            - (filterRow ? baselineBytes : 0))));
        }
        out.append("\nspread = (max - min) / median over the measured rounds. bytes/op is per call, minus the"
                + " baseline's for filter rows (the baseline's own is shown on its row).\n");
        System.out.print(out);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String fmt(double ns) {
        return ns >= 100 ? String.format(Locale.ROOT, "%,.0f", ns) : String.format(Locale.ROOT, "%.1f", ns);
    }

    private static String fmtBytes(double bytes) {
        return String.format(Locale.ROOT, "%.0f", Math.max(0, bytes));
    }
}
