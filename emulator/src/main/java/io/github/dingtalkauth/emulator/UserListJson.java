package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a JSON array of {@link EmulatorUser}s.
 *
 * <p>Strict on purpose: a misspelt field name in a hand-written users file would otherwise silently drop, say, the
 * e-mail, and a test would pass or fail for the wrong reason.
 */
final class UserListJson {

    private static final Set<String> FIELDS = Set.of(
            "key", "unionId", "openId", "nick", "avatarUrl", "email", "mobile", "stateCode", "corpId", "visitor");

    private UserListJson() {
    }

    static List<EmulatorUser> parse(String json, String source) {
        JsonValue document = JsonCodec.read(json)
                .orElseThrow(() -> new IllegalArgumentException(source + ": not valid JSON"));
        if (document.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException(source + ": expected a JSON array of users");
        }
        List<EmulatorUser> users = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonValue element : document.asJsonArray()) {
            if (element.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException(source + ": every user must be a JSON object");
            }
            EmulatorUser user = user(element.asJsonObject(), source);
            if (!keys.add(user.key())) {
                throw new IllegalArgumentException(source + ": duplicate user key " + user.key());
            }
            users.add(user);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(source + ": no users");
        }
        return List.copyOf(users);
    }

    private static EmulatorUser user(JsonObject json, String source) {
        for (String name : json.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(source + ": unknown user field \"" + name + "\"; known: " + FIELDS);
            }
        }
        return new EmulatorUser(
                required(json, "key", source),
                required(json, "unionId", source),
                text(json, "openId", source),
                required(json, "nick", source),
                text(json, "avatarUrl", source),
                text(json, "email", source),
                text(json, "mobile", source),
                text(json, "stateCode", source),
                text(json, "corpId", source),
                flag(json, "visitor", source));
    }

    private static String required(JsonObject json, String name, String source) {
        String value = text(json, name, source);
        if (value == null) {
            throw new IllegalArgumentException(source + ": every user needs \"" + name + "\"");
        }
        return value;
    }

    private static String text(JsonObject json, String name, String source) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new IllegalArgumentException(source + ": \"" + name + "\" must be a string");
        }
        return json.getString(name);
    }

    private static boolean flag(JsonObject json, String name, String source) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return false;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw new IllegalArgumentException(source + ": \"" + name + "\" must be true or false");
        }
        return value == JsonValue.TRUE;
    }
}
