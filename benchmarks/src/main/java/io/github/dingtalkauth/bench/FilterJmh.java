package io.github.dingtalkauth.bench;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.web.SignedInRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link DingTalkAuthFilter#doFilter} in-process with allocation-free fake requests (JMH; run by
 * {@code io.github.dingtalkauth.benchmarks.Micro}). The baseline sends the signed-in request through a filter that only
 * calls the chain: the fakes' own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterJmh {
    private static final String CONTEXT_PATH = "/app";

    private DingTalkAuthFilter filter;
    private final Filter noop = new BenchContainer.NoopFilter();
    private final BenchResponse response = new BenchResponse();
    private final BenchContainer.Chain chain = new BenchContainer.Chain();
    private BenchRequest signedIn;
    private BenchRequest excluded;
    private BenchRequest anonymousApi;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ServletContext context = BenchContainer.servletContext(CONTEXT_PATH);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appId", "dingbenchmark0000001");
        params.put("appSecret", "bench-secret-not-used-for-any-call");
        params.put("redirectUri", "https://app.example.com/app/dingtalk/callback");
        params.put("excludePaths", "/, /public/*, /static/*, *.css, /health");
        filter = new DingTalkAuthFilter();
        filter.init(BenchContainer.filterConfig("dingtalk", params, context));
        DingTalkPrincipal alice = new DingTalkPrincipal("unionId-alice-0001", "openId-alice", "Alice 张",
                "https://static.example.com/a.png", null, null, null, null);
        signedIn = new BenchRequest(context, "GET", CONTEXT_PATH, "/orders/42", null, "tab=items",
                headers("text/html,application/xhtml+xml,*/*;q=0.8", "navigate", "document"));
        signedIn.session = new BenchSession(context).established();
        signedIn.session.setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, alice);
        excluded = new BenchRequest(context, "GET", CONTEXT_PATH, "/static/app.css", null, null,
                headers("text/css,*/*;q=0.1", "no-cors", "style"));
        anonymousApi = new BenchRequest(context, "GET", CONTEXT_PATH, "/api", "/orders", null,
                headers("application/json", "cors", "empty"));
        // A benchmark of the wrong branch is worthless: check each takes the one it is named after.
        filter.doFilter(signedIn, response, chain);
        expect(chain.lastRequest instanceof SignedInRequest, "signed-in request reaches the app wrapped");
        chain.lastRequest = null;
        filter.doFilter(excluded, response, chain);
        expect(chain.lastRequest == excluded && excluded.getSession(false) == null, "excluded path passes as is");
        chain.lastRequest = null;
        filter.doFilter(anonymousApi, response, chain);
        expect(chain.lastRequest == null && response.getStatus() == 401, "anonymous API call gets 401");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        filter.destroy();
    }

    @Benchmark
    public Object baselineNoopFilter() throws Exception {
        noop.doFilter(signedIn, response, chain);
        return chain.lastRequest;
    }

    @Benchmark
    public Object signedInProtectedPath() throws Exception {
        filter.doFilter(signedIn, response, chain);
        return chain.lastRequest;
    }

    @Benchmark
    public Object excludedPathAnonymous() throws Exception {
        filter.doFilter(excluded, response, chain);
        return chain.lastRequest;
    }

    @Benchmark
    public Object anonymousApi401() throws Exception {
        response.reset();
        filter.doFilter(anonymousApi, response, chain);
        return response;
    }

    private static String[] headers(String accept, String fetchMode, String fetchDest) {
        return new String[] {
            "Host", "app.example.com",
            "User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 DingTalk/7.5.0",
            "Accept", accept,
            "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8",
            "Cookie", "JSESSIONID=8C3F6A1B2D4E5F60718293A4B5C6D7E8",
            "Sec-Fetch-Site", "same-origin",
            "Sec-Fetch-Mode", fetchMode,
            "Sec-Fetch-Dest", fetchDest,
        };
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark set-up: expected " + what);
        }
    }
}
