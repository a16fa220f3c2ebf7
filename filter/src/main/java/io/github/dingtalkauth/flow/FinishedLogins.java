package io.github.dingtalkauth.flow;

import java.io.Serial;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Where the last few completed logins of a session went, keyed by their (spent) {@code state}, so that a signed-in
 * user who comes back to a used callback URL with the Back button lands where that login did. A state here can never
 * be redeemed again: it only names a page. Bounded, and locked on itself.
 */
final class FinishedLogins implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Enough for the callback URLs a history list holds; the oldest are forgotten first. */
    static final int MAX = 8;

    private final LinkedHashMap<String, String> targetByState = new LinkedHashMap<>();

    synchronized void add(String state, String returnTarget) {
        targetByState.put(state, returnTarget);
        Iterator<String> oldestFirst = targetByState.keySet().iterator();
        while (targetByState.size() > MAX) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    /** The return target of the finished login with this state; null when it is not (or no longer) known. */
    synchronized String targetOf(String state) {
        return targetByState.get(state);
    }

    synchronized int size() {
        return targetByState.size();
    }
}
