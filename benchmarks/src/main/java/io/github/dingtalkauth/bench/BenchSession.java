package io.github.dingtalkauth.bench;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal in-memory session. {@link #renew()} turns the same object into a brand-new session, so that a scenario
 * that creates a session on every call measures the filter, not the fake: what remains of the fake's own cost is one
 * {@link HashMap} entry per attribute set (32 bytes each).
 */
final class BenchSession implements HttpSession {
    private final ServletContext context;
    private final Map<String, Object> attributes = new HashMap<>();
    private boolean isNew;
    private boolean valid = true;
    private int maxInactiveInterval = 1800;
    private long generation;

    BenchSession(ServletContext context) {
        this.context = context;
    }

    BenchSession renew() {
        attributes.clear();
        isNew = true;
        valid = true;
        maxInactiveInterval = 1800;
        generation++;
        return this;
    }

    /** An existing session (not new), e.g. of a signed-in user. */
    BenchSession established() {
        renew();
        isNew = false;
        return this;
    }

    private void check() {
        if (!valid) {
            throw new IllegalStateException("session invalidated");
        }
    }

    @Override
    public Object getAttribute(String name) {
        check();
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        check();
        attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        check();
        attributes.remove(name);
    }

    @Override
    public boolean isNew() {
        check();
        return isNew;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        maxInactiveInterval = interval;
    }

    @Override
    public int getMaxInactiveInterval() {
        return maxInactiveInterval;
    }

    @Override
    public void invalidate() {
        check();
        valid = false;
    }

    @Override
    public String getId() {
        return "BENCH-SESSION";
    }

    @Override
    public long getCreationTime() {
        return generation;
    }

    @Override
    public long getLastAccessedTime() {
        return generation;
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }
}
