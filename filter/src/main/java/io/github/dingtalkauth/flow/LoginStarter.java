package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.LoginPage;
import io.github.dingtalkauth.config.RateLimit;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.Decoding;
import io.github.dingtalkauth.web.Origins;
import io.github.dingtalkauth.web.RequestKind;
import io.github.dingtalkauth.web.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/**
 * Records a {@link PendingLogin} under a fresh state in a cookie of this browser ({@link PendingLoginCookies}), then
 * lets the browser in the way {@code loginPage} says: to DingTalk's authorization page, or to the filter's QR page.
 * Starting a login creates no session and keeps nothing on the server. With {@code loginRateLimit}, a client address
 * past its limit gets 429 instead.
 *
 * <p>{@code GET loginPath} also answers two explicit requests in either {@code loginPage} mode: {@code ?mode=redirect}
 * always redirects (the QR page's way out), and {@code Accept: application/json} answers the QR parameters for a
 * page the application draws itself (404 when the flow or the organization settings rule DTFrameLogin out).
 */
public final class LoginStarter {
    /** Addresses the rate limit tracks per window; a flood from more than this many is limited as a whole. */
    static final int MAX_TRACKED_ADDRESSES = 10_000;
    /** {@code loginPath?mode=redirect}: straight to DingTalk whatever {@code loginPage} says. */
    static final String REDIRECT_MODE = "redirect";
    static final String QR_UNAVAILABLE_BODY = "{\"error\":\"qr_login_unavailable\"}";

    private final DingTalkConfig config;
    private final Failures failures;
    private final LoginRateLimiter limiter; // null: no loginRateLimit
    private final StateTokens states;
    private final Clock clock;
    private final String configuredRedirect;
    private final PendingLoginCookies pending;
    private final LoginEntrance redirect;
    private final LoginEntrance entrance; // loginPage: redirect or the QR page
    private final LoginEntrance json; // null: DTFrameLogin is not possible with these settings

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
        this.configuredRedirect = config.redirectUri() == null ? null : encode(config.redirectUri().toString());
        this.redirect = (request, response, login) -> Responses.redirect(response, HttpServletResponse.SC_FOUND,
                mode.authorizeUrl(configuredRedirect != null ? configuredRedirect : encode(login.redirectUri()),
                        login.state()));
        FrameLogin frame = config.frameLoginPossible() ? new FrameLogin(config) : null;
        this.entrance = config.get(Settings.LOGIN_PAGE) == LoginPage.QR ? frame.page(failures) : redirect;
        this.json = frame == null ? null : frame.json();
    }

    /** {@code GET loginPath?returnTo=…}: the explicit way in. Anything but a safe local path returns to the root. */
    public void startExplicit(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String target = ReturnTarget.of(request.getParameter("returnTo"))
                .filter(t -> !isOwnPath(t))
                .orElse(ReturnTarget.ROOT);
        if (REDIRECT_MODE.equals(request.getParameter("mode"))) {
            start(request, response, target, redirect);
        } else if (RequestKind.prefersJson(request)) {
            if (json == null) {
                Responses.json(response, HttpServletResponse.SC_NOT_FOUND, QR_UNAVAILABLE_BODY);
            } else {
                start(request, response, target, json);
            }
        } else {
            start(request, response, target, entrance);
        }
    }

    /** An unauthenticated navigation to a protected page: come back to that very page. */
    public void startFor(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        start(request, response, returnTargetOf(request), entrance);
    }

    /** Where a sign-in started by this navigation comes back to: the page asked for, never one of the filter's own. */
    String returnTargetOf(HttpServletRequest request) {
        String query = request.getQueryString();
        String requested = request.getRequestURI().substring(request.getContextPath().length())
                + (query == null ? "" : "?" + query);
        return ReturnTarget.of(requested).filter(t -> !isOwnPath(t)).orElse(ReturnTarget.ROOT);
    }

    private void start(HttpServletRequest request, HttpServletResponse response, String target, LoginEntrance way)
            throws IOException, ServletException {
        if (limiter != null && !limiter.tryStart(clientAddress(request))) {
            failures.rateLimited(request, response, limiter.retryAfterSeconds());
            return;
        }
        String state = states.next();
        pending.issue(request, response, state, new PendingLogin(target, clock.instant()));
        way.enter(request, response,
                new StartedLogin(state, redirectUri(request), target, fallbackUrl(request, target)));
    }

    /** {@code loginPath?mode=redirect&returnTo=…}: the same login as a plain redirect to DingTalk. */
    private String fallbackUrl(HttpServletRequest request, String target) {
        return request.getContextPath() + config.loginPath() + "?mode=" + REDIRECT_MODE
                + (target.equals(ReturnTarget.ROOT) ? "" : "&returnTo=" + encode(target));
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
