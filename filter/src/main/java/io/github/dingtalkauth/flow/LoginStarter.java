package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.Decoding;
import io.github.dingtalkauth.web.Origins;
import io.github.dingtalkauth.web.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends the browser to DingTalk's authorization page after recording a {@link PendingLogin} under a fresh state in
 * the session. This is the only place the filter creates a session (a sign-in may replace one).
 */
public final class LoginStarter {
    private final DingTalkConfig config;
    private final StateTokens states;
    private final Clock clock;
    private final SignInMode mode;
    private final String configuredRedirect;

    public LoginStarter(DingTalkConfig config, SignInMode mode, StateTokens states, Clock clock) {
        this.config = config;
        this.states = states;
        this.clock = clock;
        this.mode = mode; // the authorize URL of the configured flow
        this.configuredRedirect = config.redirectUri() == null ? null : encode(config.redirectUri().toString());
    }

    /** {@code GET loginPath?returnTo=…}: the explicit way in. Anything but a safe local path returns to the root. */
    public void startExplicit(HttpServletRequest request, HttpServletResponse response) {
        String target = ReturnTarget.of(request.getParameter("returnTo"))
                .filter(t -> !isOwnPath(t))
                .orElse(ReturnTarget.ROOT);
        start(request, response, target);
    }

    /** An unauthenticated navigation to a protected page: come back to that very page. */
    public void startFor(HttpServletRequest request, HttpServletResponse response) {
        String query = request.getQueryString();
        String requested = request.getRequestURI().substring(request.getContextPath().length())
                + (query == null ? "" : "?" + query);
        start(request, response, ReturnTarget.of(requested).filter(t -> !isOwnPath(t)).orElse(ReturnTarget.ROOT));
    }

    private void start(HttpServletRequest request, HttpServletResponse response, String target) {
        Instant now = clock.instant();
        Duration ttl = config.stateTtl();
        String state = states.next();
        PendingLogin login = new PendingLogin(target, now);
        int max = config.get(Settings.MAX_PENDING_LOGINS);
        try {
            AuthSession.forLogin(request, ttl).addPending(state, login, max, now, ttl);
        } catch (IllegalStateException endedMeanwhile) {
            // A logout in another tab ended the session between getting it and writing to it (its message would carry
            // the dead session id into a 500 page). That session is gone, so this one is new and nobody else's.
            AuthSession.forLogin(request, ttl).addPending(state, login, max, now, ttl);
        }
        String encodedRedirect = configuredRedirect != null ? configuredRedirect : encode(redirectUri(request));
        Responses.redirect(response, HttpServletResponse.SC_FOUND, mode.authorizeUrl(encodedRedirect, state));
    }

    /** The configured redirect URI, else one derived from the request (only as trustworthy as the Host header). */
    public String redirectUri(HttpServletRequest request) {
        URI configured = config.redirectUri();
        if (configured != null) {
            return configured.toString();
        }
        return Origins.of(request.getScheme(), request.getServerName(), request.getServerPort())
                + request.getContextPath() + config.callbackPath();
    }

    private boolean isOwnPath(String target) {
        int query = target.indexOf('?');
        String raw = query < 0 ? target : target.substring(0, query);
        String path = Decoding.percent(raw, false); // so that /dingtalk/logi%6E is the login path too
        return path == null || path.equals(config.loginPath()) || path.equals(config.callbackPath())
                || path.equals(config.logoutPath());
    }

    private static String encode(String s) {
        return AuthorizeQuery.encode(s);
    }
}
