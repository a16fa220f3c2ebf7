package io.github.dingtalkauth.client;

import java.util.concurrent.Semaphore;

/**
 * A bulkhead: at most {@code max} sign-ins talk to DingTalk at once per filter. Past that a caller is refused at
 * once instead of blocking a container thread, so a flood of forged callbacks while DingTalk is slow can neither
 * stall the application's other pages nor spend the app secret on thousands of token calls.
 */
public final class CallLimiter {
    private final Semaphore permits;

    public CallLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.permits = new Semaphore(max);
    }

    /** A permit to close when the calls are done, or null when every permit is taken. */
    public Permit tryAcquire() {
        return permits.tryAcquire() ? new Permit(permits) : null;
    }

    public int available() {
        return permits.availablePermits();
    }

    /** Closing releases the permit, once however often it is closed. */
    public static final class Permit implements AutoCloseable {
        private Semaphore owner;

        private Permit(Semaphore owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            Semaphore releasing = owner;
            owner = null;
            if (releasing != null) {
                releasing.release();
            }
        }
    }
}
