package io.github.dingtalkauth.web;

import io.github.dingtalkauth.DingTalkLinks;
import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * How the application sees a signed-in user: the standard servlet calls answer with the DingTalk identity, and the
 * programmatic security calls ({@link #logout}, {@link #authenticate}, {@link #login}) act on the filter's sign-in
 * rather than on a container login the application never configured (Tomcat ignores {@code logout()} then, and
 * Jetty fails with a 500). It also answers the {@link DingTalkLinks} request attribute itself rather than setting it on
 * the container's request: on Jetty the first attribute of a request allocates its attribute map, a cost the
 * signed-in path does not need to pay.
 */
public final class SignedInRequest extends HttpServletRequestWrapper {
    public static final String AUTH_TYPE = "DINGTALK";

    private static final String LINKS = DingTalkLinks.REQUEST_ATTRIBUTE;

    private final DingTalkPrincipal principal;
    private final DingTalkLinks links;
    private boolean signedOut; // one request, one thread: set by logout() for the rest of this request

    /** @param links the sign-in and sign-out links, answered as the request attribute unless the app set its own */
    public SignedInRequest(HttpServletRequest request, DingTalkPrincipal principal, DingTalkLinks links) {
        super(request);
        this.principal = principal;
        this.links = links;
    }

    @Override
    public Object getAttribute(String name) {
        Object value = super.getAttribute(name);
        return value == null && LINKS.equals(name) ? links : value;
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        List<String> names = Collections.list(super.getAttributeNames());
        if (links != null && !names.contains(LINKS)) {
            names = new ArrayList<>(names);
            names.add(LINKS);
        }
        return Collections.enumeration(names);
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
