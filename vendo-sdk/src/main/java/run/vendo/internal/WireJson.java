package run.vendo.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ErrorDetails;
import run.vendo.errors.UpstreamError;

/**
 * Members of Vendo's JSON answers read two ways: <em>strictly</em> ({@code requireLong}, …), where
 * a member of another type makes the whole answer invalid, and <em>leniently</em> ({@code
 * optional…}, and {@link JsonSupport#string} for strings), where it counts as absent. Absent and
 * JSON {@code null} are the same everywhere.
 */
final class WireJson {

    private WireJson() {}

    /** The error of a 200 answer that is not what this SDK expects ({@code invalid_response}). */
    static UpstreamError invalid(String why, String slug) {
        return invalid(why, slug, 200);
    }

    /** The error of a 2xx answer that is not what this SDK expects ({@code invalid_response}). */
    static UpstreamError invalid(String why, String slug, int status) {
        return new UpstreamError(ErrorDetails.of(ErrorCodes.INVALID_RESPONSE,
                "Vendo's answer is not what this SDK expects: " + why
                        + (slug == null ? "" : " (for '" + Redactor.scrub(slug, List.of()) + "')") + ".")
                .withStatus(status).withSlug(slug), null);
    }

    /** Whether the member is missing or JSON {@code null}. */
    static boolean absent(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    /** A whole number that fits a {@code long}, {@code fallback} when absent; anything else is invalid. */
    static long requireLong(JsonObject object, String name, long fallback) {
        Long value = nullableLong(object, name);
        return value == null ? fallback : value;
    }

    /** A whole number that fits a {@code long}, {@code null} when absent; anything else is invalid. */
    static Long nullableLong(JsonObject object, String name) {
        if (absent(object, name)) {
            return null;
        }
        if (object.get(name) instanceof JsonNumber number) {
            try {
                return number.bigDecimalValue().longValueExact();
            } catch (ArithmeticException notAWholeLong) {
                // reported below
            }
        }
        throw invalid("'" + name + "' is not a whole number", null);
    }

    /** A string, {@code fallback} when absent; anything else is invalid. */
    static String requireString(JsonObject object, String name, String fallback) {
        if (absent(object, name)) {
            return fallback;
        }
        if (object.get(name) instanceof JsonString s) {
            return s.getString();
        }
        throw invalid("'" + name + "' is not a string", null);
    }

    /** A boolean, or {@code fallback} when absent or of another type. */
    static boolean optionalBoolean(JsonObject object, String name, boolean fallback) {
        JsonValue value = object.get(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> fallback;
        };
    }

    /** An array of strings, or {@code null} when absent or anything else (an element of another type included). */
    static List<String> optionalStrings(JsonObject object, String name) {
        if (!(object.get(name) instanceof JsonArray array)) {
            return null;
        }
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue element : array) {
            if (!(element instanceof JsonString s)) {
                return null;
            }
            strings.add(s.getString());
        }
        return strings;
    }

    /** An object as plain Java, or {@code null} when absent or of another type. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> optionalObject(JsonObject object, String name) {
        return object.get(name) instanceof JsonObject member ? (Map<String, Object>) JsonSupport.plain(member) : null;
    }
}
