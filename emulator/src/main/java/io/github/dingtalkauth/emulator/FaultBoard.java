package io.github.dingtalkauth.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which fault, if any, answers the next request to each endpoint. */
final class FaultBoard {

    private final Map<Endpoint, Fault> standing = new ConcurrentHashMap<>();
    private final Map<Endpoint, Fault> once = new ConcurrentHashMap<>();

    void set(Endpoint endpoint, Fault fault) {
        standing.put(endpoint, checked(endpoint, fault));
    }

    void setOnce(Endpoint endpoint, Fault fault) {
        once.put(endpoint, checked(endpoint, fault));
    }

    /** A one-shot fault goes first and is used up here, atomically, so two concurrent requests cannot both get it. */
    Optional<Fault> next(Endpoint endpoint) {
        Fault oneShot = once.remove(endpoint);
        return Optional.ofNullable(oneShot != null ? oneShot : standing.get(endpoint));
    }

    void clear() {
        standing.clear();
        once.clear();
    }

    private static Fault checked(Endpoint endpoint, Fault fault) {
        if (!fault.appliesTo(endpoint)) {
            throw new IllegalArgumentException(fault + " does not apply to " + endpoint);
        }
        return fault;
    }
}
