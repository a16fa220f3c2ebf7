package io.github.dingtalkauth.support;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The session store and ServletContext of one web application, shared by the {@link Browser}s that visit it. */
public final class FakeContainer {
    private final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final ServletContext context = mock(ServletContext.class);
    private final String contextPath;

    public FakeContainer() {
        this("");
    }

    public FakeContainer(String contextPath) {
        this.contextPath = contextPath;
        SessionCookieConfig cookies = mock(SessionCookieConfig.class);
        when(cookies.getAttribute("SameSite")).thenReturn("Lax");
        when(context.getSessionCookieConfig()).thenReturn(cookies);
        when(context.getSessionTimeout()).thenReturn(30);
        when(context.getContextPath()).thenReturn(contextPath);
        when(context.getResourceAsStream(anyString())).thenReturn(null);
    }

    public ServletContext context() {
        return context;
    }

    public String contextPath() {
        return contextPath;
    }

    public Browser browser() {
        return new Browser(this);
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** The live session with this id, or null. */
    public FakeSession session(String id) {
        return id == null ? null : sessions.get(id);
    }

    FakeSession create() {
        String id = newId();
        FakeSession session = new FakeSession(this, id);
        sessions.put(id, session);
        return session;
    }

    String changeId(FakeSession session) {
        sessions.remove(session.id);
        session.id = newId();
        sessions.put(session.id, session);
        return session.id;
    }

    void remove(FakeSession session) {
        sessions.remove(session.id, session);
    }

    private String newId() {
        return "SID" + counter.incrementAndGet();
    }
}
