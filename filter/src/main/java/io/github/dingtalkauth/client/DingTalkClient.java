package io.github.dingtalkauth.client;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * The two calls of a login made with the user's own token: the code → access token call and the profile call. One
 * instance serves every login over the filter's {@link BackChannel}, but a user's token lives only for the duration
 * of one callback and is never shared. Neither call is ever retried: an authorization code is single use.
 */
public final class DingTalkClient {
    private static final String TOKEN_PATH = "/v1.0/oauth2/userAccessToken";
    private static final String PROFILE_PATH = "/v1.0/contact/users/me";
    private static final String PROFILE = "profile";

    private final URI tokenUri;
    private final URI profileUri;
    private final String appId;
    private final String appSecret;
    private final BackChannel channel;

    public DingTalkClient(URI apiBaseUrl, String appId, String appSecret, BackChannel channel) {
        this.tokenUri = URI.create(apiBaseUrl + TOKEN_PATH);
        this.profileUri = URI.create(apiBaseUrl + PROFILE_PATH);
        this.appId = appId;
        this.appSecret = appSecret;
        this.channel = channel;
    }

    /** Redeems an authorization code, once. */
    public AccessGrant exchangeCode(String code, Deadline deadline) throws DingTalkApiException {
        JsonObject body = channel.json().createObjectBuilder()
                .add("clientId", appId)
                .add("clientSecret", appSecret)
                .add("code", code)
                .add("grantType", "authorization_code")
                .build();
        JsonObject answer = channel.post(tokenUri, body, "token", deadline);
        String accessToken = OapiValues.text(answer, "accessToken", "token");
        if (accessToken == null || accessToken.isEmpty() || accessToken.length() > 2048
                || !accessToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // It goes into a header next: no CR/LF, no spaces, bounded.
            throw OapiValues.invalid("token", "accessToken missing or malformed");
        }
        String corpId = OapiValues.text(answer, "corpId", "token");
        if (corpId != null && !OapiValues.ID.matcher(corpId).matches()) {
            throw OapiValues.invalid("token", "corpId malformed");
        }
        return new AccessGrant(accessToken, corpId);
    }

    /** Reads the signed-in user's profile with this login's access token. */
    public DingTalkProfile fetchProfile(AccessGrant grant, Deadline deadline) throws DingTalkApiException {
        JsonObject user = channel.call(PROFILE, HttpRequest.newBuilder(profileUri)
                .header("x-acs-dingtalk-access-token", grant.accessToken())
                .GET(), deadline);
        String unionId = OapiValues.text(user, "unionId", PROFILE);
        if (unionId == null || !OapiValues.ID.matcher(unionId).matches()) {
            throw OapiValues.invalid(PROFILE, "unionId missing or malformed");
        }
        String openId = OapiValues.text(user, "openId", PROFILE);
        if (openId != null && !OapiValues.ID.matcher(openId).matches()) {
            throw OapiValues.invalid(PROFILE, "openId malformed");
        }
        return new DingTalkProfile(unionId, openId, OapiValues.string(user, "nick", 256, PROFILE),
                OapiValues.string(user, "avatarUrl", 2048, PROFILE), OapiValues.string(user, "email", 320, PROFILE),
                OapiValues.string(user, "mobile", 64, PROFILE), OapiValues.string(user, "stateCode", 16, PROFILE));
    }
}
