package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.Optional;

/**
 * {@code GET /v1.0/contact/users/me}: the profile behind a user access token, which DingTalk takes only from its own
 * header, never from {@code Authorization: Bearer}.
 */
final class ProfileHandler implements RequestHandler {

    static final String TOKEN_HEADER = "x-acs-dingtalk-access-token";

    private final Grants grants;
    private final Counters counters;

    ProfileHandler(Grants grants, Counters counters) {
        this.grants = grants;
        this.counters = counters;
    }

    @Override
    public Response handle(RecordedRequest request) {
        if (!"GET".equals(request.method())) {
            return ApiError.methodNotAllowed("GET");
        }
        Optional<String> token = request.header(TOKEN_HEADER).filter(value -> !value.isBlank());
        if (token.isEmpty()) {
            return ApiError.of(400, "MissingxAcsDingtalkAccessToken",
                    "x-acs-dingtalk-access-token is mandatory for this action.");
        }
        Optional<Grant> grant = token.flatMap(grants::grantOf);
        if (grant.isEmpty()) {
            return ApiError.of(400, "InvalidAuthentication", "不合法的access_token");
        }
        counters.count(Counters.Event.PROFILE_SUCCESS);
        return Response.json(200, profile(grant.get().user()));
    }

    /** The fields in DingTalk's order; absent ones are left out, as DingTalk does. */
    static JsonObject profile(EmulatorUser user) {
        JsonObjectBuilder json = JsonCodec.object();
        JsonCodec.addIfPresent(json, "nick", user.nick());
        JsonCodec.addIfPresent(json, "avatarUrl", user.avatarUrl());
        JsonCodec.addIfPresent(json, "mobile", user.mobile());
        JsonCodec.addIfPresent(json, "openId", user.openId());
        JsonCodec.addIfPresent(json, "unionId", user.unionId());
        JsonCodec.addIfPresent(json, "email", user.email());
        JsonCodec.addIfPresent(json, "stateCode", user.stateCode());
        return json.add("visitor", user.visitor()).build();
    }
}
