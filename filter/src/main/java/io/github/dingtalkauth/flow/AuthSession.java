package io.github.dingtalkauth.flow;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;

/**
 * The filter's state in the {@link HttpSession}, and the only code of the flow that reads or writes it: the logins in
 * flight, where the last finished ones went, the signed-in principal, and the mark of a session made only for a login.
 *
 * <p>Two rules hold for every attribute. A value changed in place is set again, so that a replicated session sees the
 * change. A session invalidated meanwhile (a logout in another tab) reads as empty instead of throwing; writing to it
 * still throws {@link IllegalStateException}, and the caller decides what that means.
 */
public final class AuthSession {
    /** The logins in flight ({@link PendingLogins}). */
    public static final String PENDING_ATTRIBUTE = "io.github.dingtalkauth.pending";
    /** Where the last finished logins went ({@link FinishedLogins}), for the Back button. */
    public static final String FINISHED_ATTRIBUTE = "io.github.dingtalkauth.finished";
    /** Marks a session the filter created for a login, whose short idle timeout is lifted at sign-in. */
    public static final String PRE_LOGIN_ATTRIBUTE = "io.github.dingtalkauth.preLogin";
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

    /**
     * The session to record a login in, created if need be. A session made for a login should not outlive the login
     * by much, so it idles out after {@code ttl} until someone signs in on it.
     */
    static AuthSession forLogin(HttpServletRequest request, Duration ttl) {
        HttpSession session = request.getSession(true);
        if (session.isNew()) {
            session.setMaxInactiveInterval((int) Math.max(1, ttl.toSeconds()));
            session.setAttribute(PRE_LOGIN_ATTRIBUTE, Boolean.TRUE);
        }
        return new AuthSession(session);
    }

    /** The session's id as the container now knows it: it changes at every sign-in. Never logged. */
    String id() {
        return session.getId();
    }

    void addPending(String state, PendingLogin login, int max, Instant now, Duration ttl) {
        PendingLogins logins = read(PENDING_ATTRIBUTE, PendingLogins.class);
        if (logins == null) {
            logins = new PendingLogins();
        }
        logins.add(state, login, max, now, ttl);
        session.setAttribute(PENDING_ATTRIBUTE, logins);
    }

    /** Whether a login is in flight under this state; false when the session has ended. Spends nothing. */
    boolean holdsPending(String state) {
        PendingLogins logins = read(PENDING_ATTRIBUTE, PendingLogins.class);
        return logins != null && logins.contains(state);
    }

    /** Removes and returns the login for this state; null when there is none or the session has ended. */
    PendingLogin takePending(String state) {
        PendingLogins logins = read(PENDING_ATTRIBUTE, PendingLogins.class);
        PendingLogin login = logins == null ? null : logins.take(state);
        if (login == null) {
            return null;
        }
        try {
            session.setAttribute(PENDING_ATTRIBUTE, logins);
            return login;
        } catch (IllegalStateException invalidated) {
            return null;
        }
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
     * Ends this session and starts a fresh one that carries only the logins still in flight: when a different person
     * signs in, nothing of the first one survives.
     */
    AuthSession replace(HttpServletRequest request) {
        PendingLogins pending = read(PENDING_ATTRIBUTE, PendingLogins.class);
        PendingLogins inFlight = pending == null ? null : pending.copy();
        session.invalidate();
        HttpSession fresh = request.getSession(true);
        if (inFlight != null && !inFlight.isEmpty()) {
            fresh.setAttribute(PENDING_ATTRIBUTE, inFlight);
        }
        return new AuthSession(fresh);
    }

    /** Gives a session made for a login the application's own idle timeout, now that someone signed in on it. */
    void liftPreLoginTimeout(HttpServletRequest request) {
        if (read(PRE_LOGIN_ATTRIBUTE, Boolean.class) != null) {
            session.removeAttribute(PRE_LOGIN_ATTRIBUTE);
            // getSessionTimeout() is in minutes; zero or less means "never", which setMaxInactiveInterval shares.
            int minutes = request.getServletContext().getSessionTimeout();
            session.setMaxInactiveInterval(minutes > 0 ? minutes * 60 : minutes);
        }
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
