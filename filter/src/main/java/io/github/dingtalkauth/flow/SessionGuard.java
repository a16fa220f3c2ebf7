package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.ConfigException;
import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.client.CallLimiter;
import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.Membership;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Ends a sign-in that has lasted {@code maxSessionAge}, and with {@code memberRecheck} the sign-in of someone who has
 * left the organization. It runs on every signed-in request, so the usual case, a fresh session, reads one session
 * attribute and the clock and allocates nothing. An ended session is invalidated whole; the request then goes on as
 * an anonymous one (a page is sent to DingTalk, an API call gets 401).
 */
public final class SessionGuard {
    private static final System.Logger LOG = System.getLogger("io.github.dingtalkauth");

    private final SessionLimits limits;
    private final MembershipProbe probe;
    private final Clock clock;
    private final Duration recheckTimeout;
    private final CallLimiter calls;

    /**
     * @param probe asked when a re-check is due; may be null when {@code limits} re-check nothing
     * @param calls the filter's bulkhead: a re-check waits on DingTalk like a sign-in does
     */
    public SessionGuard(SessionLimits limits, MembershipProbe probe, Clock clock, Duration requestTimeout,
                        CallLimiter calls) {
        if (limits.rechecksMembership() && probe == null) {
            throw new IllegalArgumentException("a membership re-check needs a probe");
        }
        this.limits = limits;
        this.probe = probe;
        this.clock = clock;
        this.calls = calls;
        // Shorter than the claim's lease, so that no second re-check starts while this one still waits.
        this.recheckTimeout = requestTimeout.compareTo(SessionLimits.CLAIM_LEASE) < 0 ? requestTimeout
                : SessionLimits.CLAIM_LEASE.minusSeconds(1);
    }

    /**
     * The guard the settings ask for.
     *
     * @param probe the organization's directory, or null when the filter has none
     * @throws ConfigException when {@code memberRecheck} is set without {@code allowedCorpIds}
     */
    public static SessionGuard of(DingTalkConfig config, MembershipProbe probe, Clock clock, CallLimiter calls) {
        SessionLimits limits = new SessionLimits(config.get(Settings.MAX_SESSION_AGE),
                config.get(Settings.MEMBER_RECHECK));
        if (limits.rechecksMembership() && (probe == null || !restrictsOrganization(config))) {
            throw new ConfigException("DingTalk login is misconfigured:\n  - setting '"
                    + Settings.MEMBER_RECHECK.name() + "' needs '" + Settings.ALLOWED_CORP_IDS.name()
                    + "': membership is re-checked"
                    + " in the organizations it names (settings from " + config.origin() + ")");
        }
        return new SessionGuard(limits, limits.rechecksMembership() ? probe : null, clock,
                config.get(Settings.REQUEST_TIMEOUT), calls);
    }

    private static boolean restrictsOrganization(DingTalkConfig config) {
        return config.get(Settings.ALLOWED_CORP_IDS) != null;
    }

    /**
     * Whether the signed-in {@code principal} goes on with this request. False when this call has just ended the
     * session (or found it ended): the request is then an anonymous one.
     */
    public boolean keeps(HttpServletRequest request, DingTalkPrincipal principal) {
        AuthSession session = AuthSession.existing(request);
        if (session == null) {
            return true; // the principal came with a request this filter already wrapped (a dispatch)
        }
        SessionTimes times = session.times();
        if (times == null) {
            // Signed in before sign-in times were kept: the clock starts now rather than signing everyone out.
            return session.storeTimes(limits.start(clock.instant()));
        }
        return switch (limits.status(times, clock.millis())) {
            case FRESH -> true;
            case EXPIRED -> end(session, "session_expired");
            case RECHECK_DUE -> recheck(session, times, principal);
        };
    }

    /**
     * One request of the session asks DingTalk; the others go on meanwhile on the session as it is. With every
     * permit of the bulkhead taken (DingTalk is slow), nobody asks now and nothing is claimed: a later request will.
     */
    private boolean recheck(AuthSession session, SessionTimes times, DingTalkPrincipal principal) {
        try (CallLimiter.Permit permit = calls.tryAcquire()) {
            if (permit == null) {
                LOG.log(Level.DEBUG, "DingTalk membership re-check postponed: maxConcurrentCalls reached");
                return true;
            }
            return limits.tryClaimRecheck(times, clock.instant()) ? ask(session, times, principal) : true;
        }
    }

    private boolean ask(AuthSession session, SessionTimes times, DingTalkPrincipal principal) {
        Membership membership;
        try {
            membership = probe.membership(principal.getUnionId(), Deadline.in(recheckTimeout));
        } catch (DingTalkApiException | RuntimeException e) {
            limits.recheckFailed(times, clock.instant());
            session.storeTimes(times);
            LOG.log(Level.WARNING, "DingTalk membership re-check failed, the session is kept: "
                    + (e instanceof DingTalkApiException ? e.getMessage() : e.getClass().getName()));
            return true;
        }
        if (!membership.isMember()) {
            return end(session, "membership_" + membership.status().name().toLowerCase(Locale.ROOT));
        }
        limits.recheckPassed(times, clock.instant());
        session.storeTimes(times);
        return true;
    }

    private static boolean end(AuthSession session, String reason) {
        session.end();
        LOG.log(Level.INFO, "DingTalk sign-in ended: reason=" + reason);
        return false;
    }
}
