package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.Origins;
import io.github.dingtalkauth.web.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * {@code POST logoutPath}: ends the session and sends the browser to a fixed place. Only POST, and only from our own
 * pages (checked with {@code Sec-Fetch-Site} and {@code Origin}), so that an image tag or another site cannot sign
 * people out.
 */
public final class LogoutHandler {
    private final Failures failures;
    private final String target;
    private final String configuredOrigin;

    public LogoutHandler(DingTalkConfig config, Failures failures) {
        this.failures = failures;
        this.target = config.get(Settings.POST_LOGOUT_REDIRECT);
        URI redirect = config.redirectUri();
        this.configuredOrigin = redirect == null ? null : Origins.of(redirect.getScheme(), redirect.getHost(), redirect.getPort());
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            failures.send(request, response, Reason.METHOD_NOT_ALLOWED, "logout");
            return;
        }
        if (isCrossSite(request)) {
            failures.send(request, response, Reason.CROSS_SITE_LOGOUT, null);
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing left to end
            }
        }
        Responses.redirect(response, HttpServletResponse.SC_SEE_OTHER,
                target.startsWith("/") ? request.getContextPath() + target : target);
    }

    private boolean isCrossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false; // older browsers send none on same-origin form posts; SameSite=Lax keeps the cookie off cross-site POSTs
        }
        String own = Origins.of(request.getScheme(), request.getServerName(), request.getServerPort());
        String claimed = origin.toLowerCase(Locale.ROOT);
        return !claimed.equals(own) && !claimed.equals(configuredOrigin);
    }
}
