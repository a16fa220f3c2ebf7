package io.github.dingtalkauth.emulator;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Everything a {@link Fault} may use to answer one request in the endpoint's place. */
final class FaultScene {

    private static final int PADDING_CHUNK = 64 * 1024;

    private final HttpExchange exchange;
    private final Endpoint endpoint;
    private final RecordedRequest request;
    private final Supplier<Response> normalAnswer;
    private final Grants grants;
    private final List<EmulatorUser> users;

    FaultScene(HttpExchange exchange, Endpoint endpoint, RecordedRequest request, Supplier<Response> normalAnswer,
            Grants grants, List<EmulatorUser> users) {
        this.exchange = exchange;
        this.endpoint = endpoint;
        this.request = request;
        this.normalAnswer = normalAnswer;
        this.grants = grants;
        this.users = users;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Runs the real endpoint, with all its effects (a code redeemed, a token issued, counters). */
    Response normalAnswer() {
        return normalAnswer.get();
    }

    void send(Response response) throws IOException {
        response.writeTo(exchange);
    }

    void pause(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    /** Closing an exchange before its headers are sent makes HttpServer drop the connection. */
    void hangUp() {
        exchange.close();
    }

    void drip(Response response, Duration perByte) throws IOException, InterruptedException {
        byte[] body = response.body();
        exchange.getResponseHeaders().set("Content-Type", Response.JSON);
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : body) {
                out.write(b);
                out.flush();
                pause(perByte);
            }
        }
    }

    /** Streams {@code totalBytes} of JSON: a success-looking object whose last member is a long padding string. */
    void sendPadded(int totalBytes) throws IOException {
        String json = successLookingJson();
        byte[] head = (json.substring(0, json.length() - 1) + ",\"padding\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        long padding = Math.max(0, (long) totalBytes - head.length - tail.length);
        exchange.getResponseHeaders().set("Content-Type", Response.JSON);
        exchange.sendResponseHeaders(200, head.length + padding + tail.length);
        byte[] chunk = new byte[PADDING_CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(head);
            for (long left = padding; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.write(tail);
        }
    }

    /** What a success from this endpoint looks like, backed by nothing: its tokens grant nothing. */
    String successLookingJson() {
        return endpoint == Endpoint.TOKEN
                ? tokenAnswer(grants.inertAccessToken())
                : JsonCodec.write(ProfileHandler.profile(subject().user()));
    }

    String tokenAnswer(String accessToken) {
        return JsonCodec.write(JsonCodec.object()
                .add("accessToken", accessToken)
                .add("refreshToken", grants.inertRefreshToken())
                .add("expireIn", grants.tokenTtl().toSeconds())
                .build());
    }

    String profileWithoutUnionId() {
        JsonObject profile = ProfileHandler.profile(subject().user());
        return JsonCodec.write(JsonCodec.object(profile).remove("unionId").build());
    }

    /** Lets the profile endpoint accept this token for the request's subject. */
    void honour(String accessToken) {
        grants.honour(accessToken, subject());
    }

    /**
     * Whom the request is about, looked up without using anything up: the user behind the presented code or access
     * token, else the first user.
     */
    private Grant subject() {
        Optional<Grant> known = switch (endpoint) {
            case TOKEN -> JsonCodec.readObject(request.body())
                    .flatMap(body -> JsonCodec.string(body, "code"))
                    .flatMap(grants::peekCode);
            case PROFILE -> request.header(ProfileHandler.TOKEN_HEADER).flatMap(grants::grantOf);
            case AUTHORIZE -> Optional.empty();
        };
        return known.orElseGet(() -> new Grant(users.get(0), false));
    }
}
