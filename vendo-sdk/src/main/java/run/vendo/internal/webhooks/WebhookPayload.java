package run.vendo.internal.webhooks;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import run.vendo.WebhookEvent;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ErrorDetails;
import run.vendo.errors.ValidationError;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.json.WireTime;
import run.vendo.internal.text.ControlCharacters;
import run.vendo.internal.text.ErrorText;

/** The body of a verified webhook, {@code {id, type, occurred_at, data}}, and the times webhooks carry. */
public final class WebhookPayload {

    private WebhookPayload() {}

    /**
     * Reads an event from a body whose signature verified.
     *
     * @throws ValidationError ({@code webhook_invalid}) when it is not a JSON object with a string
     *     {@code id} and {@code type}, an {@code occurred_at} that is a time, and a {@code data} that is an object
     */
    static WebhookEvent parse(byte[] body) {
        JsonValue json;
        try {
            json = JsonSupport.read(body);
        } catch (JsonException e) {
            throw new ValidationError(ErrorDetails.of(ErrorCodes.WEBHOOK_INVALID, ErrorText.WEBHOOK_INVALID.with(
                    ": the body is not JSON, or nests deeper than the parser allows")), e);
        }
        if (!(json instanceof JsonObject event)) {
            throw invalid("the body is not a JSON object");
        }
        String id = requiredText(event, "id");
        String type = requiredText(event, "type");
        return new WebhookEvent(id, type, occurredAt(event.get("occurred_at")), data(event.get("data")));
    }

    /**
     * Reads a time as webhooks send it: unix seconds (digits only) or RFC 3339.
     *
     * @return the instant, or {@code null} when the text is neither
     */
    static Instant instant(String text) {
        try {
            if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return WireTime.instant(text);
        } catch (DateTimeException | NumberFormatException beyondAnyDate) {
            return null;
        }
    }

    static ValidationError invalid(String reason) {
        return new ValidationError(ErrorCodes.WEBHOOK_INVALID, ErrorText.WEBHOOK_INVALID.with(": " + reason));
    }

    private static String requiredText(JsonObject event, String name) {
        String value = JsonSupport.string(event, name);
        if (value == null || value.isBlank()) {
            throw invalid("the body has no \"" + name + "\" string");
        }
        if (ControlCharacters.hasControl(value)) {
            // An id or type is logged and shown: one that could split a log line is refused.
            throw invalid("the body's \"" + name + "\" holds control characters or line separators");
        }
        return value;
    }

    private static Instant occurredAt(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        Instant instant = null;
        if (value instanceof JsonString text) {
            instant = instant(text.getString());
        } else if (value instanceof JsonNumber number && number.isIntegral()) {
            instant = instant(number.toString());
        }
        if (instant == null) {
            throw invalid("the body's \"occurred_at\" is neither an RFC 3339 time nor unix seconds");
        }
        return instant;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw invalid("the body's \"data\" is not a JSON object");
        }
        return (Map<String, Object>) JsonSupport.plain(value);
    }
}
