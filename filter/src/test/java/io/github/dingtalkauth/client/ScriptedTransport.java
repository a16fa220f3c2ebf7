package io.github.dingtalkauth.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** An {@link OapiTransport} that answers from a queue of JSON texts and records every call. */
final class ScriptedTransport implements OapiTransport {

    record Call(URI uri, JsonObject body, String step) {
        String accessToken() {
            String query = uri.getRawQuery();
            return query == null ? null : query.substring(query.indexOf('=') + 1);
        }
    }

    final List<Call> calls = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();

    /** Queues an answer: a JSON text, or a {@link DingTalkApiException} to throw. */
    ScriptedTransport then(Object answer) {
        answers.add(answer);
        return this;
    }

    @Override
    public synchronized JsonObject post(URI uri, JsonObject body, String step, Deadline deadline)
            throws DingTalkApiException {
        calls.add(new Call(uri, body, step));
        Object answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("unexpected call #" + calls.size() + " (" + step + ")");
        }
        if (answer instanceof DingTalkApiException e) {
            throw e;
        }
        return Json.createReader(new StringReader((String) answer)).readObject();
    }
}
