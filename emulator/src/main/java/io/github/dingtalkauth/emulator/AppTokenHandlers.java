package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * The three ways to get the app's access token (protocol notes §6.1), all handing out the same token:
 * <ul>
 *   <li>{@code POST /v1.0/oauth2/accessToken} {@code {appKey, appSecret}} → {@code {accessToken, expireIn}};</li>
 *   <li>{@code POST /v1.0/oauth2/{corpId}/token} {@code {client_id, client_secret, grant_type}} →
 *       {@code {access_token, expires_in}};</li>
 *   <li>{@code GET /gettoken?appkey=&appsecret=} on oapi → {@code {errcode:0, access_token, expires_in}}.</li>
 * </ul>
 */
final class AppTokenHandlers {

    private final AppCredentials app;
    private final String corpId;
    private final AppTokens tokens;
    private final Counters counters;
    private final Oapi oapi;

    AppTokenHandlers(AppCredentials app, String corpId, AppTokens tokens, Counters counters, Oapi oapi) {
        this.app = app;
        this.corpId = corpId;
        this.tokens = tokens;
        this.counters = counters;
        this.oapi = oapi;
    }

    Response newStyle(RecordedRequest request) {
        Optional<Response> refusal = refuseApiRequest(request, List.of("appKey", "appSecret"));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        JsonObject body = JsonCodec.readObject(request.body()).orElseThrow();
        if (!app.matches(body.getString("appKey"), body.getString("appSecret"))) {
            return ApiError.invalidClient();
        }
        return Response.json(200, JsonCodec.object().add("accessToken", issue())
                .add("expireIn", tokens.ttl().toSeconds()).build());
    }

    Response unified(RecordedRequest request) {
        Optional<Response> refusal = refuseApiRequest(request, List.of("client_id", "client_secret", "grant_type"));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        JsonObject body = JsonCodec.readObject(request.body()).orElseThrow();
        if (!"client_credentials".equals(body.getString("grant_type"))) {
            return ApiError.of(400, "unsupported.grant.type", "grant_type must be client_credentials");
        }
        if (!app.matches(body.getString("client_id"), body.getString("client_secret"))) {
            return ApiError.invalidClient();
        }
        if (!corpId.equals(Endpoint.corpIdIn(request.path()))) {
            // Invented by the emulator: DingTalk does not document its answer for an organization the app is not in.
            return ApiError.of(400, "invalidCorpId", "corpId is not the app's organization");
        }
        return Response.json(200, JsonCodec.object().add("access_token", issue())
                .add("expires_in", tokens.ttl().toSeconds()).build());
    }

    Response legacy(RecordedRequest request) {
        if (!"GET".equals(request.method())) {
            return oapi.error(Oapi.GET_REQUIRED, "需要GET请求");
        }
        Params query = Params.parseOrEmpty(request.query());
        if (!app.matches(query.first("appkey").orElse(null), query.first("appsecret").orElse(null))) {
            // 40089 is DingTalk's global error code for a wrong key or secret; a missing one is answered the same.
            return oapi.error(40089, "不合法的appKey或appSecret");
        }
        return oapi.plainOk(JsonCodec.object().add("access_token", issue())
                .add("expires_in", tokens.ttl().toSeconds()));
    }

    private String issue() {
        counters.count(Counters.Event.APP_TOKEN_SUCCESS);
        return tokens.issue();
    }

    /** The checks every v1.0 token request shares: POST, a JSON body, every named field a non-empty string. */
    private static Optional<Response> refuseApiRequest(RecordedRequest request, List<String> fields) {
        if (!"POST".equals(request.method())) {
            return Optional.of(ApiError.methodNotAllowed("POST"));
        }
        Optional<JsonObject> body = request.isJson() ? JsonCodec.readObject(request.body()) : Optional.empty();
        if (body.isEmpty()) {
            return Optional.of(ApiError.missingBody());
        }
        for (String name : fields) {
            if (JsonCodec.string(body.get(), name).isEmpty()) {
                return Optional.of(ApiError.missingParameter(name));
            }
        }
        return Optional.empty();
    }
}
