package io.github.dingtalkauth.flow;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The logins one browser session has in flight, keyed by {@code state}. Bounded, so that a script hammering the
 * login URL cannot grow a session without limit (CVE-2021-22119); keyed per state, so that two tabs can sign in at
 * once; and {@link #take} removes exactly the entry asked for, so that a forged callback cannot wipe the others
 * (the mistake of clearing the whole map on every callback). {@link AuthSession} keeps it in the session.
 *
 * <p>Methods lock this object, not the session: the map is the only shared state, and a lock on it is what makes
 * {@link #take} atomic when a double-click sends the same callback twice.
 */
public final class PendingLogins implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, PendingLogin> byState = new LinkedHashMap<>();

    /** Adds a login, first dropping expired ones and then the oldest while the session is at its bound. */
    public synchronized void add(String state, PendingLogin login, int max, Instant now, Duration ttl) {
        byState.values().removeIf(p -> p.isExpired(now, ttl));
        Iterator<Map.Entry<String, PendingLogin>> oldestFirst = byState.entrySet().iterator();
        while (byState.size() >= max && oldestFirst.hasNext()) {
            oldestFirst.next();
            oldestFirst.remove();
        }
        byState.put(state, login);
    }

    /** Removes and returns the login for this state, expired or not; null when there is none. Single use. */
    public synchronized PendingLogin take(String state) {
        return byState.remove(state);
    }

    public synchronized boolean contains(String state) {
        return byState.containsKey(state);
    }

    public synchronized int size() {
        return byState.size();
    }

    public synchronized boolean isEmpty() {
        return byState.isEmpty();
    }

    /**
     * Session replication and persistent stores serialise the session while other requests of it may be starting
     * logins: take the same lock, so the copy is never torn.
     */
    @Serial
    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
    }

    /** A copy for a fresh session when a different user signs in. */
    public synchronized PendingLogins copy() {
        PendingLogins copy = new PendingLogins();
        copy.byState.putAll(byState);
        return copy;
    }
}
