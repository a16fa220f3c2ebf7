package io.github.dingtalkauth.emulator;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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
    private final EmulatorState state;

    FaultScene(HttpExchange exchange, Endpoint endpoint, RecordedRequest request, Supplier<Response> normalAnswer,
            EmulatorState state) {
        this.exchange = exchange;
        this.endpoint = endpoint;
        this.request = request;
        this.normalAnswer = normalAnswer;
        this.grants = state.grants();
        this.state = state;
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

    /** Half the body after headers that announce all of it; closing the exchange then drops the connection. */
    void breakOff(Response response) throws IOException {
        byte[] body = response.body();
        exchange.getResponseHeaders().set("Content-Type", Response.JSON);
        exchange.sendResponseHeaders(response.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        exchange.close();
    }

    /**
     * Streams {@code totalBytes} of JSON: a success-looking object whose last member is a long padding string; its
     * length {@code announced} in the headers, or sent chunked.
     */
    void sendPadded(int totalBytes, boolean announced) throws IOException {
        String json = successLookingJson();
        byte[] head = (json.substring(0, json.length() - 1) + ",\"padding\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        long padding = Math.max(0, (long) totalBytes - head.length - tail.length);
        exchange.getResponseHeaders().set("Content-Type", Response.JSON);
        // 0 tells HttpServer "chunked, length unknown".
        exchange.sendResponseHeaders(200, announced ? head.length + padding + tail.length : 0);
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
        long appTtl = state.appTokens().ttl().toSeconds();
        JsonObject json = switch (endpoint) {
            case TOKEN, AUTHORIZE, LEGACY_QR_AUTHORIZE, LEGACY_ACCOUNT_AUTHORIZE -> tokenJson(grants.inertAccessToken());
            case PROFILE -> ProfileHandler.profile(subject().user());
            case APP_TOKEN -> JsonCodec.object().add("accessToken", state.appTokens().inert())
                    .add("expireIn", appTtl).build();
            case CORP_APP_TOKEN -> JsonCodec.object().add("access_token", state.appTokens().inert())
                    .add("expires_in", appTtl).build();
            case LEGACY_APP_TOKEN -> JsonCodec.object().add("errcode", 0).add("access_token",
                    state.appTokens().inert()).add("errmsg", "ok").add("expires_in", appTtl).build();
            case USER_BY_UNIONID -> oapiResult(JsonCodec.object().add("contact_type", Membership.MEMBER)
                    .add("userid", someMember().membership().userId()).build());
            case EMPLOYEE -> oapiResult(OrganizationHandlers.profile(someMember(),
                    state.directory().corpId()).build());
            case LEGACY_USER_INFO -> JsonCodec.object().add("errcode", 0).add("errmsg", "ok")
                    .add("user_info", LegacyUserInfoHandler.userInfo(subject().user())).build();
            case IN_APP_USER_INFO -> oapiResult(InAppHandlers.result(someMember()).build());
            case JSAPI -> JsonCodec.object().build(); // a script has no success-looking JSON
        };
        return JsonCodec.write(json);
    }

    private static JsonObject oapiResult(JsonObject result) {
        return JsonCodec.object().add("errcode", 0).add("errmsg", "ok").add("result", result)
                .add("request_id", "emulatorfault").build();
    }

    /** The first member, or the first user made one, so that a made-up employee answer never lacks a subject. */
    private EmulatorUser someMember() {
        return state.directory().firstMember().orElseGet(() -> {
            EmulatorUser first = state.directory().first();
            return new EmulatorUser(first.key(), first.unionId(), first.openId(), first.nick(), first.avatarUrl(),
                    first.email(), first.mobile(), first.stateCode(), first.corpId(), first.visitor(),
                    Membership.member(first.key()));
        });
    }

    String tokenAnswer(String accessToken) {
        return JsonCodec.write(tokenJson(accessToken));
    }

    private JsonObject tokenJson(String accessToken) {
        return JsonCodec.object()
                .add("accessToken", accessToken)
                .add("refreshToken", grants.inertRefreshToken())
                .add("expireIn", grants.tokenTtl().toSeconds())
                .build();
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
            default -> Optional.empty();
        };
        return known.orElseGet(() -> new Grant(state.directory().first(), false));
    }
}
