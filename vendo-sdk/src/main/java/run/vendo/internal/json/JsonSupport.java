package run.vendo.internal.json;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON-P access with the provider looked up once, not on every parse. */
public final class JsonSupport {

    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    private JsonSupport() {}

    /**
     * Parses exactly one JSON value (encoding detected by JSON-P).
     *
     * @throws JsonException if the input is not one well-formed JSON value, trailing content included,
     *     or nests deeper than the parser allows
     */
    public static JsonValue read(byte[] json) {
        return read(PARSERS.createParser(new ByteArrayInputStream(json)));
    }

    /**
     * Parses exactly one JSON value from text, without any encoding detection.
     *
     * @throws JsonException if the input is not one well-formed JSON value, trailing content included
     */
    public static JsonValue read(String json) {
        return read(PARSERS.createParser(new StringReader(json)));
    }

    private static JsonValue read(JsonParser jsonParser) {
        try (JsonParser parser = jsonParser) {
            if (!parser.hasNext()) {
                throw new JsonException("empty input");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonException("content after the JSON value");
            }
            return value;
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson reports a value nested deeper than it allows with a plain RuntimeException.
            throw new JsonException("not a JSON value within the parser's limits", e);
        }
    }

    /**
     * A JSON value as the plain Java the public API hands out: unmodifiable {@code Map} and {@code
     * List}, {@code String}, {@code Long} for integers that fit, else {@code BigDecimal}, {@code
     * Boolean}, {@code null}.
     */
    public static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> number((JsonNumber) value);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case ARRAY -> value.asJsonArray().stream().map(JsonSupport::plain).toList();
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((k, v) -> map.put(k, plain(v)));
                yield Collections.unmodifiableMap(map);
            }
        };
    }

    private static Object number(JsonNumber number) {
        if (number.isIntegral()) {
            try {
                return number.bigDecimalValue().longValueExact();
            } catch (ArithmeticException tooLarge) {
                return number.bigDecimalValue();
            }
        }
        return number.bigDecimalValue();
    }

    /** A string member, or {@code null} when it is absent, null or not a string. */
    public static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
