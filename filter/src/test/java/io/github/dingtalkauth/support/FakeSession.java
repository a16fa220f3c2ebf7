package io.github.dingtalkauth.support;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** An in-memory HttpSession that behaves like a container's: invalidation makes every call fail. */
public final class FakeSession implements HttpSession {
    private final FakeContainer container;
    private final long created = System.currentTimeMillis();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    String id;
    boolean isNew = true;
    private boolean valid = true;
    private int maxInactiveInterval = 1800;
    private boolean endOnNextWrite;

    FakeSession(FakeContainer container, String id) {
        this.container = container;
        this.id = id;
    }

    /** Makes the next write find the session ended, as when another request invalidated it just before. */
    public synchronized void endOnNextWrite() {
        endOnNextWrite = true;
    }

    public boolean isValid() {
        return valid;
    }

    private void check() {
        if (!valid) {
            throw new IllegalStateException("session invalidated");
        }
    }

    @Override
    public long getCreationTime() {
        check();
        return created;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public long getLastAccessedTime() {
        check();
        return created;
    }

    @Override
    public ServletContext getServletContext() {
        return container.context();
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
    public synchronized Object getAttribute(String name) {
        check();
        return attributes.get(name);
    }

    @Override
    public synchronized Enumeration<String> getAttributeNames() {
        check();
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public synchronized void setAttribute(String name, Object value) {
        check();
        if (endOnNextWrite) {
            // another request (a logout in another tab) got there first
            invalidate();
            check();
        }
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public synchronized void removeAttribute(String name) {
        check();
        attributes.remove(name);
    }

    @Override
    public synchronized void invalidate() {
        check();
        valid = false;
        container.remove(this);
    }

    @Override
    public boolean isNew() {
        check();
        return isNew;
    }
}
