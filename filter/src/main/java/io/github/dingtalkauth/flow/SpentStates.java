package io.github.dingtalkauth.flow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states whose callback has been attempted, until their login would have expired anyway: a login cookie cannot be
 * taken back from the browser, so single use is kept here. Keyed by a hash of the state (a heap dump shows no state),
 * and pruned on insert, so it holds at most the callbacks of one stateTtl. In memory, per node: a replay to another
 * node of a cluster still meets DingTalk's own single use of the code.
 */
final class SpentStates {
    private final ConcurrentHashMap<String, Instant> expiryByHash = new ConcurrentHashMap<>();
    private volatile Instant nextPrune = Instant.MIN;

    /** Marks the state spent until {@code expiry}; false when it already was (a replay, or a double-click's twin). */
    boolean spend(String state, Instant expiry, Instant now) {
        prune(now);
        return expiryByHash.putIfAbsent(hash(state), expiry) == null;
    }

    /**
     * Spends the state of {@code login}: until the login would have expired anyway, or, for one that already has
     * ({@code expired}, which the caller decided once for this request), for a moment: its cookie no longer verifies
     * as current either way.
     */
    boolean spend(String state, PendingLogin login, boolean expired, Duration ttl, Instant now) {
        return spend(state, expired ? now.plusSeconds(1) : login.createdAt().plus(ttl), now);
    }

    int size() {
        return expiryByHash.size();
    }

    /** At most about once a second, so that a burst of callbacks does not scan the map on each. */
    private void prune(Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plusSeconds(1);
        expiryByHash.values().removeIf(expiry -> !now.isBefore(expiry));
    }

    private static String hash(String state) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
