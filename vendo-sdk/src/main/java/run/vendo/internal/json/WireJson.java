package run.vendo.internal.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ErrorDetails;
import run.vendo.errors.UpstreamError;
import run.vendo.internal.text.ErrorText;
import run.vendo.internal.text.Redactor;

/**
 * Members of Vendo's JSON answers read strictly ({@code requireLong}, …), where a member of another
 * type makes the whole answer invalid, and the {@code invalid_response} error itself; lenient reads,
 * where such a member counts as absent, are {@link JsonSupport#string} and the accessors of the
 * wire types over their kept fields. Absent and JSON {@code null} are the same everywhere.
 */
public final class WireJson {

    private WireJson() {}

    /** The error of a 200 answer that is not what this SDK expects ({@code invalid_response}). */
    public static UpstreamError invalid(String why, String slug) {
        return invalid(why, slug, 200);
    }

    /** The error of a 2xx answer that is not what this SDK expects ({@code invalid_response}). */
    public static UpstreamError invalid(String why, String slug, int status) {
        return new UpstreamError(ErrorDetails.of(ErrorCodes.INVALID_RESPONSE, ErrorText.INVALID_RESPONSE.with(
                        ": " + why + (slug == null ? "" : " (for '" + Redactor.scrub(slug, List.of()) + "')")))
                .withStatus(status).withSlug(slug), null);
    }

    /** Whether the member is missing or JSON {@code null}. */
    static boolean absent(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    /** A whole number that fits a {@code long}, {@code fallback} when absent; anything else is invalid. */
    public static long requireLong(JsonObject object, String name, long fallback) {
        Long value = nullableLong(object, name);
        return value == null ? fallback : value;
    }

    /** A whole number that fits a {@code long}, {@code null} when absent; anything else is invalid. */
    public static Long nullableLong(JsonObject object, String name) {
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
    public static String requireString(JsonObject object, String name, String fallback) {
        if (absent(object, name)) {
            return fallback;
        }
        if (object.get(name) instanceof JsonString s) {
            return s.getString();
        }
        throw invalid("'" + name + "' is not a string", null);
    }
}
