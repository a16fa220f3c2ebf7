package io.github.dingtalkauth.flow;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Counts login starts per client address in fixed windows and says when one address has started too many. Off by
 * default: a whole office often shares one address behind NAT. Memory is bounded: the counters are dropped at every
 * window boundary, and within a window at most {@code maxAddresses} addresses are tracked; past that, addresses not
 * yet seen are limited too (a flood from that many addresses is an attack on the login, not an office).
 */
public final class LoginRateLimiter {
    private final int limit;
    private final long windowNanos;
    private final int maxAddresses;
    private final LongSupplier nanoClock;
    private volatile Window window;

    private record Window(long startNanos, ConcurrentHashMap<String, AtomicInteger> counts) {
    }

    public LoginRateLimiter(int limit, Duration window, int maxAddresses, LongSupplier nanoClock) {
        if (limit < 1 || window.isNegative() || window.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("limit, window and maxAddresses must be positive");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.maxAddresses = maxAddresses;
        this.nanoClock = nanoClock;
        this.window = new Window(nanoClock.getAsLong(), new ConcurrentHashMap<>());
    }

    /** Counts one login start from {@code address}; false when that address is over its limit in this window. */
    public boolean tryStart(String address) {
        Window current = currentWindow();
        AtomicInteger count = current.counts().get(address);
        if (count == null) {
            if (current.counts().size() >= maxAddresses) {
                return false;
            }
            count = current.counts().computeIfAbsent(address, a -> new AtomicInteger());
        }
        return count.incrementAndGet() <= limit;
    }

    /** Seconds until the current window ends: what Retry-After tells a refused client. */
    public long retryAfterSeconds() {
        long left = window.startNanos() + windowNanos - nanoClock.getAsLong();
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    private Window currentWindow() {
        Window current = window;
        long now = nanoClock.getAsLong();
        if (now - current.startNanos() >= windowNanos) {
            synchronized (this) { // only at a window boundary, once per window
                current = window;
                if (now - current.startNanos() >= windowNanos) {
                    current = new Window(now, new ConcurrentHashMap<>());
                    window = current;
                }
            }
        }
        return current;
    }
}
