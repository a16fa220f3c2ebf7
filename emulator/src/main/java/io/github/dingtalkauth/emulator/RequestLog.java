package io.github.dingtalkauth.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent requests, oldest first; bounded so that a standalone emulator can run for days. */
final class RequestLog {

    static final int CAPACITY = 10_000;

    private final Deque<RecordedRequest> requests = new ArrayDeque<>();

    synchronized void add(RecordedRequest request) {
        if (requests.size() == CAPACITY) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
