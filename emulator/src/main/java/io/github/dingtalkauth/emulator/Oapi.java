package io.github.dingtalkauth.emulator;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What every {@code oapi.dingtalk.com} endpoint shares: HTTP 200 whatever happened, {@code errcode} (0 for success)
 * and {@code errmsg}, the app token in {@code ?access_token=}, and, when switched on, numbers and booleans written as
 * strings ({@code "errcode":"0"}), as DingTalk's own documentation prints them.
 */
final class Oapi {

    /** DingTalk's {@code errcode} for a failed authentication; the reason is in the string {@code sub_code}. */
    static final int AUTH_FAILED = 88;
    static final String INVALID_TOKEN = "40014";
    /** From DingTalk's global error table. */
    static final int NOT_FOUND = 60121;
    /** From DingTalk's global error table ({@code 43001} is its GET twin). */
    static final int POST_REQUIRED = 43002;
    static final int GET_REQUIRED = 43001;
    /** "Bad parameter", documented on {@code topapi/v2/user/get}; the emulator uses it for any malformed body. */
    static final int BAD_PARAMETER = 400002;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppTokens appTokens;
    private final AtomicBoolean stringTyped;

    Oapi(AppTokens appTokens, AtomicBoolean stringTyped) {
        this.appTokens = appTokens;
        this.stringTyped = stringTyped;
    }

    /**
     * A {@code topapi} call: POST, a valid app token, a JSON (or form) body; {@code action} gets the body and answers.
     * The order of the checks (method, token, body) is the emulator's choice; DingTalk does not document one.
     */
    Response topapi(RecordedRequest request, Function<JsonObject, Response> action) {
        if (!"POST".equals(request.method())) {
            return error(POST_REQUIRED, "需要POST请求");
        }
        Optional<String> token = Params.parseOrEmpty(request.query()).first("access_token");
        // A missing token is answered like an invalid one; DingTalk does not document the difference.
        if (token.isEmpty() || !appTokens.isValid(token.get())) {
            return invalidToken(INVALID_TOKEN, "不合法的access_token");
        }
        Optional<JsonObject> body = body(request);
        return body.isPresent() ? action.apply(body.get()) : error(BAD_PARAMETER, "参数错误");
    }

    /** {@code {"errcode":0,"errmsg":"ok","result":…,"request_id":…}}. */
    Response result(JsonValue result) {
        return send(JsonCodec.object().add("errcode", 0).add("errmsg", "ok").add("result", result)
                .add("request_id", requestId()));
    }

    /** {@code {"errcode":0,"errmsg":"ok",…}} with these members after errmsg, no request_id (as {@code gettoken}). */
    Response plainOk(JsonObjectBuilder members) {
        JsonObjectBuilder json = JsonCodec.object().add("errcode", 0).add("errmsg", "ok");
        members.build().forEach(json::add);
        return send(json);
    }

    Response error(int errcode, String errmsg) {
        return send(errorBody(errcode, errmsg));
    }

    /** errcode 88, the shape DingTalk uses for authentication failures: the reason is a string sub_code. */
    Response invalidToken(String subCode, String subMsg) {
        return send(authErrorBody(subCode, subMsg));
    }

    static JsonObjectBuilder errorBody(int errcode, String errmsg) {
        return JsonCodec.object().add("errcode", errcode).add("errmsg", errmsg).add("request_id", requestId());
    }

    static JsonObjectBuilder authErrorBody(String subCode, String subMsg) {
        return JsonCodec.object().add("errcode", AUTH_FAILED)
                .add("errmsg", "ding talk error[subcode=" + subCode + ",submsg=" + subMsg + "]")
                .add("sub_code", subCode).add("sub_msg", subMsg).add("request_id", requestId());
    }

    private Response send(JsonObjectBuilder json) {
        JsonObject body = json.build();
        return Response.json(200, stringTyped.get() ? stringified(body).asJsonObject() : body);
    }

    /** Every number and boolean, at any depth, as a string; arrays and objects keep their shape. */
    static JsonValue stringified(JsonValue value) {
        return switch (value.getValueType()) {
            case NUMBER -> JsonCodec.stringValue(((JsonNumber) value).toString());
            case TRUE -> JsonCodec.stringValue("true");
            case FALSE -> JsonCodec.stringValue("false");
            case OBJECT -> {
                JsonObjectBuilder object = JsonCodec.object();
                for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
                    object.add(member.getKey(), stringified(member.getValue()));
                }
                yield object.build();
            }
            case ARRAY -> {
                JsonArrayBuilder array = JsonCodec.array();
                value.asJsonArray().forEach(item -> array.add(stringified(item)));
                yield array.build();
            }
            default -> value;
        };
    }

    /** JSON, or a form (DingTalk's curl examples send topapi parameters form-encoded), as one object of members. */
    private static Optional<JsonObject> body(RecordedRequest request) {
        if (request.isForm()) {
            try {
                JsonObjectBuilder json = JsonCodec.object();
                Params.parse(request.body()).forEachFirst(json::add);
                return Optional.of(json.build());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return JsonCodec.readObject(request.body());
    }

    /** The shape of DingTalk's oapi request ids: 13 lower-case letters and digits. */
    private static String requestId() {
        StringBuilder id = new StringBuilder(13);
        for (int i = 0; i < 13; i++) {
            id.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return id.toString();
    }
}
