package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.RateLimit;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.Decoding;
import io.github.dingtalkauth.web.Origins;
import io.github.dingtalkauth.web.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/**
 * Sends the browser to DingTalk's authorization page after recording a {@link PendingLogin} under a fresh state in
 * a cookie of this browser ({@link PendingLoginCookies}): starting a login creates no session and keeps nothing on
 * the server. With {@code loginRateLimit}, a client address past its limit gets 429 instead.
 */
public final class LoginStarter {
    /** Addresses the rate limit tracks per window; a flood from more than this many is limited as a whole. */
    static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final DingTalkConfig config;
    private final Failures failures;
    private final LoginRateLimiter limiter; // null: no loginRateLimit
    private final StateTokens states;
    private final Clock clock;
    private final SignInMode mode;
    private final String configuredRedirect;
    private final PendingLoginCookies pending;

    public LoginStarter(DingTalkConfig config, SignInMode mode, StateTokens states, Clock clock,
                        Failures failures, PendingLoginCookies pending) {
        this.pending = pending;
        this.config = config;
        this.failures = failures;
        RateLimit limit = config.get(Settings.LOGIN_RATE_LIMIT);
        this.limiter = limit == null ? null
                : new LoginRateLimiter(limit.count(), limit.window(), MAX_TRACKED_ADDRESSES, System::nanoTime);
        this.states = states;
        this.clock = clock;
        this.mode = mode; // the authorize URL of the configured flow
        this.configuredRedirect = config.redirectUri() == null ? null : encode(config.redirectUri().toString());
    }

    /** {@code GET loginPath?returnTo=…}: the explicit way in. Anything but a safe local path returns to the root. */
    public void startExplicit(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String target = ReturnTarget.of(request.getParameter("returnTo"))
                .filter(t -> !isOwnPath(t))
                .orElse(ReturnTarget.ROOT);
        start(request, response, target);
    }

    /** An unauthenticated navigation to a protected page: come back to that very page. */
    public void startFor(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String query = request.getQueryString();
        String requested = request.getRequestURI().substring(request.getContextPath().length())
                + (query == null ? "" : "?" + query);
        start(request, response, ReturnTarget.of(requested).filter(t -> !isOwnPath(t)).orElse(ReturnTarget.ROOT));
    }

    private void start(HttpServletRequest request, HttpServletResponse response, String target)
            throws IOException, ServletException {
        if (limiter != null && !limiter.tryStart(clientAddress(request))) {
            failures.rateLimited(request, response, limiter.retryAfterSeconds());
            return;
        }
        String state = states.next();
        pending.issue(request, response, state, new PendingLogin(target, clock.instant()));
        String encodedRedirect = configuredRedirect != null ? configuredRedirect : encode(redirectUri(request));
        Responses.redirect(response, HttpServletResponse.SC_FOUND, mode.authorizeUrl(encodedRedirect, state));
    }

    /**
     * The address the container names: behind a reverse proxy that is the proxy's own, unless the container resolves
     * forwarded headers (Tomcat's RemoteIpValve, Jetty's ForwardedRequestCustomizer), and then one limit is shared by
     * everyone behind the proxy.
     */
    private static String clientAddress(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null ? "" : address;
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
