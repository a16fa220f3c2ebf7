package io.github.dingtalkauth.flow;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a session signed in and when its membership was last confirmed, kept in the session. Wall-clock
 * milliseconds, since the session may be persisted or replicated to another JVM. The claim on the re-check is
 * atomic and per session object, so concurrent requests of one session never re-check together, without locking
 * the session. The claim is transient: a session read back from a store or another node starts unclaimed (a
 * re-check in flight elsewhere cannot release it here), and a claim also lapses after its lease, so a lost release
 * never stops re-checks for good. With replication, each node holds its own copy and may re-check once.
 *
 * <p>Serial form: the three times as plain longs. Default serialization of the {@code AtomicLong}s would add their
 * class descriptors (and {@code Number}'s) to every stored session: 318 bytes instead of about 130.
 */
public final class SessionTimes implements Serializable {
    @Serial
    private static final long serialVersionUID = 2L;

    private final long signedInAt;
    private transient AtomicLong lastCheckedAt;
    private transient AtomicLong retryNotBefore = new AtomicLong();
    private transient AtomicLong claimedUntil = new AtomicLong();

    SessionTimes(Instant signedInAt) {
        this.signedInAt = signedInAt.toEpochMilli();
        this.lastCheckedAt = new AtomicLong(this.signedInAt);
    }

    public Instant signedInAt() {
        return Instant.ofEpochMilli(signedInAt);
    }

    /** The sign-in or the last re-check that confirmed membership. */
    public Instant lastCheckedAt() {
        return Instant.ofEpochMilli(lastCheckedAt.get());
    }

    long signedInMillis() {
        return signedInAt;
    }

    long lastCheckedMillis() {
        return lastCheckedAt.get();
    }

    /** After a failed re-check, no new one before this. */
    long retryNotBeforeMillis() {
        return retryNotBefore.get();
    }

    boolean tryClaim(Instant now, long leaseMillis) {
        long at = now.toEpochMilli();
        long held = claimedUntil.get();
        return held <= at && claimedUntil.compareAndSet(held, at + leaseMillis);
    }

    void checked(Instant now) {
        lastCheckedAt.accumulateAndGet(now.toEpochMilli(), Math::max);
        claimedUntil.set(0);
    }

    void failed(Instant retryAt) {
        retryNotBefore.set(retryAt.toEpochMilli());
        claimedUntil.set(0);
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeLong(lastCheckedAt.get());
        out.writeLong(retryNotBefore.get());
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        lastCheckedAt = new AtomicLong(in.readLong());
        retryNotBefore = new AtomicLong(in.readLong());
        claimedUntil = new AtomicLong();
    }

    @Override
    public String toString() {
        return "SessionTimes[signedInAt=" + signedInAt() + ", lastCheckedAt=" + lastCheckedAt() + "]";
    }
}
