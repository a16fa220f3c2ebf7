package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.dingtalkauth.DingTalkPrincipal;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The session attributes of the filter: re-set after every change, and empty (not failing) once a session ended. */
class AuthSessionTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration TTL = Duration.ofMinutes(10);
    static final DingTalkPrincipal ALICE = new DingTalkPrincipal("alice", null, "Alice", null, null, null, null, null);

    private final HttpSession session = mock(HttpSession.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);

    private AuthSession existing() {
        when(request.getSession(false)).thenReturn(session);
        return AuthSession.existing(request);
    }

    private static PendingLogins pendingWith(String state, String target) {
        PendingLogins logins = new PendingLogins();
        logins.add(state, new PendingLogin(target, T0), 8, T0, TTL);
        return logins;
    }

    @Test
    void aRequestWithoutASessionHasNoAuthSessionAndGetsNone() {
        assertNull(AuthSession.existing(request));
        verify(request, never()).getSession(true);
    }

    @Test
    void takingALoginSetsThePendingLoginsAgainForReplicatedSessions() {
        PendingLogins logins = pendingWith("s1", "/a");
        when(session.getAttribute(AuthSession.PENDING_ATTRIBUTE)).thenReturn(logins);
        assertEquals("/a", existing().takePending("s1").returnTarget());
        verify(session).setAttribute(AuthSession.PENDING_ATTRIBUTE, logins);
    }

    @Test
    void takingAnUnknownStateWritesNothing() {
        when(session.getAttribute(AuthSession.PENDING_ATTRIBUTE)).thenReturn(pendingWith("s1", "/a"));
        assertNull(existing().takePending("s2"));
        verify(session, never()).setAttribute(anyString(), any());
    }

    @Test
    void recordingAFinishedLoginSetsItAgainForReplicatedSessions() {
        FinishedLogins finished = new FinishedLogins();
        when(session.getAttribute(AuthSession.FINISHED_ATTRIBUTE)).thenReturn(finished);
        existing().recordFinished("s1", "/a");
        verify(session).setAttribute(AuthSession.FINISHED_ATTRIBUTE, finished);
        assertEquals("/a", finished.targetOf("s1"));
    }

    @Test
    void readsOfAnEndedSessionAreEmpty() {
        when(session.getAttribute(anyString())).thenThrow(new IllegalStateException("invalidated"));
        AuthSession ended = existing();
        assertNull(ended.principal());
        assertNull(ended.takePending("s1"));
        assertNull(ended.finishedTarget("s1"));
    }

    @Test
    void aLoginTakenAsTheSessionEndsCountsAsUnknown() {
        when(session.getAttribute(AuthSession.PENDING_ATTRIBUTE)).thenReturn(pendingWith("s1", "/a"));
        doThrow(new IllegalStateException("invalidated")).when(session).setAttribute(anyString(), any());
        assertNull(existing().takePending("s1"));
    }

    @Test
    void endingASessionThatHasAlreadyEndedIsFine() {
        doThrow(new IllegalStateException("invalidated")).when(session).invalidate();
        assertDoesNotThrow(existing()::end);
    }

    @Test
    void aSessionMadeForALoginIdlesOutAfterTheStateLifetime() {
        when(request.getSession(true)).thenReturn(session);
        when(session.isNew()).thenReturn(true);
        AuthSession.forLogin(request, TTL);
        verify(session).setMaxInactiveInterval(600);
        verify(session).setAttribute(AuthSession.PRE_LOGIN_ATTRIBUTE, Boolean.TRUE);
    }

    @Test
    void aSessionTheApplicationMadeKeepsItsTimeout() {
        when(request.getSession(true)).thenReturn(session);
        when(session.isNew()).thenReturn(false);
        AuthSession.forLogin(request, TTL);
        verify(session, never()).setMaxInactiveInterval(600);
        verify(session, never()).setAttribute(anyString(), any());
    }

    @Test
    void signingInOnALoginSessionGivesItTheApplicationsTimeout() {
        ServletContext context = mock(ServletContext.class);
        when(context.getSessionTimeout()).thenReturn(0); // "never", in both units
        when(request.getServletContext()).thenReturn(context);
        when(session.getAttribute(AuthSession.PRE_LOGIN_ATTRIBUTE)).thenReturn(Boolean.TRUE);
        existing().liftPreLoginTimeout(request);
        verify(session).removeAttribute(AuthSession.PRE_LOGIN_ATTRIBUTE);
        verify(session).setMaxInactiveInterval(0);
    }

    @Test
    void replacingASessionCarriesOnlyTheLoginsInFlight() {
        HttpSession fresh = mock(HttpSession.class);
        when(request.getSession(true)).thenReturn(fresh);
        when(session.getAttribute(AuthSession.PENDING_ATTRIBUTE)).thenReturn(pendingWith("s2", "/b"));
        when(session.getAttribute(AuthSession.PRINCIPAL_ATTRIBUTE)).thenReturn(ALICE);
        when(session.getAttribute(AuthSession.FINISHED_ATTRIBUTE)).thenReturn(new FinishedLogins());
        existing().replace(request);
        verify(session).invalidate();
        verify(fresh).setAttribute(eq(AuthSession.PENDING_ATTRIBUTE),
                any(PendingLogins.class));
        verify(fresh, never()).setAttribute(eq(AuthSession.PRINCIPAL_ATTRIBUTE), any());
        verify(fresh, never()).setAttribute(eq(AuthSession.FINISHED_ATTRIBUTE), any());
    }

    @Test
    void finishedLoginsForgetTheOldestBeyondTheirBound() {
        FinishedLogins finished = new FinishedLogins();
        for (int i = 0; i <= FinishedLogins.MAX; i++) {
            finished.add("s" + i, "/p" + i);
        }
        assertEquals(FinishedLogins.MAX, finished.size());
        assertNull(finished.targetOf("s0"));
        assertEquals("/p" + FinishedLogins.MAX, finished.targetOf("s" + FinishedLogins.MAX));
    }

    @Test
    void finishedLoginsSurviveSerializationAsAReplicatedSessionNeeds() throws Exception {
        FinishedLogins finished = new FinishedLogins();
        finished.add("s1", "/a");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(finished);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals("/a", ((FinishedLogins) in.readObject()).targetOf("s1"));
        }
    }
}
