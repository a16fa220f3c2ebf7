package io.github.dingtalkauth.client;

import java.time.Duration;

/** The moment a call must be done by, on the monotonic clock, so a wall-clock jump neither ends nor extends it. */
public final class Deadline {
    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    public static Deadline in(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /** What is left, never negative. */
    public Duration remaining() {
        long left = atNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    public boolean passed() {
        return atNanos - System.nanoTime() <= 0;
    }
}
