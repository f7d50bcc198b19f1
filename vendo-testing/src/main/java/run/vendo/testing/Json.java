package run.vendo.testing;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-P helpers: one cached provider, compact output, nullable values. */
final class Json {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    private Json() {}

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    static jakarta.json.JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /** Adds {@code value}, or JSON {@code null} when it is null. */
    static JsonObjectBuilder addNullable(JsonObjectBuilder builder, String name, String value) {
        return value == null ? builder.addNull(name) : builder.add(name, value);
    }

    /** An instant as ISO-8601 UTC truncated to seconds, e.g. {@code 2026-05-20T15:00:00Z}. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Parses one JSON value.
     *
     * @throws JsonException if {@code text} is not exactly one JSON value
     */
    static JsonValue parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /**
     * Parses one JSON object given by a user of the emulator.
     *
     * @param what names the argument in the message
     * @throws IllegalArgumentException if {@code text} is not one JSON object
     */
    static JsonObject userObject(String text, String what) {
        if (text != null) {
            try {
                if (parse(text) instanceof JsonObject object) {
                    return object;
                }
            } catch (JsonException notJson) {
                // reported below
            }
        }
        throw new IllegalArgumentException(what + " must be one JSON object");
    }

    /**
     * Parses one JSON value given by a user of the emulator.
     *
     * @param what names the argument in the message
     * @throws IllegalArgumentException if {@code text} is not one JSON value
     */
    static JsonValue userValue(String text, String what) {
        if (text != null) {
            try {
                return parse(text);
            } catch (JsonException notJson) {
                // reported below
            }
        }
        throw new IllegalArgumentException(what + " must be one JSON value");
    }

    /** An object of plain Java values: {@code Map}, {@code Collection}, {@code String}, numbers, booleans, nulls. */
    static JsonObjectBuilder object(Map<String, ?> values) {
        return PROVIDER.createObjectBuilder(new LinkedHashMap<String, Object>(values));
    }

    static byte[] bytes(JsonObject object) {
        return text(object).getBytes(StandardCharsets.UTF_8);
    }

    /** A value as compact JSON text. */
    static String text(JsonValue value) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.write(value);
        }
        return out.toString();
    }
}
