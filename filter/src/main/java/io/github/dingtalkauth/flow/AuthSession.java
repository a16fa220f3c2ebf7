package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;

/**
 * The filter's state in the {@link HttpSession}, and the only code of the flow that reads or writes it: where the
 * last finished logins went, the signed-in principal and its times. Logins in flight are not here but in the
 * browser ({@link PendingLoginCookies}): a session exists only from sign-in on.
 *
 * <p>Two rules hold for every attribute. A value changed in place is set again, so that a replicated session sees the
 * change. A session invalidated meanwhile (a logout in another tab) reads as empty instead of throwing; writing to it
 * still throws {@link IllegalStateException}, and the caller decides what that means.
 */
public final class AuthSession {
    /** Where the last finished logins went ({@link FinishedLogins}), for the Back button. */
    public static final String FINISHED_ATTRIBUTE = "io.github.dingtalkauth.finished";
    /** When the user signed in and was last re-checked ({@link SessionTimes}), for maxSessionAge and memberRecheck. */
    public static final String TIMES_ATTRIBUTE = "io.github.dingtalkauth.sessionTimes";
    /** The signed-in user: public API, applications read it under this name too. */
    public static final String PRINCIPAL_ATTRIBUTE = DingTalkPrincipal.SESSION_ATTRIBUTE;

    private final HttpSession session;

    private AuthSession(HttpSession session) {
        this.session = session;
    }

    /** The request's session; null when it has none. Never creates one. */
    static AuthSession existing(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : new AuthSession(session);
    }

    /** The session to sign in on: the browser's own, or a new one (the first an anonymous visitor gets). */
    static AuthSession forSignIn(HttpServletRequest request) {
        return new AuthSession(request.getSession(true));
    }

    /** The session's id as the container now knows it: it changes at every sign-in. Never logged. */
    String id() {
        return session.getId();
    }

    /** The signed-in user; null when nobody is signed in on this session or it has ended. */
    DingTalkPrincipal principal() {
        return read(PRINCIPAL_ATTRIBUTE, DingTalkPrincipal.class);
    }

    void signInAs(DingTalkPrincipal principal) {
        session.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
    }

    /** Starts the clocks of maxSessionAge and memberRecheck. */
    void startClock(Instant now) {
        session.setAttribute(TIMES_ATTRIBUTE, new SessionTimes(now));
    }

    /** The session's sign-in times; null when none were kept (signed in by an older version) or it has ended. */
    SessionTimes times() {
        return read(TIMES_ATTRIBUTE, SessionTimes.class);
    }

    /**
     * Stores the times again after a change, so that a replicated or persisted session sees it.
     *
     * @return false when the session has ended meanwhile
     */
    boolean storeTimes(SessionTimes times) {
        try {
            session.setAttribute(TIMES_ATTRIBUTE, times);
            return true;
        } catch (IllegalStateException ended) {
            return false;
        }
    }

    /** Remembers where the login with this (now spent) state went. */
    void recordFinished(String state, String returnTarget) {
        FinishedLogins finished = read(FINISHED_ATTRIBUTE, FinishedLogins.class);
        if (finished == null) {
            finished = new FinishedLogins();
        }
        finished.add(state, returnTarget);
        session.setAttribute(FINISHED_ATTRIBUTE, finished);
    }

    /** Where the finished login with this state went; null when that is not known (any more). */
    String finishedTarget(String state) {
        FinishedLogins finished = read(FINISHED_ATTRIBUTE, FinishedLogins.class);
        return finished == null ? null : finished.targetOf(state);
    }

    /**
     * Ends this session and starts a fresh one: when a different person signs in, nothing of the first one survives
     * (the other logins in flight live in the browser's cookies, so they survive too).
     */
    AuthSession replace(HttpServletRequest request) {
        session.invalidate();
        return new AuthSession(request.getSession(true));
    }

    /** Ends the session; one that has already ended is fine. */
    void end() {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalid) {
            // nothing left to end
        }
    }

    private <T> T read(String name, Class<T> type) {
        try {
            Object value = session.getAttribute(name);
            return type.isInstance(value) ? type.cast(value) : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
