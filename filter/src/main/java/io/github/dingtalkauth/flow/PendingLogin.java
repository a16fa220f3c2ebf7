package io.github.dingtalkauth.flow;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * A login that was sent to DingTalk and has not come back yet.
 *
 * @param returnTarget where to go after login, relative to the context path (already validated)
 */
public record PendingLogin(String returnTarget, Instant createdAt) implements Serializable {

    public boolean isExpired(Instant now, Duration ttl) {
        return !now.isBefore(createdAt.plus(ttl));
    }
}
