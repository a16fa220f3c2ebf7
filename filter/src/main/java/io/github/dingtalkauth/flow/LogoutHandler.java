package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import io.github.dingtalkauth.config.DingTalkConfig;
import io.github.dingtalkauth.config.Settings;
import io.github.dingtalkauth.web.Origins;
import io.github.dingtalkauth.web.Responses;
import io.github.dingtalkauth.web.Texts;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * The logout path. {@code POST} ends the session and sends the browser to a fixed place, but only from our own pages
 * (checked with {@code Sec-Fetch-Site} and {@code Origin}), so that an image tag or another site cannot sign people
 * out. {@code GET} (a typed or bookmarked URL, a link) only asks, with a page whose button makes that POST.
 */
public final class LogoutHandler {
    private static final String ALLOW = "GET, POST";

    private final Failures failures;
    private final String target;
    private final String logoutPath;
    private final String configuredOrigin;
    private final Texts texts;

    public LogoutHandler(DingTalkConfig config, Failures failures, Texts texts) {
        this.failures = failures;
        this.texts = texts;
        this.target = config.get(Settings.POST_LOGOUT_REDIRECT);
        this.logoutPath = config.logoutPath();
        URI redirect = config.redirectUri();
        this.configuredOrigin = redirect == null ? null : Origins.of(redirect);
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        switch (request.getMethod()) {
            case "POST" -> signOut(request, response);
            case "GET", "HEAD" -> askFirst(request, response);
            default -> failures.methodNotAllowed(request, response, ALLOW, "logout");
        }
    }

    private void signOut(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (isCrossSite(request)) {
            failures.send(request, response, Reason.CROSS_SITE_LOGOUT, null);
            return;
        }
        AuthSession session = AuthSession.existing(request);
        if (session != null) {
            session.end();
        }
        Responses.redirect(response, HttpServletResponse.SC_SEE_OTHER,
                target.startsWith("/") ? request.getContextPath() + target : target);
    }

    /** Signs nobody out and makes no session. */
    private void askFirst(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthSession session = AuthSession.existing(request);
        DingTalkPrincipal principal = session == null ? null : session.principal();
        String nick = principal == null ? null : principal.getNick();
        String context = request.getContextPath();
        Responses.signOutPage(response, texts.forRequest(request), context + logoutPath, context + ReturnTarget.ROOT,
                nick, !"HEAD".equals(request.getMethod()));
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
