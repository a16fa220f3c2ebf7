package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Binds a freshly verified principal to the browser. The session id always changes (session fixation); when a
 * different person signs in over an existing sign-in, the old session is dropped whole so that nothing of the first
 * user survives. The caller holds the session's
 * {@link SignInLocks sign-in lock}.
 */
final class SessionSignIn {
    private SessionSignIn() {
    }

    /**
     * Signs the person in on this browser's session, created now if it had none (the first session of an anonymous
     * visitor is made here, never before), then lets {@code andThen} add to it; false when the session has ended
     * meanwhile. Two sign-ins of one browser finishing together take turns here, so that the second sees the session
     * id the first gave out.
     */
    static boolean signInLocked(SignInLocks locks, HttpServletRequest request, AuthSession existing,
                                DingTalkPrincipal principal, Instant now, Consumer<AuthSession> andThen) {
        ReentrantLock lock = locks.forSession(request.getRequestedSessionId());
        lock.lock();
        try {
            AuthSession session = existing != null ? existing : AuthSession.forSignIn(request);
            andThen.accept(signIn(request, session, principal, now));
            return true;
        } catch (IllegalStateException sessionEnded) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** @return the session the user is now signed in on */
    static AuthSession signIn(HttpServletRequest request, AuthSession current, DingTalkPrincipal principal,
                              Instant now) {
        AuthSession session = current;
        DingTalkPrincipal previous = session.principal();
        boolean samePerson = previous != null && previous.getUnionId().equals(principal.getUnionId());
        if (samePerson && renewedSince(request, session)) {
            // Another callback of this browser signed this very person in while this one waited on DingTalk, and its
            // answer carries the new session id. Renewing again would kill that cookie, and would protect nothing:
            // the id already changed, and the session gains no one it did not have.
            return session;
        }
        if (previous != null && !samePerson) {
            session = session.replace(request);
        } else {
            request.changeSessionId();
        }
        session.startClock(now); // maxSessionAge counts from here
        session.signInAs(principal);
        return session;
    }

    /**
     * Whether the session's id is no longer the one this request's cookie named. Containers may add a node name to the
     * cookie's value ({@code <id>.node0} on Jetty), so a cookie naming the id followed by a dot names it too.
     */
    static boolean renewedSince(HttpServletRequest request, AuthSession session) {
        String requested = request.getRequestedSessionId();
        String id = session.id();
        if (requested == null || id == null || requested.equals(id)) {
            return false;
        }
        return !(requested.startsWith(id) && requested.charAt(id.length()) == '.');
    }
}
