package run.vendo.jakarta.internal.http;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * JSON text written by JSON-P, with the provider looked up once, and every character outside
 * printable ASCII escaped: the text reads the same whatever charset a container assumes.
 */
public final class AsciiJson {

    private static final JsonGeneratorFactory GENERATORS = JsonProvider.provider().createGeneratorFactory(Map.of());

    private AsciiJson() {}

    /**
     * Writes one JSON value.
     *
     * @param value writes the value to the generator it is given, complete
     * @return the JSON text, pure ASCII
     */
    public static String write(Consumer<JsonGenerator> value) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator generator = GENERATORS.createGenerator(out)) {
            value.accept(generator);
        }
        return escapeNonAscii(out.toString());
    }

    /**
     * JSON-P escapes quotes, backslashes and control characters but writes the rest as is. Outside
     * string literals JSON text is ASCII, so each other character is in one, where its four-digit
     * hexadecimal escape (a surrogate pair as two) stands for it.
     */
    private static String escapeNonAscii(String json) {
        StringBuilder ascii = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c > 0x7e) {
                if (ascii == null) {
                    ascii = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                ascii.append(String.format("\\u%04x", (int) c));
            } else if (ascii != null) {
                ascii.append(c);
            }
        }
        return ascii == null ? json : ascii.toString();
    }
}
