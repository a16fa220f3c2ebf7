package io.github.dingtalkauth.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.regex.Pattern;

/**
 * The two calls of a login made with the user's own token: the code → access token call and the profile call. One
 * instance serves every login over the filter's {@link BackChannel}, but a user's token lives only for the duration
 * of one callback and is never shared. Neither call is ever retried: an authorization code is single use.
 */
public final class DingTalkClient {
    private static final String TOKEN_PATH = "/v1.0/oauth2/userAccessToken";
    private static final String PROFILE_PATH = "/v1.0/contact/users/me";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_=+\\-]{1,128}");

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
        String accessToken = string(answer, "accessToken", "token");
        if (accessToken == null || accessToken.isEmpty() || accessToken.length() > 2048
                || !accessToken.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // It goes into a header next: no CR/LF, no spaces, bounded.
            throw OapiValues.invalid("token", "accessToken missing or malformed");
        }
        String corpId = string(answer, "corpId", "token");
        if (corpId != null && !ID.matcher(corpId).matches()) {
            throw OapiValues.invalid("token", "corpId malformed");
        }
        return new AccessGrant(accessToken, corpId);
    }

    /** Reads the signed-in user's profile with this login's access token. */
    public DingTalkProfile fetchProfile(AccessGrant grant, Deadline deadline) throws DingTalkApiException {
        JsonObject user = channel.call("profile", HttpRequest.newBuilder(profileUri)
                .header("x-acs-dingtalk-access-token", grant.accessToken())
                .GET(), deadline);
        String unionId = string(user, "unionId", "profile");
        if (unionId == null || !ID.matcher(unionId).matches()) {
            throw OapiValues.invalid("profile", "unionId missing or malformed");
        }
        String openId = string(user, "openId", "profile");
        if (openId != null && !ID.matcher(openId).matches()) {
            throw OapiValues.invalid("profile", "openId malformed");
        }
        return new DingTalkProfile(unionId, openId, bounded(user, "nick", 256), bounded(user, "avatarUrl", 2048),
                bounded(user, "email", 320), bounded(user, "mobile", 64), bounded(user, "stateCode", 16));
    }

    /** A string field; null when absent or JSON null; a wrong type is a protocol violation. */
    private static String string(JsonObject object, String name, String step) throws DingTalkApiException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw OapiValues.invalid(step, name + " has the wrong type");
    }

    private static String bounded(JsonObject object, String name, int max) throws DingTalkApiException {
        String value = string(object, name, "profile");
        if (value != null && value.length() > max) {
            throw OapiValues.invalid("profile", name + " is too long");
        }
        return value == null || value.isEmpty() ? null : value;
    }
}
