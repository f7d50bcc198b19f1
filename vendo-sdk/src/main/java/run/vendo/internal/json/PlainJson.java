package run.vendo.internal.json;

import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import run.vendo.internal.text.Redactor;

/**
 * Writes a caller's plain Java values as JSON: {@code Map} with {@code String} keys, {@code
 * Collection}, arrays, {@code String}, {@code Number}, {@code Boolean}, {@code null} and JSON-P
 * {@code JsonValue}s. Anything else is refused with an {@link IllegalArgumentException} that names
 * where it was and its class, never its value, before a byte is sent.
 */
public final class PlainJson {

    /** Deeper nesting is taken for a map or list that contains itself. */
    static final int MAX_DEPTH = 100;

    private static final JsonGeneratorFactory GENERATORS = JsonProvider.provider().createGeneratorFactory(Map.of());

    private PlainJson() {}

    /**
     * The members as one JSON object, in their order.
     *
     * @throws IllegalArgumentException if a value, at any depth, is not plain JSON
     */
    public static byte[] object(Map<String, ?> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // On a refused value the generator is closed with the object unfinished; its complaint is suppressed.
        try (JsonGenerator generator = GENERATORS.createGenerator(out, StandardCharsets.UTF_8)) {
            write(generator, members, "", 0);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(where(path) + "nested more than " + MAX_DEPTH
                    + " levels deep (does a map or list contain itself?)");
        }
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.write(s);
        } else if (value instanceof Boolean b) {
            g.write(b);
        } else if (value instanceof Number n) {
            writeNumber(g, n, path);
        } else if (value instanceof JsonValue json) {
            g.write(json);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> member : map.entrySet()) {
                if (!(member.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(where(path) + "a map key is "
                            + (member.getKey() == null ? "null" : "a " + member.getKey().getClass().getName())
                            + "; JSON object keys are strings");
                }
                g.writeKey(key);
                write(g, member.getValue(), path.isEmpty() ? key : path + "." + key, depth + 1);
            }
            g.writeEnd();
        } else if (value instanceof Collection<?> collection) {
            g.writeStartArray();
            int i = 0;
            for (Object element : collection) {
                write(g, element, path + "[" + i++ + "]", depth + 1);
            }
            g.writeEnd();
        } else if (value.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                write(g, Array.get(value, i), path + "[" + i + "]", depth + 1);
            }
            g.writeEnd();
        } else {
            throw new IllegalArgumentException(where(path) + "a " + value.getClass().getName()
                    + " is not a JSON value; pass a Map, Collection, array, String, Number, Boolean or null");
        }
    }

    private static void writeNumber(JsonGenerator g, Number n, String path) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof AtomicInteger || n instanceof AtomicLong) {
            g.write(n.longValue());
        } else if (n instanceof BigInteger big) {
            g.write(big);
        } else if (n instanceof BigDecimal decimal) {
            g.write(decimal);
        } else if (n instanceof Double || n instanceof Float) {
            if (Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
                throw new IllegalArgumentException(where(path) + n + " is not a JSON number");
            }
            // Float's own decimal spelling: 0.1f is written 0.1, not 0.10000000149011612.
            g.write(new BigDecimal(n.toString()));
        } else {
            try {
                g.write(new BigDecimal(n.toString()));
            } catch (NumberFormatException notDecimal) {
                throw new IllegalArgumentException(where(path) + "a " + n.getClass().getName()
                        + " does not spell a decimal number");
            }
        }
    }

    /** The place of a refused value, e.g. {@code "args.to[2]: "}, cleaned of anything that looks like a credential. */
    private static String where(String path) {
        return path.isEmpty() ? "" : Redactor.scrub(path, List.of()) + ": ";
    }
}
