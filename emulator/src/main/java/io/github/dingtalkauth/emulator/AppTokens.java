package io.github.dingtalkauth.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The app's access token, shared by the three token endpoints and accepted by the oapi endpoints. As DingTalk does,
 * asking again while the token is valid returns the same token and extends it; after it lapses, or after
 * {@link #expireNow()}, the next request gets a new one.
 */
final class AppTokens {

    private final Clock clock;
    private final IdSource ids;
    private final Duration ttl;
    private String current;
    private Instant expiresAt = Instant.MIN;

    AppTokens(Clock clock, IdSource ids, Duration ttl) {
        this.clock = clock;
        this.ids = ids;
        this.ttl = ttl;
    }

    synchronized String issue() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(expiresAt)) {
            current = ids.next();
        }
        expiresAt = now.plus(ttl);
        return current;
    }

    synchronized boolean isValid(String token) {
        return current != null && current.equals(token) && clock.instant().isBefore(expiresAt);
    }

    /** From now on the token that was issued is refused, as an expired or revoked one is. */
    synchronized void expireNow() {
        current = null;
    }

    /** A token-shaped value that is never valid, for made-up answers (it carries a canary prefix if one is set). */
    String inert() {
        return ids.next();
    }

    Duration ttl() {
        return ttl;
    }
}
