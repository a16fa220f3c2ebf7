package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final LoginRateLimiter limiter = new LoginRateLimiter(3, Duration.ofMinutes(1), 100, nanos::get);

    @Test
    void anAddressMayStartUpToTheLimitInOneWindow() {
        assertTrue(limiter.tryStart("10.0.0.1"));
        assertTrue(limiter.tryStart("10.0.0.1"));
        assertTrue(limiter.tryStart("10.0.0.1"));
        assertFalse(limiter.tryStart("10.0.0.1"));
    }

    @Test
    void oneAddressOverItsLimitDoesNotLimitAnother() {
        for (int i = 0; i < 5; i++) {
            limiter.tryStart("10.0.0.1");
        }
        assertTrue(limiter.tryStart("10.0.0.2"));
    }

    @Test
    void theNextWindowStartsAfresh() {
        for (int i = 0; i < 5; i++) {
            limiter.tryStart("10.0.0.1");
        }
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());

        assertTrue(limiter.tryStart("10.0.0.1"));
    }

    @Test
    void pastTheAddressBoundNewAddressesAreLimitedAndKnownOnesCounted() {
        LoginRateLimiter small = new LoginRateLimiter(3, Duration.ofMinutes(1), 2, nanos::get);
        assertTrue(small.tryStart("a"));
        assertTrue(small.tryStart("b"));

        assertFalse(small.tryStart("c"), "a third address does not grow the map");
        assertTrue(small.tryStart("a"));
    }

    @Test
    void retryAfterIsTheRestOfTheWindowInWholeSeconds() {
        nanos.addAndGet(Duration.ofSeconds(20).toNanos() + 1);

        assertEquals(40, limiter.retryAfterSeconds());
    }
}
