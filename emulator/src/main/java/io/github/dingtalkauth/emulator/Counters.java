package io.github.dingtalkauth.emulator;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread-safe event counts behind {@link Stats}. */
final class Counters {

    enum Event {
        AUTHORIZE_REQUEST, APPROVAL, DENIAL, TOKEN_REQUEST, TOKEN_SUCCESS, PROFILE_REQUEST, PROFILE_SUCCESS,
        APP_TOKEN_REQUEST, APP_TOKEN_SUCCESS, UNIONID_LOOKUP, EMPLOYEE_LOOKUP, ABANDONED_ANSWER
    }

    /** Past this many, the peers seen are counted and forgotten, so that a long-running emulator stays small. */
    private static final int MAX_PEERS = 65_536;

    private final Map<Event, AtomicInteger> counts = new EnumMap<>(Event.class);
    // HttpServer has no hook for an accepted connection: a connection is a client address and port that sent a request.
    private final Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger forgottenPeers = new AtomicInteger();

    Counters() {
        // Filled once and never changed structurally, so the EnumMap itself needs no locking.
        for (Event event : Event.values()) {
            counts.put(event, new AtomicInteger());
        }
    }

    void count(Event event) {
        counts.get(event).incrementAndGet();
    }

    void requestTo(Endpoint endpoint) {
        Event event = switch (endpoint) {
            case AUTHORIZE, LEGACY_QR_AUTHORIZE, LEGACY_ACCOUNT_AUTHORIZE -> Event.AUTHORIZE_REQUEST;
            // the legacy and the in-app code exchanges count as token calls
            case TOKEN, LEGACY_USER_INFO, IN_APP_USER_INFO -> Event.TOKEN_REQUEST;
            case PROFILE -> Event.PROFILE_REQUEST;
            case APP_TOKEN, CORP_APP_TOKEN, LEGACY_APP_TOKEN -> Event.APP_TOKEN_REQUEST;
            case USER_BY_UNIONID -> Event.UNIONID_LOOKUP;
            case EMPLOYEE -> Event.EMPLOYEE_LOOKUP;
            case JSAPI -> null; // a script load, not a call to DingTalk
        };
        if (event != null) {
            count(event);
        }
    }

    void requestFrom(InetSocketAddress peer) {
        if (peer != null && peers.add(peer) && peers.size() > MAX_PEERS) {
            forgottenPeers.addAndGet(peers.size());
            peers.clear();
        }
    }

    int connections() {
        return forgottenPeers.get() + peers.size();
    }

    Stats snapshot() {
        return new Stats(get(Event.AUTHORIZE_REQUEST), get(Event.APPROVAL), get(Event.DENIAL),
                get(Event.TOKEN_REQUEST), get(Event.TOKEN_SUCCESS),
                get(Event.PROFILE_REQUEST), get(Event.PROFILE_SUCCESS),
                get(Event.APP_TOKEN_REQUEST), get(Event.APP_TOKEN_SUCCESS),
                get(Event.UNIONID_LOOKUP), get(Event.EMPLOYEE_LOOKUP), get(Event.ABANDONED_ANSWER));
    }

    void reset() {
        counts.values().forEach(count -> count.set(0));
        peers.clear();
        forgottenPeers.set(0);
    }

    private int get(Event event) {
        return counts.get(event).get();
    }
}
