package io.github.dingtalkauth.emulator;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, strict reads of a hand-written users file: a misspelt field name or a wrong type is an error naming the
 * file and the field, never a silently missing value that makes a test pass or fail for the wrong reason.
 */
final class StrictJson {

    /** A problem in the file, its message already naming the file. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private final String source;

    StrictJson(String source) {
        this.source = source;
    }

    Invalid error(String message) {
        return new Invalid(source + ": " + message);
    }

    void onlyKnownFields(JsonObject json, Set<String> known, String what) {
        for (String name : json.keySet()) {
            if (!known.contains(name)) {
                throw error("unknown " + what + " field \"" + name + "\"; known: " + known);
            }
        }
    }

    JsonObject object(JsonValue value, String what) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw error(what + " must be a JSON object");
        }
        return value.asJsonObject();
    }

    String required(JsonObject json, String name, String what) {
        String value = text(json, name);
        if (value == null) {
            throw error("every " + what + " needs \"" + name + "\"");
        }
        return value;
    }

    String text(JsonObject json, String name) {
        JsonValue value = present(json, name);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw error("\"" + name + "\" must be a string");
        }
        return json.getString(name);
    }

    boolean flag(JsonObject json, String name, boolean absent) {
        JsonValue value = present(json, name);
        if (value == null) {
            return absent;
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw error("\"" + name + "\" must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    Long integer(JsonObject json, String name) {
        JsonValue value = present(json, name);
        return value == null ? null : integer(value, name);
    }

    long integer(JsonValue value, String name) {
        if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
            throw error("\"" + name + "\" must be a whole number");
        }
        return ((JsonNumber) value).longValueExact();
    }

    /** The elements of an array member, each read by {@code element}; an absent member is an empty list. */
    <T> List<T> list(JsonObject json, String name, Function<JsonValue, T> element) {
        JsonValue value = present(json, name);
        if (value == null) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw error("\"" + name + "\" must be an array");
        }
        List<T> items = new ArrayList<>();
        value.asJsonArray().forEach(item -> items.add(element.apply(item)));
        return items;
    }

    private static JsonValue present(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }
}
