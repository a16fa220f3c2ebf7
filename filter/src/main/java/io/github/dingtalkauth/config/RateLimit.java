package io.github.dingtalkauth.config;

import java.time.Duration;

/** At most {@code count} events per {@code window}, as {@code loginRateLimit=20/1m} says. */
public record RateLimit(int count, Duration window) {
    @Override
    public String toString() {
        long millis = window.toMillis();
        return count + "/" + (millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms");
    }
}
