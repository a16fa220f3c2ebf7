package io.github.dingtalkauth.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe map whose entries lapse; {@link #take} makes an entry single-use. */
final class ExpiringStore<V> {

    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    ExpiringStore(Clock clock) {
        this.clock = clock;
    }

    void put(String key, V value, Duration ttl) {
        Instant now = clock.instant();
        // Forgetting lapsed entries here keeps a long-running emulator from growing without bound.
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        entries.put(key, new Entry<>(value, now.plus(ttl)));
    }

    /** Removes the entry, so that a second take of the same key finds nothing even if the first was late. */
    Optional<V> take(String key) {
        return key == null ? Optional.empty() : live(entries.remove(key));
    }

    Optional<V> peek(String key) {
        return key == null ? Optional.empty() : live(entries.get(key));
    }

    private Optional<V> live(Entry<V> entry) {
        return entry != null && clock.instant().isBefore(entry.expiresAt())
                ? Optional.of(entry.value())
                : Optional.empty();
    }
}
