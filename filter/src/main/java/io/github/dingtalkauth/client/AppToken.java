package io.github.dingtalkauth.client;

import java.time.Duration;
import java.util.Objects;

/**
 * The app's access token for DingTalk's enterprise APIs and how long DingTalk said it lives. Never a user's token.
 * {@link #toString()} leaves the value out.
 */
public record AppToken(String value, Duration lifetime) {
    static final int MAX_LENGTH = 2048;

    public AppToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(lifetime, "lifetime");
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("app token is empty, too long or has spaces or control characters");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("app token lifetime must be positive");
        }
    }

    /** It goes into a query string: printable ASCII without spaces, bounded. */
    static boolean wellFormed(String value) {
        return !value.isEmpty() && value.length() <= MAX_LENGTH && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    @Override
    public String toString() {
        return "AppToken[lifetime=" + lifetime + "]";
    }
}
