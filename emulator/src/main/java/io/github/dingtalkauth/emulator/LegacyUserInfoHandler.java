package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code POST /sns/getuserinfo_bycode?accessKey=…&timestamp=…&signature=…} with {@code {"tmp_auth_code":…}}
 * (protocol §2.2): checks the app, the HMAC-SHA256 signature of the timestamp and the timestamp itself as DingTalk
 * does, then redeems the temporary code once. Every answer is HTTP 200; failures carry DingTalk's errcodes.
 * The query is decoded once, so a signature whose Base64 {@code +} was not sent as {@code %2B} fails, as it does at
 * DingTalk.
 */
final class LegacyUserInfoHandler {

    static final int CLOCK_SKEW = 853002;
    static final int BAD_ACCESS_KEY = 853003;
    static final int BAD_SIGNATURE = 853004;
    static final int UNKNOWN_CODE = 40078;
    static final int EXPIRED_CODE = 40102;
    /** DingTalk refuses a timestamp more than a minute from its own time. */
    static final Duration MAX_SKEW = Duration.ofMinutes(1);
    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,15}");

    private final AppCredentials app;
    private final Grants grants;
    private final Clock clock;
    private final AtomicReference<Duration> skew;
    private final Oapi oapi;
    private final Counters counters;

    /** @param skew how far the emulator's clock is off, live: a test moves it to provoke 853002 */
    LegacyUserInfoHandler(AppCredentials app, Grants grants, Clock clock, AtomicReference<Duration> skew, Oapi oapi,
            Counters counters) {
        this.app = app;
        this.grants = grants;
        this.clock = clock;
        this.skew = skew;
        this.oapi = oapi;
        this.counters = counters;
    }

    Response handle(RecordedRequest request) {
        if (!"POST".equals(request.method())) {
            return oapi.error(Oapi.POST_REQUIRED, "需要POST请求");
        }
        Params query = Params.parseOrEmpty(request.query());
        if (!query.first("accessKey").filter(app.clientId()::equals).isPresent()) {
            return oapi.error(BAD_ACCESS_KEY, "无效的accessKey");
        }
        Optional<String> timestamp = query.first("timestamp").filter(t -> MILLIS.matcher(t).matches());
        Optional<String> signature = query.first("signature");
        if (timestamp.isEmpty() || signature.isEmpty() || !signatureMatches(timestamp.get(), signature.get())) {
            return oapi.error(BAD_SIGNATURE, "签名不匹配");
        }
        long now = clock.millis() + skew.get().toMillis();
        if (Math.abs(now - Long.parseLong(timestamp.get())) > MAX_SKEW.toMillis()) {
            return oapi.error(CLOCK_SKEW, "时间戳与服务器时间相差超过1分钟");
        }
        Optional<String> code = JsonCodec.readObject(request.body())
                .flatMap(body -> JsonCodec.string(body, "tmp_auth_code"));
        if (code.isEmpty()) {
            return oapi.error(Oapi.BAD_PARAMETER, "参数错误: tmp_auth_code");
        }
        LegacyCodes.Redemption redemption = grants.redeemLegacyCode(code.get());
        return switch (redemption.outcome()) {
            case UNKNOWN -> oapi.error(UNKNOWN_CODE, "不存在的临时授权码");
            case EXPIRED -> oapi.error(EXPIRED_CODE, "临时授权码已过期");
            case REDEEMED -> {
                counters.count(Counters.Event.TOKEN_SUCCESS);
                yield oapi.plainOk(JsonCodec.object().add("user_info", userInfo(redemption.user())));
            }
        };
    }

    /** {@code {"errcode":0,"errmsg":"ok","user_info":{…}}}'s {@code user_info}. */
    static JsonObjectBuilder userInfo(EmulatorUser user) {
        JsonObjectBuilder info = JsonCodec.object().add("nick", user.nick()).add("unionid", user.unionId());
        if (user.legacyOpenIdOrOpenId() != null) {
            info.add("openid", user.legacyOpenIdOrOpenId());
        }
        return info.add("main_org_auth_high_level", user.isMember());
    }

    /** Base64(HMAC-SHA256(key = app secret, message = the timestamp)), compared in constant time. */
    private boolean signatureMatches(String timestamp, String presented) {
        return MessageDigest.isEqual(sign(app.clientSecret(), timestamp).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    static String sign(String secret, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
