package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;

/**
 * Binds a freshly verified principal to the browser. The session id always changes (session fixation); when a
 * different person signs in over an existing sign-in, the old session is dropped whole so that nothing of the first
 * user survives, and only the logins still in flight are carried over.
 */
final class SessionSignIn {
    private SessionSignIn() {
    }

    static void signIn(HttpServletRequest request, HttpSession current, DingTalkPrincipal principal, Instant now) {
        HttpSession session = current;
        Object previous = session.getAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE);
        if (previous instanceof DingTalkPrincipal p && !p.getUnionId().equals(principal.getUnionId())) {
            PendingLogins inFlight = session.getAttribute(PendingLogins.SESSION_ATTRIBUTE) instanceof PendingLogins l
                    ? l.copy() : null;
            session.invalidate();
            session = request.getSession(true);
            if (inFlight != null && !inFlight.isEmpty()) {
                session.setAttribute(PendingLogins.SESSION_ATTRIBUTE, inFlight);
            }
        } else {
            request.changeSessionId();
            if (session.getAttribute(LoginStarter.PRE_LOGIN_ATTRIBUTE) != null) {
                session.removeAttribute(LoginStarter.PRE_LOGIN_ATTRIBUTE);
                // getSessionTimeout() is in minutes; zero or less means "never", which setMaxInactiveInterval shares.
                int minutes = request.getServletContext().getSessionTimeout();
                session.setMaxInactiveInterval(minutes > 0 ? minutes * 60 : minutes);
            }
        }
        session.setAttribute(SessionTimes.SESSION_ATTRIBUTE, new SessionTimes(now)); // maxSessionAge counts from here
        session.setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, principal);
    }
}
