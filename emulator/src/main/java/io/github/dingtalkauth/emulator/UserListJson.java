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

    private static final Set<String> FIELDS = Set.of("key", "unionId", "openId", "nick", "avatarUrl", "email",
            "mobile", "stateCode", "corpId", "visitor", "membership", "legacyOpenId");

    private UserListJson() {
    }

    static List<EmulatorUser> parse(String json, String source) {
        StrictJson strict = new StrictJson(source);
        JsonValue document = JsonCodec.read(json).orElseThrow(() -> strict.error("not valid JSON"));
        if (document.getValueType() != JsonValue.ValueType.ARRAY) {
            throw strict.error("expected a JSON array of users");
        }
        List<EmulatorUser> users = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonValue element : document.asJsonArray()) {
            EmulatorUser user = user(strict.object(element, "every user"), strict);
            if (!keys.add(user.key())) {
                throw strict.error("duplicate user key " + user.key());
            }
            users.add(user);
        }
        if (users.isEmpty()) {
            throw strict.error("no users");
        }
        return List.copyOf(users);
    }

    private static EmulatorUser user(JsonObject json, StrictJson strict) {
        strict.onlyKnownFields(json, FIELDS, "user");
        JsonValue membership = json.get("membership");
        return new EmulatorUser(
                strict.required(json, "key", "user"),
                strict.required(json, "unionId", "user"),
                strict.text(json, "openId"),
                strict.required(json, "nick", "user"),
                strict.text(json, "avatarUrl"),
                strict.text(json, "email"),
                strict.text(json, "mobile"),
                strict.text(json, "stateCode"),
                strict.text(json, "corpId"),
                strict.flag(json, "visitor", false),
                membership == null || membership == JsonValue.NULL
                        ? null : MembershipJson.read(strict.object(membership, "\"membership\""), strict),
                strict.text(json, "legacyOpenId"));
    }
}
