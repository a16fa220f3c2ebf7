package io.github.dingtalkauth.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a sign-in lasts ({@code maxSessionAge}, default 12 hours) and how often membership is confirmed again
 * ({@code memberRecheck}, off by default). Immutable policy; the per-session state is in {@link SessionTimes}.
 *
 * <p>A request asks {@link #status}; on {@link Status#RECHECK_DUE} it re-checks only if
 * {@link #tryClaimRecheck} says so, and then reports {@link #recheckPassed} or {@link #recheckFailed} (DingTalk
 * could not answer: the session stays, and the next attempt waits a minute). Every other request of the session
 * carries on meanwhile.
 */
public final class SessionLimits {
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(12);
    /** After DingTalk failed to answer a re-check, so an outage does not cost every request a call. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);
    /** Longer than any re-check's deadline; a claim never released lapses after this. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(1);

    public enum Status {
        FRESH,
        /** Membership should be confirmed again; the session is still good meanwhile. */
        RECHECK_DUE,
        /** Older than {@code maxSessionAge}: a fresh sign-in is needed. */
        EXPIRED
    }

    private final Duration maxSessionAge;
    private final Duration memberRecheck;
    /** The two durations in milliseconds, so that every signed-in request compares longs and allocates nothing. */
    private final long maxAgeMillis;
    private final long recheckMillis;

    /** @param memberRecheck null when membership is checked only at sign-in */
    public SessionLimits(Duration maxSessionAge, Duration memberRecheck) {
        this.maxSessionAge = positive(Objects.requireNonNull(maxSessionAge, "maxSessionAge"), "maxSessionAge");
        this.memberRecheck = memberRecheck == null ? null : positive(memberRecheck, "memberRecheck");
        this.maxAgeMillis = millis(maxSessionAge);
        this.recheckMillis = memberRecheck == null ? Long.MAX_VALUE : millis(memberRecheck);
    }

    public static SessionLimits defaults() {
        return new SessionLimits(DEFAULT_MAX_AGE, null);
    }

    private static Duration positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero");
        }
        return d;
    }

    private static long millis(Duration d) {
        return d.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toMillis();
    }

    public boolean rechecksMembership() {
        return memberRecheck != null;
    }

    /** The state for a session that signs in at {@code now}. */
    public SessionTimes start(Instant now) {
        return new SessionTimes(now);
    }

    public Status status(SessionTimes times, Instant now) {
        return status(times, now.toEpochMilli());
    }

    /** {@link #status(SessionTimes, Instant)} for a clock read as {@code Clock.millis()}. */
    public Status status(SessionTimes times, long nowMillis) {
        // Differences, not sums: no overflow however long the durations are.
        if (nowMillis - times.signedInMillis() >= maxAgeMillis) {
            return Status.EXPIRED;
        }
        if (memberRecheck != null && nowMillis - times.lastCheckedMillis() >= recheckMillis
                && nowMillis >= times.retryNotBeforeMillis()) {
            return Status.RECHECK_DUE;
        }
        return Status.FRESH;
    }

    /** True for exactly one caller while a re-check is due and nobody else holds the claim. */
    public boolean tryClaimRecheck(SessionTimes times, Instant now) {
        return status(times, now) == Status.RECHECK_DUE && times.tryClaim(now, CLAIM_LEASE.toMillis());
    }

    /** DingTalk confirmed the membership: the next re-check is due a full interval from now. Releases the claim. */
    public void recheckPassed(SessionTimes times, Instant now) {
        times.checked(now);
    }

    /** DingTalk could not answer: the session stays and the re-check is tried again shortly. Releases the claim. */
    public void recheckFailed(SessionTimes times, Instant now) {
        Duration wait = memberRecheck == null || memberRecheck.compareTo(RETRY_AFTER_FAILURE) > 0
                ? RETRY_AFTER_FAILURE : memberRecheck;
        times.failed(now.plus(wait));
    }

    @Override
    public String toString() {
        return "SessionLimits[maxSessionAge=" + maxSessionAge + ", memberRecheck="
                + (memberRecheck == null ? "off" : memberRecheck) + "]";
    }
}
