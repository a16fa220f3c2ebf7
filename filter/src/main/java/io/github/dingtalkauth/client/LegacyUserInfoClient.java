package io.github.dingtalkauth.client;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The legacy flow's one call (protocol §2.2): {@code POST {oapi}/sns/getuserinfo_bycode?accessKey=…&timestamp=…
 * &signature=…} with {@code {"tmp_auth_code":…}}. The signature is Base64(HMAC-SHA256(app secret, the timestamp in
 * milliseconds)), URL-encoded exactly once. Failures come as HTTP 200 with an {@code errcode}; they become a
 * {@link DingTalkApiException} with that errcode as the provider code. The URI carries the signature, so, as for
 * every oapi URI, it never reaches a message. Never retried: the temporary code is single use.
 */
public final class LegacyUserInfoClient {
    static final String PATH = "/sns/getuserinfo_bycode";
    public static final String STEP = "getuserinfo_bycode";
    /** The timestamp is more than a minute from DingTalk's time. */
    public static final String CLOCK_SKEW = "853002";

    private static final JsonProvider JSON = JsonProvider.provider();

    private final String endpoint;
    private final String appId;
    private final SecretKeySpec key;
    private final OapiTransport transport;
    private final LongSupplier millis;

    /** @param millis the server's wall clock in milliseconds, {@code System::currentTimeMillis} */
    public LegacyUserInfoClient(URI oapiBaseUrl, String appId, String appSecret, OapiTransport transport,
                                LongSupplier millis) {
        this.endpoint = oapiBaseUrl + PATH + "?accessKey=" + URLEncoder.encode(appId, StandardCharsets.UTF_8);
        this.appId = appId;
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.transport = transport;
        this.millis = millis;
    }

    /** Redeems the temporary code, once, for the account's unionid, openid and nick. */
    public DingTalkProfile userInfo(String code, Deadline deadline) throws DingTalkApiException {
        String timestamp = Long.toString(millis.getAsLong());
        URI uri = URI.create(endpoint + "&timestamp=" + timestamp + "&signature="
                + URLEncoder.encode(signature(timestamp), StandardCharsets.UTF_8)); // '+' becomes %2B, once
        JsonObject answer = transport.post(uri, JSON.createObjectBuilder().add("tmp_auth_code", code).build(), STEP,
                deadline);
        long errcode = OapiValues.errcode(answer, STEP);
        if (errcode != 0) {
            throw new DingTalkApiException(Kind.ERROR_STATUS, STEP, 200, Long.toString(errcode),
                    OapiValues.requestId(answer), null);
        }
        JsonObject info = OapiValues.object(answer, "user_info", STEP);
        String unionId = OapiValues.id(info, "unionid", STEP);
        if (unionId == null) {
            throw OapiValues.invalid(STEP, "unionid missing");
        }
        return new DingTalkProfile(unionId, OapiValues.id(info, "openid", STEP),
                OapiValues.string(info, "nick", 256, STEP), null, null, null, null);
    }

    /** Base64(HMAC-SHA256(key = app secret, message = timestamp)), not yet URL-encoded. */
    String signature(String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "LegacyUserInfoClient[" + appId + "]";
    }
}
