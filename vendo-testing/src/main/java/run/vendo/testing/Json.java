package run.vendo.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
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

    /** An object of plain Java values: {@code Map}, {@code Collection}, {@code String}, numbers, booleans, nulls. */
    static JsonObjectBuilder object(Map<String, ?> values) {
        return PROVIDER.createObjectBuilder(new LinkedHashMap<String, Object>(values));
    }

    static byte[] bytes(JsonObject object) {
        return text(object).getBytes(StandardCharsets.UTF_8);
    }

    /** An object as compact JSON text. */
    static String text(JsonObject object) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
