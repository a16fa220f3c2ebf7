package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;

/**
 * Binds a freshly verified principal to the browser. The session id always changes (session fixation); when a
 * different person signs in over an existing sign-in, the old session is dropped whole so that nothing of the first
 * user survives, and only the logins still in flight are carried over.
 */
final class SessionSignIn {
    private SessionSignIn() {
    }

    /** @return the session the user is now signed in on */
    static AuthSession signIn(HttpServletRequest request, AuthSession current, DingTalkPrincipal principal,
                              Instant now) {
        AuthSession session = current;
        DingTalkPrincipal previous = session.principal();
        if (previous != null && !previous.getUnionId().equals(principal.getUnionId())) {
            session = session.replace(request);
        } else {
            request.changeSessionId();
            session.liftPreLoginTimeout(request);
        }
        session.startClock(now); // maxSessionAge counts from here
        session.signInAs(principal);
        return session;
    }
}
