package io.github.dingtalkauth.client;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lenient readers for oapi answers. DingTalk's documentation prints numbers and booleans as strings
 * ({@code "errcode":"0"}, {@code "admin":"false"}) while the live service sends JSON numbers and booleans, so both
 * are accepted; anything else is a protocol violation. Failures name the field, never its value.
 */
final class OapiValues {
    /** More items than this in one list is not a real answer. */
    static final int MAX_ITEMS = 200;

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    /** What a value must look like to go into a log line: a provider code or request id, never free text. */
    static final Pattern LOGGABLE = Pattern.compile("[A-Za-z0-9._\\-]{1,100}");
    /** DingTalk's identifiers: unionId, openId, userid, corpId. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_=+\\-]{1,128}");

    private OapiValues() {
    }

    /** The answer's {@code errcode}, which every oapi answer carries. */
    static long errcode(JsonObject answer, String step) throws DingTalkApiException {
        Long code = number(answer, "errcode", step);
        if (code == null) {
            throw invalid(step, "errcode missing");
        }
        return code;
    }

    /** The string {@code sub_code} that comes with {@code errcode} 88, or null; a number is read as its digits. */
    static String subCode(JsonObject answer, String step) throws DingTalkApiException {
        JsonValue value = present(answer, "sub_code");
        if (value == null) {
            return null;
        }
        String text = value instanceof JsonString s ? s.getString()
                : value instanceof JsonNumber n && n.isIntegral() ? n.toString() : null;
        if (text == null || !CODE.matcher(text).matches()) {
            throw invalid(step, "sub_code malformed");
        }
        return text;
    }

    /** DingTalk's {@code request_id} when it is a plain token fit for a log line, else null. */
    static String requestId(JsonObject answer) {
        JsonValue value = answer.get("request_id");
        return value instanceof JsonString s && LOGGABLE.matcher(s.getString()).matches() ? s.getString() : null;
    }

    /** A whole number given as a JSON number or as a string of digits; null when absent or JSON null. */
    static Long number(JsonObject object, String name, String step) throws DingTalkApiException {
        return number(present(object, name), name, step);
    }

    private static Long number(JsonValue value, String name, String step) throws DingTalkApiException {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber n) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                throw invalid(step, name + " is not a whole number");
            }
        }
        if (value instanceof JsonString s && INTEGER.matcher(s.getString()).matches()) {
            return Long.parseLong(s.getString());
        }
        throw invalid(step, name + " has the wrong type");
    }

    /** {@code true}/{@code false} as JSON booleans or as those exact strings; null when absent or JSON null. */
    static Boolean bool(JsonObject object, String name, String step) throws DingTalkApiException {
        JsonValue value = present(object, name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() == ValueType.TRUE || value.getValueType() == ValueType.FALSE) {
            return value.getValueType() == ValueType.TRUE;
        }
        if (value instanceof JsonString s && (s.getString().equals("true") || s.getString().equals("false"))) {
            return Boolean.valueOf(s.getString());
        }
        throw invalid(step, name + " has the wrong type");
    }

    /** A JSON string as sent, the empty one included; null when absent or JSON null. */
    static String text(JsonObject object, String name, String step) throws DingTalkApiException {
        JsonValue value = present(object, name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw invalid(step, name + " has the wrong type");
        }
        return s.getString();
    }

    /** A JSON string of at most {@code max} characters; null when absent, JSON null or empty. */
    static String string(JsonObject object, String name, int max, String step) throws DingTalkApiException {
        String value = text(object, name, step);
        if (value != null && value.length() > max) {
            throw invalid(step, name + " is too long");
        }
        return value == null || value.isEmpty() ? null : value;
    }

    /** An identifier; null when absent or empty, a protocol violation when malformed. */
    static String id(JsonObject object, String name, String step) throws DingTalkApiException {
        String value = string(object, name, 128, step);
        if (value != null && !ID.matcher(value).matches()) {
            throw invalid(step, name + " malformed");
        }
        return value;
    }

    /** A required JSON object. */
    static JsonObject object(JsonObject object, String name, String step) throws DingTalkApiException {
        if (present(object, name) instanceof JsonObject found) {
            return found;
        }
        throw invalid(step, name + " missing or not an object");
    }

    /** A list of whole numbers, each a JSON number or a string of digits; empty when absent. */
    static List<Long> numbers(JsonObject object, String name, String step) throws DingTalkApiException {
        List<Long> numbers = new ArrayList<>();
        for (JsonValue item : array(object, name, step)) {
            Long n = number(item.getValueType() == ValueType.NULL ? null : item, name, step);
            if (n == null) {
                throw invalid(step, name + " has a null item");
            }
            numbers.add(n);
        }
        return List.copyOf(numbers);
    }

    /** A list of JSON objects; empty when absent. */
    static List<JsonObject> objects(JsonObject object, String name, String step) throws DingTalkApiException {
        List<JsonObject> objects = new ArrayList<>();
        for (JsonValue item : array(object, name, step)) {
            if (!(item instanceof JsonObject o)) {
                throw invalid(step, name + " has an item that is not an object");
            }
            objects.add(o);
        }
        return objects;
    }

    private static JsonArray array(JsonObject object, String name, String step) throws DingTalkApiException {
        JsonValue value = present(object, name);
        if (value == null) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (!(value instanceof JsonArray array)) {
            throw invalid(step, name + " is not a list");
        }
        if (array.size() > MAX_ITEMS) {
            throw invalid(step, name + " has more than " + MAX_ITEMS + " items");
        }
        return array;
    }

    private static JsonValue present(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == ValueType.NULL ? null : value;
    }

    static DingTalkApiException invalid(String step, String detail) {
        return new DingTalkApiException(Kind.INVALID_RESPONSE, step, 0, null, null, detail);
    }
}
