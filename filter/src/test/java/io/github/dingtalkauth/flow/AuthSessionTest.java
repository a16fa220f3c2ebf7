package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The session attributes of the filter: re-set after every change, and empty (not failing) once a session ended. */
class AuthSessionTest {
    static final DingTalkPrincipal ALICE = new DingTalkPrincipal("alice", null, "Alice", null, null, null, null, null);

    private final HttpSession session = mock(HttpSession.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);

    private AuthSession existing() {
        when(request.getSession(false)).thenReturn(session);
        return AuthSession.existing(request);
    }

    @Test
    void aRequestWithoutASessionHasNoAuthSessionAndGetsNone() {
        assertNull(AuthSession.existing(request));
        verify(request, never()).getSession(true);
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
        assertNull(ended.finishedTarget("s1"));
    }

    @Test
    void endingASessionThatHasAlreadyEndedIsFine() {
        doThrow(new IllegalStateException("invalidated")).when(session).invalidate();
        assertDoesNotThrow(existing()::end);
    }

    @Test
    void replacingASessionCarriesNothingOver() {
        HttpSession fresh = mock(HttpSession.class);
        when(request.getSession(true)).thenReturn(fresh);
        when(session.getAttribute(AuthSession.PRINCIPAL_ATTRIBUTE)).thenReturn(ALICE);
        when(session.getAttribute(AuthSession.FINISHED_ATTRIBUTE)).thenReturn(new FinishedLogins());
        existing().replace(request);
        verify(session).invalidate();
        verify(fresh, never()).setAttribute(anyString(), any());
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

    @Test
    void finishedLoginsSerializeAsTextsInOrderWithoutTheMapsDescriptors() throws Exception {
        FinishedLogins finished = new FinishedLogins();
        for (int i = 0; i < FinishedLogins.MAX; i++) {
            finished.add("s" + i, "/p" + i);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(finished);
        }
        assertFalse(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains("HashMap"));
        FinishedLogins copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FinishedLogins) in.readObject();
        }
        copy.add("new", "/new");
        assertNull(copy.targetOf("s0"), "the oldest is still the first forgotten");
        assertEquals("/p1", copy.targetOf("s1"));
        assertEquals(FinishedLogins.MAX, copy.size());
    }
}
