package io.github.dingtalkauth.emulator;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;

/** JSON-P with one provider looked up once (the lookup goes through ServiceLoader every time otherwise). */
final class JsonCodec {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonCodec() {
    }

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    static JsonString stringValue(String value) {
        return PROVIDER.createValue(value);
    }

    static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    static JsonObjectBuilder object(JsonObject copyOf) {
        return PROVIDER.createObjectBuilder(copyOf);
    }

    /** DingTalk leaves out what it does not know (or may not tell), rather than sending null. */
    static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    static String write(JsonStructure json) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = PROVIDER.createWriter(out)) {
            writer.write(json);
        }
        return out.toString();
    }

    /** The document as a JSON value, or empty when it is not JSON at all. */
    static Optional<JsonValue> read(String text) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(text))) {
            return Optional.of(reader.readValue());
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonObject> readObject(String text) {
        return read(text).filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT).map(JsonValue::asJsonObject);
    }

    /** A member that is a non-empty string; anything else (absent, null, a number) counts as missing. */
    static Optional<String> string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            return Optional.empty();
        }
        String text = object.getString(name);
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
