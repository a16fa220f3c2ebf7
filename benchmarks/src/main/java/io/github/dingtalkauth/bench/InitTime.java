package io.github.dingtalkauth.bench;

import io.github.dingtalkauth.DingTalkAuthFilter;
import jakarta.servlet.FilterConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run in a fresh JVM by the start-up stage: times {@link DingTalkAuthFilter#init} from init-params the way a container
 * calls it, first in this JVM (class loading included) and then warm; prints {@code first-nanos warm-median-nanos
 * first-cpu-nanos}: the wall-clock times, and the CPU time of the calling thread for the first (on a shared machine
 * wall-clock time also counts the moments other processes had the CPU).
 * With the argument {@code container}, a Jetty 12 serving one servlet starts first, as a container is running before
 * it initialises a filter (the JDK classes it shares with the filter are then loaded already).
 */
public final class InitTime {
    private InitTime() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appId", "dingbenchmark0000001");
        params.put("appSecret", "bench-secret-not-used-for-any-call");
        params.put("redirectUri", "https://app.example.com/app/dingtalk/callback");
        params.put("excludePaths", "/, /public/*, /static/*, *.css, /health");
        params.put("allowedCorpIds", "ding5a8c5b6a5c8b53e535c2f4657eb6378f");
        FilterConfig config = BenchContainer.filterConfig("dingtalk", params, BenchContainer.servletContext("/app"));
        java.util.logging.Logger.getLogger("io.github.dingtalkauth").setLevel(java.util.logging.Level.WARNING);
        org.eclipse.jetty.server.Server jetty = null;
        if (args.length > 0 && args[0].equals("container")) {
            jetty = new org.eclipse.jetty.server.Server(0);
            var context = new org.eclipse.jetty.ee10.servlet.ServletContextHandler(
                    org.eclipse.jetty.ee10.servlet.ServletContextHandler.SESSIONS);
            context.addServlet(new org.eclipse.jetty.ee10.servlet.ServletHolder(
                    new jakarta.servlet.http.HttpServlet() { }), "/*");
            jetty.setHandler(context);
            jetty.start();
        }
        long cpuBefore = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long first = timeInit(config);
        long firstCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
        long[] warm = new long[21];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = timeInit(config);
        }
        Arrays.sort(warm);
        System.out.println(first + " " + warm[warm.length / 2] + " " + firstCpu);
        if (jetty != null) {
            jetty.stop();
        }
    }

    private static long timeInit(FilterConfig config) throws Exception {
        DingTalkAuthFilter filter = new DingTalkAuthFilter();
        long started = System.nanoTime();
        filter.init(config);
        long nanos = System.nanoTime() - started;
        filter.destroy();
        return nanos;
    }
}
