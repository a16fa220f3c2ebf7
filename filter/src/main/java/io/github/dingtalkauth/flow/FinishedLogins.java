package io.github.dingtalkauth.flow;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * Where the last few completed logins of a session went, keyed by their (spent) {@code state}, so that a signed-in
 * user who comes back to a used callback URL with the Back button lands where that login did. A state here can never
 * be redeemed again: it only names a page. Bounded, and locked on itself. Serial form: the count, then each state
 * and target, oldest first, without the map's class descriptors (which would double its size in a stored session).
 */
final class FinishedLogins implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    /** Enough for the callback URLs a history list holds; the oldest are forgotten first. */
    static final int MAX = 8;

    private transient LinkedHashMap<String, String> targetByState = new LinkedHashMap<>();

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

    @Serial
    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeByte(targetByState.size());
        for (var entry : targetByState.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeUTF(entry.getValue());
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int count = in.readUnsignedByte();
        if (count > MAX) {
            throw new InvalidObjectException("more finished logins than a session keeps");
        }
        targetByState = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            targetByState.put(in.readUTF(), in.readUTF());
        }
    }
}
