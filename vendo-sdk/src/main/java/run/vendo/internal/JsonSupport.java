package run.vendo.internal;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.Map;

/** JSON-P access with the provider looked up once, not on every parse. */
final class JsonSupport {

    private static final JsonParserFactory PARSERS = JsonProvider.provider().createParserFactory(Map.of());

    private JsonSupport() {}

    /**
     * Parses exactly one JSON value (encoding detected by JSON-P).
     *
     * @throws JsonException if the input is not one well-formed JSON value, trailing content included
     */
    static JsonValue read(byte[] json) {
        return read(PARSERS.createParser(new ByteArrayInputStream(json)));
    }

    /**
     * Parses exactly one JSON value from text, without any encoding detection.
     *
     * @throws JsonException if the input is not one well-formed JSON value, trailing content included
     */
    static JsonValue read(String json) {
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
        } catch (IllegalStateException | java.util.NoSuchElementException e) {
            throw new JsonException("not a JSON value", e);
        }
    }

    /** A string member, or {@code null} when it is absent, null or not a string. */
    static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
