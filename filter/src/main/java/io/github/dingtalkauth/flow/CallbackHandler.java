package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.client.AccessGrant;
import io.github.dingtalkauth.client.Deadline;
import io.github.dingtalkauth.client.DingTalkApiException;
import io.github.dingtalkauth.client.DingTalkClient;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.QueryParameters;
import io.github.dingtalkauth.web.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * DingTalk's redirect back to us. In order: refuse anything malformed without touching the session; look up and
 * consume the state (the only defence against login CSRF, since DingTalk has no PKCE); then either show "cancelled"
 * or redeem the code exactly once, read the profile, let the {@link OrganizationStep} admit the person, and sign
 * them in on a new session id.
 */
public final class CallbackHandler {
    private static final System.Logger LOG = System.getLogger("io.github.dingtalkauth");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_\\-]{1,256}");
    private static final Pattern PRINTABLE_ERROR = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    private final DingTalkConfig config;
    private final DingTalkClient client;
    private final OrganizationStep organization;
    private final Failures failures;
    private final Clock clock;
    private final Duration requestTimeout;

    public CallbackHandler(DingTalkConfig config, DingTalkClient client, OrganizationStep organization,
                           Failures failures, Clock clock) {
        this.config = config;
        this.client = client;
        this.organization = organization;
        this.failures = failures;
        this.clock = clock;
        this.requestTimeout = config.get(Settings.REQUEST_TIMEOUT);
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!"GET".equals(request.getMethod())) {
            // HEAD too: a link previewer must not burn the state or the code.
            failures.send(request, response, Reason.METHOD_NOT_ALLOWED, null);
            return;
        }
        QueryParameters query = QueryParameters.parse(request.getQueryString());
        if (query == null) {
            failures.send(request, response, Reason.MALFORMED_REQUEST, null);
            return;
        }
        for (String name : new String[] {"state", "authCode", "code", "error"}) {
            if (query.isRepeated(name)) {
                failures.send(request, response, Reason.DUPLICATE_PARAMETER, "parameter=" + name);
                return;
            }
        }
        String state = query.get("state");
        String error = emptyToNull(query.get("error"));
        String authCode = emptyToNull(query.get("authCode"));
        String plainCode = emptyToNull(query.get("code"));
        String code = authCode != null ? authCode : plainCode;
        Reason malformed = state == null || state.isBlank() ? Reason.STATE_MISSING
                : !StateTokens.isWellFormed(state) ? Reason.STATE_INVALID
                : authCode != null && plainCode != null && !authCode.equals(plainCode) ? Reason.CODE_CONFLICT
                : error != null && code != null ? Reason.ERROR_WITH_CODE
                : error == null && code == null ? Reason.CODE_MISSING
                : error == null && !CODE.matcher(code).matches() ? Reason.CODE_INVALID
                : null;
        if (malformed != null) {
            failures.send(request, response, malformed, null);
            return;
        }

        HttpSession session = request.getSession(false); // a callback never creates a session
        PendingLogin login = session == null ? null : take(session, state);
        if (login == null) {
            failures.send(request, response, Reason.STATE_UNKNOWN, session == null ? "session=none" : null);
            return;
        }
        if (login.isExpired(clock.instant(), config.stateTtl())) {
            failures.send(request, response, Reason.STATE_EXPIRED, null);
            return;
        }
        if (error != null) {
            failures.send(request, response, Reason.ACCESS_DENIED,
                    "error=" + (PRINTABLE_ERROR.matcher(error).matches() ? error : "unprintable"));
            return;
        }

        DingTalkPrincipal principal;
        try {
            Deadline deadline = Deadline.in(requestTimeout); // one deadline for every call, the organization's too
            AccessGrant grant = client.exchangeCode(code, deadline);
            principal = organization.admit(client.fetchProfile(grant, deadline), grant.corpId(), deadline);
        } catch (DingTalkApiException e) {
            failures.send(request, response, reasonFor(e), e.getMessage());
            return;
        } catch (SignInRefused refused) {
            failures.send(request, response, refused.reason(), refused.detail());
            return;
        }
        try {
            SessionSignIn.signIn(request, session, principal);
        } catch (IllegalStateException sessionEnded) {
            // The session was invalidated meanwhile (a logout in another tab): nothing to sign in to.
            failures.send(request, response, Reason.STATE_UNKNOWN, "session ended during sign-in");
            return;
        }
        LOG.log(Level.INFO, "DingTalk sign-in: unionId=" + principal.getUnionId());
        Responses.redirect(response, HttpServletResponse.SC_SEE_OTHER, request.getContextPath() + login.returnTarget());
    }

    /** Consumes the state whatever happens next, so a failed exchange can never be replayed. */
    private static PendingLogin take(HttpSession session, String state) {
        try {
            if (!(session.getAttribute(PendingLogins.SESSION_ATTRIBUTE) instanceof PendingLogins logins)) {
                return null;
            }
            PendingLogin login = logins.take(state);
            if (login != null) {
                session.setAttribute(PendingLogins.SESSION_ATTRIBUTE, logins);
            }
            return login;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    private static Reason reasonFor(DingTalkApiException e) {
        return switch (e.kind()) {
            case TIMEOUT -> Reason.PROVIDER_TIMEOUT;
            case UNAVAILABLE -> Reason.PROVIDER_UNAVAILABLE;
            case ERROR_STATUS -> Reason.PROVIDER_ERROR;
            case INVALID_RESPONSE -> Reason.INVALID_RESPONSE;
        };
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
