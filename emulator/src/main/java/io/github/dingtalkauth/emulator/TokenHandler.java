package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1.0/oauth2/userAccessToken}: trades a code (or a refresh token) for a user access token.
 *
 * <p>Checks run in a fixed order (body, required fields, grant type, client credentials, then the code) and a code is
 * consumed only once the client has proved who it is, so a request with a wrong secret cannot burn a victim's code.
 */
final class TokenHandler implements RequestHandler {

    private static final String AUTHORIZATION_CODE = "authorization_code";
    private static final String REFRESH_TOKEN = "refresh_token";

    private final AppCredentials app;
    private final Grants grants;
    private final Counters counters;

    TokenHandler(AppCredentials app, Grants grants, Counters counters) {
        this.app = app;
        this.grants = grants;
        this.counters = counters;
    }

    @Override
    public Response handle(RecordedRequest request) {
        if (!"POST".equals(request.method())) {
            return ApiError.methodNotAllowed("POST");
        }
        Optional<JsonObject> parsed = request.isJson() ? JsonCodec.readObject(request.body()) : Optional.empty();
        if (parsed.isEmpty()) {
            return ApiError.missingBody();
        }
        JsonObject body = parsed.get();
        for (String name : List.of("clientId", "clientSecret", "grantType")) {
            if (JsonCodec.string(body, name).isEmpty()) {
                return ApiError.missingParameter(name);
            }
        }
        String grantType = body.getString("grantType");
        String credential = switch (grantType) {
            case AUTHORIZATION_CODE -> "code";
            case REFRESH_TOKEN -> "refreshToken";
            default -> null;
        };
        if (credential == null) {
            return ApiError.of(400, "unsupported.grant.type", "grantType must be authorization_code or refresh_token");
        }
        Optional<String> presented = JsonCodec.string(body, credential);
        if (presented.isEmpty()) {
            return ApiError.missingParameter(credential);
        }
        if (!app.matches(body.getString("clientId"), body.getString("clientSecret"))) {
            return ApiError.invalidClient();
        }
        Optional<Grant> grant = grantType.equals(AUTHORIZATION_CODE)
                ? grants.redeemCode(presented.get())
                : grants.redeemRefreshToken(presented.get());
        if (grant.isEmpty()) {
            return grantType.equals(AUTHORIZATION_CODE)
                    ? ApiError.of(400, "invalidCode", "不合法的临时授权码")
                    : ApiError.of(400, "invalidRefreshToken", "不合法的refresh_token");
        }
        counters.count(Counters.Event.TOKEN_SUCCESS);
        return Response.json(200, answer(grant.get(), grants.issueTokens(grant.get())));
    }

    private JsonObject answer(Grant grant, Grants.Tokens tokens) {
        JsonObjectBuilder json = JsonCodec.object()
                .add("accessToken", tokens.accessToken())
                .add("refreshToken", tokens.refreshToken())
                .add("expireIn", grants.tokenTtl().toSeconds());
        // DingTalk names the organization only when the user was asked to pick one (scope "openid corpid").
        if (grant.corpScope() && grant.user().corpId() != null) {
            json.add("corpId", grant.user().corpId());
        }
        return json.build();
    }

}
