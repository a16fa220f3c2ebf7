package io.github.dingtalkauth.client;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The app access token of one filter, shared by every login. DingTalk limits token calls to 20 a second per app,
 * so at most one fetch is in flight: the caller that finds the cache empty or due fetches, on its own thread and
 * deadline, and everyone else who needs a token waits for that fetch until their own deadline. A token due for
 * refresh (about 10 minutes before expiry, or half its lifetime when that is shorter) but still valid is handed
 * out while one caller refreshes it; if that refresh fails, the old token serves until it really expires.
 *
 * <p>Expiry runs on a monotonic nanosecond clock. The token never appears in {@link #toString()} or a message.
 */
public final class AppTokenCache {
    static final Duration EARLY_REFRESH = Duration.ofMinutes(10);
    static final String STEP = "app_token";

    private final AppTokenSource source;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private Entry current;                   // guarded by lock
    private CompletableFuture<Entry> flight; // guarded by lock; null when no fetch runs

    public AppTokenCache(AppTokenSource source) {
        this(source, System::nanoTime);
    }

    public AppTokenCache(AppTokenSource source, LongSupplier nanoClock) {
        this.source = source;
        this.nanoClock = nanoClock;
    }

    /** A valid app token, fetched if need be. */
    public String get(Deadline deadline) throws DingTalkApiException {
        if (deadline.passed()) {
            throw new DingTalkApiException(Kind.TIMEOUT, STEP, 0, null, null, "deadline passed");
        }
        CompletableFuture<Entry> lead = null;
        CompletableFuture<Entry> wait;
        Entry stillValid;
        synchronized (lock) {
            long now = nanoClock.getAsLong();
            stillValid = current != null && now - current.expiresAt < 0 ? current : null;
            if (stillValid != null && (now - stillValid.refreshAt < 0 || flight != null)) {
                return stillValid.token;
            }
            if (flight == null) {
                flight = new CompletableFuture<>();
                lead = flight;
            }
            wait = flight;
        }
        return lead != null ? fetch(lead, stillValid, deadline) : await(wait, deadline);
    }

    /** Drops {@code token} if it is still the current one: DingTalk said it is no longer valid. */
    public void invalidate(String token) {
        synchronized (lock) {
            if (current != null && current.token.equals(token)) {
                current = null;
            }
        }
    }

    private String fetch(CompletableFuture<Entry> lead, Entry stillValid, Deadline deadline)
            throws DingTalkApiException {
        long started = nanoClock.getAsLong();
        Entry fetched;
        try {
            fetched = Entry.of(source.fetch(deadline), started);
        } catch (DingTalkApiException | RuntimeException | Error e) {
            Entry fallback;
            synchronized (lock) {
                flight = null;
                // Not if DingTalk rejected it meanwhile, nor if it expired while we waited for the refresh.
                fallback = stillValid != null && current == stillValid
                        && nanoClock.getAsLong() - stillValid.expiresAt < 0 ? stillValid : null;
            }
            lead.completeExceptionally(e);
            if (fallback != null && e instanceof DingTalkApiException) {
                return fallback.token;
            }
            throw e;
        }
        synchronized (lock) {
            current = fetched;
            flight = null;
        }
        lead.complete(fetched);
        return fetched.token;
    }

    private static String await(CompletableFuture<Entry> flight, Deadline deadline) throws DingTalkApiException {
        try {
            return flight.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS).token;
        } catch (TimeoutException e) {
            throw new DingTalkApiException(Kind.TIMEOUT, STEP, 0, null, null, "deadline passed waiting for the fetch");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DingTalkApiException(Kind.UNAVAILABLE, STEP, 0, null, null, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DingTalkApiException failed) {
                throw failed; // the fetch's own failure, shared by everyone who waited for it
            }
            throw new DingTalkApiException(Kind.UNAVAILABLE, STEP, 0, null, null,
                    e.getCause().getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "AppTokenCache[" + (current == null ? "empty" : "cached") + (flight == null ? "" : ", fetching")
                    + "]";
        }
    }

    private static final class Entry {
        final String token;
        final long refreshAt;
        final long expiresAt;

        private Entry(String token, long refreshAt, long expiresAt) {
            this.token = token;
            this.refreshAt = refreshAt;
            this.expiresAt = expiresAt;
        }

        /** Counted from when the fetch started, so the time the call took never makes a token outlive DingTalk's. */
        static Entry of(AppToken token, long started) {
            long lifetime = token.lifetime().toNanos();
            long early = Math.min(EARLY_REFRESH.toNanos(), lifetime / 2);
            return new Entry(token.value(), started + lifetime - early, started + lifetime);
        }
    }
}
