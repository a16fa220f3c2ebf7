package io.github.dingtalkauth.web;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;

/**
 * How the application sees a signed-in user: the standard servlet calls answer with the DingTalk identity, and the
 * programmatic security calls ({@link #logout}, {@link #authenticate}, {@link #login}) act on the filter's sign-in
 * rather than on a container login the application never configured (Tomcat ignores {@code logout()} then, and
 * Jetty fails with a 500).
 */
public final class SignedInRequest extends HttpServletRequestWrapper {
    public static final String AUTH_TYPE = "DINGTALK";

    private final DingTalkPrincipal principal;
    private boolean signedOut; // one request, one thread: set by logout() for the rest of this request

    public SignedInRequest(HttpServletRequest request, DingTalkPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return signedOut ? null : principal;
    }

    @Override
    public String getRemoteUser() {
        return signedOut ? null : principal.getName();
    }

    @Override
    public String getAuthType() {
        return signedOut ? null : AUTH_TYPE;
    }

    /** The roles the {@code role.*} rules gave this person at sign-in. */
    @Override
    public boolean isUserInRole(String role) {
        return !signedOut && role != null && principal.getRoles().contains(role);
    }

    /**
     * Signs the user out as the logout path does: the session ends, and from now on this request has no user. The
     * application decides where the browser goes next.
     */
    @Override
    public void logout() {
        signedOut = true;
        HttpSession session = getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // another request ended it first: the outcome is the same
            }
        }
    }

    /** True while signed in; after {@link #logout} a 401, as the filter answers anyone who is not signed in. */
    @Override
    public boolean authenticate(HttpServletResponse response) throws IOException {
        if (!signedOut) {
            return true;
        }
        if (!response.isCommitted()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
        return false;
    }

    /** DingTalk sign-in has no passwords: people sign in by being sent to the login path. */
    @Override
    public void login(String username, String password) throws ServletException {
        throw new ServletException("DingTalk sign-in takes no user name and password;"
                + " send the browser to the filter's login path instead");
    }
}
