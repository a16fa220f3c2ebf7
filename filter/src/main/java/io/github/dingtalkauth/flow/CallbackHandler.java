package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.client.CallLimiter;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * DingTalk's redirect back to us, in three steps: the parameters ({@link CallbackParameters}), refused when malformed
 * without touching the session; the state, verified against this browser's login cookie ({@link PendingLoginCookies})
 * and spent (the only defence against login CSRF, since DingTalk has no PKCE); then "cancelled", or the code redeemed
 * exactly once, the profile read, the person admitted by the {@link OrganizationStep}, and signed in on a new session
 * id. A callback that would call DingTalk needs a permit of the filter's {@link CallLimiter} for its whole exchange;
 * with none free it gets 503 at once and keeps its login. A state this browser holds no cookie for is refused, unless
 * someone is signed in on it (the Back button): they go on into the application.
 */
public final class CallbackHandler {
    private static final System.Logger LOG = System.getLogger("io.github.dingtalkauth");
    private static final Pattern PRINTABLE_ERROR = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final DingTalkConfig config;
    private final SignInMode mode;
    private final Failures failures;
    private final Clock clock;
    private final Duration requestTimeout;
    private final CallLimiter calls;
    private final SignInLocks signInLocks = new SignInLocks(64);
    private final PendingLoginCookies pending;
    private final SpentStates spent = new SpentStates();

    /** @param calls the filter's bulkhead, shared with the membership re-check */
    public CallbackHandler(DingTalkConfig config, SignInMode mode, Failures failures, Clock clock, CallLimiter calls,
                           PendingLoginCookies pending) {
        this.pending = pending;
        this.config = config;
        this.mode = mode; // the configured flow's code → profile, then the organization step
        this.failures = failures;
        this.clock = clock;
        this.requestTimeout = config.get(Settings.REQUEST_TIMEOUT);
        this.calls = calls;
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!"GET".equals(request.getMethod())) {
            // HEAD too: a link previewer must not burn the state or the code.
            failures.methodNotAllowed(request, response, "GET", "callback");
            return;
        }
        CallbackParameters.Parsed parsed = CallbackParameters.parse(request.getQueryString());
        if (parsed.refusal() != null) {
            failures.send(request, response, parsed.refusal(), parsed.detail());
            return;
        }
        CallbackParameters callback = parsed.parameters();
        if (sessionFromUrl(request)) {
            failures.send(request, response, Reason.SESSION_FROM_URL, null);
            return;
        }

        PendingLogin login = pending.find(request, callback.state()); // only this browser's cookie verifies
        if (login == null) {
            unknownState(request, response, callback.state());
            return;
        }
        // The permit is taken before the state: a callback refused for want of one keeps its login, so the person
        // can simply reload. A replayed callback is no better off: the state is spent by the one that gets a permit.
        try (CallLimiter.Permit permit = calls.tryAcquire()) {
            if (permit == null) {
                failures.providerBusy(request, response);
                return;
            }
            finish(request, response, callback, login);
        }
    }

    /**
     * Spends the state before anything else (single use even when the exchange fails), tells the browser to drop its
     * cookie, then ends in "expired", "cancelled" or the exchange with DingTalk.
     */
    private void finish(HttpServletRequest request, HttpServletResponse response, CallbackParameters callback,
                        PendingLogin login) throws IOException, ServletException {
        Instant now = clock.instant();
        boolean expired = login.isExpired(now, config.stateTtl());
        if (!spent.spend(callback.state(), login, expired, config.stateTtl(), now)) {
            // a replay, or the twin of a double-click that got here first
            unknownState(request, response, callback.state());
            return;
        }
        pending.clear(request, response, callback.state());
        if (expired) {
            failures.send(request, response, Reason.STATE_EXPIRED, null);
            return;
        }
        if (callback.error() != null) {
            failures.send(request, response, Reason.ACCESS_DENIED,
                    "error=" + (PRINTABLE_ERROR.matcher(callback.error()).matches() ? callback.error() : "unprintable"));
            return;
        }
        exchangeAndSignIn(request, response, callback, login);
    }

    /**
     * A session named in the URL ({@code ;jsessionid=}) is one an attacker can choose: he starts a login in his own
     * session and sends the victim, who has no cookie, to the callback with his session id, and the victim is signed
     * in as the attacker. Only a session from the cookie may finish a login, and DingTalk's redirect never carries one.
     */
    private static boolean sessionFromUrl(HttpServletRequest request) {
        return request.isRequestedSessionIdFromURL() || request.getRequestURI().indexOf(';') >= 0;
    }

    /**
     * No login in flight under this state: it was never started in this browser, or it has finished. A signed-in
     * user who comes back to a used callback URL (the Back button) goes on into the application, to where that login
     * went when this session still knows it; nothing is redeemed. Anyone else is refused.
     */
    private void unknownState(HttpServletRequest request, HttpServletResponse response, String state)
            throws IOException, ServletException {
        AuthSession session = AuthSession.existing(request);
        if (session == null || session.principal() == null) {
            failures.send(request, response, Reason.STATE_UNKNOWN, "no valid login cookie for this state");
            return;
        }
        String target = session.finishedTarget(state);
        LOG.log(Level.DEBUG, "DingTalk login: a used callback URL came back from a signed-in user; sent on to the "
                + (target == null ? "context root" : "page of that login"));
        Responses.redirect(response, HttpServletResponse.SC_SEE_OTHER,
                request.getContextPath() + (target == null ? ReturnTarget.ROOT : target));
    }

    /** Redeems the code exactly once, reads the profile, and signs the user in on a new session id. */
    private void exchangeAndSignIn(HttpServletRequest request, HttpServletResponse response,
                                   CallbackParameters callback, PendingLogin login)
            throws IOException, ServletException {
        AuthSession existing = AuthSession.existing(request); // if it ends during the exchange, nobody signs in
        DingTalkPrincipal principal;
        try {
            Deadline deadline = Deadline.in(requestTimeout); // one deadline for every call, the organization's too
            principal = mode.signIn(callback.code(), deadline);
        } catch (DingTalkApiException e) {
            failures.send(request, response, Reason.of(e), e.getMessage());
            return;
        } catch (SignInRefused refused) {
            failures.send(request, response, refused.reason(), refused.detail());
            return;
        }
        if (!bind(request, existing, principal, callback.state(), login.returnTarget())) {
            // The session was invalidated meanwhile (a logout in another tab): nothing to sign in to.
            failures.send(request, response, Reason.STATE_UNKNOWN, "session ended during sign-in");
            return;
        }
        LOG.log(Level.INFO, "DingTalk sign-in: unionId=" + principal.getUnionId());
        Responses.redirect(response, HttpServletResponse.SC_SEE_OTHER, request.getContextPath() + login.returnTarget());
    }

    /**
     * Signs the person in on this browser's session and remembers where this login went (the Back button); false
     * when its session has ended meanwhile.
     */
    private boolean bind(HttpServletRequest request, AuthSession existing, DingTalkPrincipal principal, String state,
                         String returnTarget) {
        return SessionSignIn.signInLocked(signInLocks, request, existing, principal, clock.instant(),
                session -> session.recordFinished(state, returnTarget));
    }
}
