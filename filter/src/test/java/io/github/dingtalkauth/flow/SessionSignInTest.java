package io.github.dingtalkauth.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether the session id changed since the request's cookie named it, as the containers write their cookies. */
class SessionSignInTest {

    @ParameterizedTest
    @CsvSource({
        "4BB528545E22212A, 4BB528545E22212A, false", // Tomcat
        "node01gbd0eux.node0, node01gbd0eux, false", // Jetty adds its node name to the cookie
        "4BB528545E22212A.route1, 4BB528545E22212A.route1, false", // Tomcat with a jvmRoute
        "node01gbd0eux.node0, node01hvzlfcy, true",
        "4BB528545E22212A, C6B06A6F7629FE16, true",
        "node01gbd0euxA.node0, node01gbd0eux, true"})
    void aCookieNamesTheSessionUntilItsIdChanges(String cookie, String id, boolean renewed) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        HttpSession session = mock(HttpSession.class);
        when(request.getSession(false)).thenReturn(session);
        when(request.getRequestedSessionId()).thenReturn(cookie);
        when(session.getId()).thenReturn(id);
        assertEquals(renewed, SessionSignIn.renewedSince(request, AuthSession.existing(request)));
    }
}
