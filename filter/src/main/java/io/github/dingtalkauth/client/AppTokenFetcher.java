package io.github.dingtalkauth.client;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.time.Duration;

/**
 * Fetches the app access token from {@code POST /v1.0/oauth2/accessToken} with the AppKey and AppSecret in a JSON
 * body (never in the URL). {@code expireIn} is accepted as a number or a string of digits.
 */
public final class AppTokenFetcher implements AppTokenSource {
    static final String PATH = "/v1.0/oauth2/accessToken";
    /** DingTalk says 7200 s; anything outside this range is not a real answer. */
    static final long MAX_LIFETIME_SECONDS = 24 * 3600;

    private static final JsonProvider JSON = JsonProvider.provider();

    private final URI uri;
    private final String appKey;
    private final String appSecret;
    private final OapiTransport transport;

    public AppTokenFetcher(URI apiBaseUrl, String appKey, String appSecret, OapiTransport transport) {
        this.uri = URI.create(apiBaseUrl + PATH);
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.transport = transport;
    }

    @Override
    public AppToken fetch(Deadline deadline) throws DingTalkApiException {
        JsonObject body = JSON.createObjectBuilder().add("appKey", appKey).add("appSecret", appSecret).build();
        JsonObject answer = transport.post(uri, body, AppTokenCache.STEP, deadline);
        String token = OapiValues.string(answer, "accessToken", AppToken.MAX_LENGTH, AppTokenCache.STEP);
        if (token == null || !AppToken.wellFormed(token)) {
            throw OapiValues.invalid(AppTokenCache.STEP, "accessToken missing or malformed");
        }
        Long seconds = OapiValues.number(answer, "expireIn", AppTokenCache.STEP);
        if (seconds == null || seconds < 1 || seconds > MAX_LIFETIME_SECONDS) {
            throw OapiValues.invalid(AppTokenCache.STEP, "expireIn missing or out of range");
        }
        return new AppToken(token, Duration.ofSeconds(seconds));
    }

    @Override
    public String toString() {
        return "AppTokenFetcher[" + uri + ", appKey=" + appKey + "]";
    }
}
