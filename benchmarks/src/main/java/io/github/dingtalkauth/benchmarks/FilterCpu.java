package io.github.dingtalkauth.benchmarks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Placed just before the DingTalk filter: adds up the CPU time request threads spend in it (and the trivial servlet
 * behind it), and reads the CPU time of the filter's back-channel threads: its executor ({@code dingtalk-auth-http-*})
 * and its HTTP client's selector (the {@code HttpClient-*-SelectorManager} thread that appeared when it started).
 */
final class FilterCpu implements Filter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final LongAdder requestNanos = new LongAdder();
    private final Map<Long, Long> backChannelAtReset = new HashMap<>();
    private final java.util.Set<Long> selectorsBefore = selectors();
    private long filterSelector = -1;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long before = THREADS.getCurrentThreadCpuTime();
        try {
            chain.doFilter(request, response);
        } finally {
            requestNanos.add(THREADS.getCurrentThreadCpuTime() - before);
        }
    }

    void backChannelStarted() {
        for (long id : selectors()) {
            if (!selectorsBefore.contains(id)) {
                filterSelector = id;
            }
        }
    }

    synchronized void reset() {
        requestNanos.reset();
        backChannelAtReset.clear();
        backChannelAtReset.putAll(backChannelCpu());
    }

    long filterNanos() {
        return requestNanos.sum();
    }

    /** CPU the back-channel threads used since {@link #reset()} (a thread that ended meanwhile is lost: a lower bound). */
    synchronized long backChannelNanos() {
        long sum = 0;
        for (Map.Entry<Long, Long> e : backChannelCpu().entrySet()) {
            sum += e.getValue() - backChannelAtReset.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private Map<Long, Long> backChannelCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("dingtalk-auth-http-")
                    || info.getThreadId() == filterSelector)) {
                cpu.put(info.getThreadId(), THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    private static java.util.Set<Long> selectors() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().matches("HttpClient-\\d+-SelectorManager")) {
                ids.add(info.getThreadId());
            }
        }
        return ids;
    }
}
