package run.vendo.internal.http;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import run.vendo.errors.AuthError;
import run.vendo.errors.BalanceExhausted;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ErrorDetails;
import run.vendo.errors.IdempotencyConflict;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.NeedsReauth;
import run.vendo.errors.NotConnected;
import run.vendo.errors.RateLimited;
import run.vendo.errors.SpendCapExceeded;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.ValidationError;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.json.WebUrls;
import run.vendo.internal.text.ErrorText;
import run.vendo.internal.text.Redactor;

/**
 * Turns an error answer from Vendo into a typed {@link VendoError}. The code comes from the
 * {@code Vendo-Error-Code} header, else from the body ({@code {"error": {"code": …}}} or {@code
 * {"error": "<code>", "detail": …}}; {@code {"message": …}} carries text only); a known code
 * decides the type, and an answer with an unknown code or none is typed by its status. A code
 * that is not a short lower-case word counts as none, and a connect URL other than an absolute
 * http(s) one is dropped: an upstream that misbehaves cannot have its text reflected as either.
 */
public final class ErrorMapper {

    /** What a code may look like: a short lower-case word. */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private ErrorMapper() {}

    /** What is known of a failed answer; the body may be empty or not JSON. */
    record ErrorAnswer(int status, String headerCode, String retryAfterHeader, byte[] body) {}

    static VendoError map(ErrorAnswer answer, String slug, List<String> secrets, Clock clock) {
        return map(answer, slug, secrets, clock, null);
    }

    /**
     * As {@link #map(ErrorAnswer, String, List, Clock)}, with {@code note} (the SDK's own words,
     * never a server's) appended to the message; {@code null} for none.
     */
    static VendoError map(ErrorAnswer answer, String slug, List<String> secrets, Clock clock, String note) {
        JsonObject error = errorObject(answer.body());
        String bodyCode = null;
        String message = null;
        String bodySlug = null;
        String connectUrl = null;
        String suggestedFix = null;
        Duration bodyRetryAfter = null;
        if (error != null) {
            JsonValue e = error.get("error");
            if (e instanceof JsonObject nested) {
                bodyCode = JsonSupport.string(nested, "code");
                message = JsonSupport.string(nested, "message");
                bodySlug = JsonSupport.string(nested, "slug");
                connectUrl = JsonSupport.string(nested, "connect_url");
                suggestedFix = JsonSupport.string(nested, "suggested_fix");
                bodyRetryAfter = seconds(nested.get("retry_after"));
            } else if (e instanceof JsonString flat) {
                bodyCode = flat.getString();
                message = JsonSupport.string(error, "detail");
                bodySlug = JsonSupport.string(error, "slug");
                connectUrl = JsonSupport.string(error, "connect_url");
                suggestedFix = JsonSupport.string(error, "suggested_fix");
                bodyRetryAfter = seconds(error.get("retry_after"));
            } else if (e == null) {
                message = JsonSupport.string(error, "message"); // {"message": …}, as the integrations routes answer
            }
        }
        // A code that is not a plain word counts as none, from the header and the body alike.
        String headerCode = validCode(answer.headerCode(), secrets);
        String code = headerCode != null ? headerCode : validCode(bodyCode, secrets);
        Duration retryAfter = RetryAfter.parse(answer.retryAfterHeader(), clock);
        if (retryAfter == null) {
            retryAfter = bodyRetryAfter;
        }

        // Every field a server wrote is scrubbed before it reaches the message or the details.
        String effectiveSlug = bodySlug != null ? Redactor.scrub(bodySlug, secrets) : slug;
        String text = Redactor.scrub(message, secrets);
        String safeConnectUrl = Redactor.scrub(WebUrls.absoluteHttp(connectUrl), secrets);
        String fullMessage = describe(code, answer.status(), effectiveSlug, text, safeConnectUrl);
        if (note != null) {
            fullMessage += (fullMessage.endsWith(".") ? " " : ". ") + note;
        }
        ErrorDetails details = new ErrorDetails(
                code != null ? code : ErrorCodes.ofStatus(answer.status()),
                fullMessage,
                answer.status(),
                effectiveSlug,
                safeConnectUrl,
                retryAfter,
                Redactor.scrub(suggestedFix, secrets));
        // Status first, code second: a code of its own type decides; any other is typed by the status.
        Function<ErrorDetails, VendoError> typed = code == null ? null : byCode(code);
        return (typed != null ? typed : byStatus(answer.status())).apply(details);
    }

    /**
     * The code as sent, stripped, when it is a plain word: a lower-case letter, then up to 63
     * lower-case letters, digits or underscores, holding none of the call's secrets nor anything
     * shaped like one. Otherwise {@code null}: the answer is treated as if it carried no code, so
     * that nothing a server chose reaches a header, a JSON body or a log line as a code.
     */
    static String validCode(String code, List<String> secrets) {
        if (code == null) {
            return null;
        }
        String c = code.strip();
        if (!CODE.matcher(c).matches() || !Redactor.scrub(c, secrets).equals(c)) {
            return null;
        }
        return c;
    }

    /** The typed error for a code that has a type of its own, else {@code null}. */
    static Function<ErrorDetails, VendoError> byCode(String code) {
        return switch (code) {
            // identity_*: the SDK's own codes for a bad user JWT, also when Vendo is the one to notice.
            case ErrorCodes.APP_UNKNOWN, ErrorCodes.APP_REVOKED, ErrorCodes.APP_EXPIRED,
                    ErrorCodes.IDENTITY_INVALID, ErrorCodes.IDENTITY_EXPIRED -> d -> new AuthError(d, null);
            case ErrorCodes.BINDING_MISSING, ErrorCodes.CONNECTION_REVOKED -> d -> new NotConnected(d, null);
            case ErrorCodes.CONNECTION_NEEDS_REAUTH -> d -> new NeedsReauth(d, null);
            case ErrorCodes.BALANCE_EXHAUSTED -> d -> new BalanceExhausted(d, null);
            case ErrorCodes.SPEND_CAP_DAILY, ErrorCodes.SPEND_CAP_MONTHLY -> d -> new SpendCapExceeded(d, null);
            case ErrorCodes.UPSTREAM_RATE_LIMITED -> d -> new RateLimited(d, null);
            case ErrorCodes.UPSTREAM_ERROR, ErrorCodes.COMPOSIO_ERROR, ErrorCodes.PROFILE_UNSUPPORTED ->
                d -> new UpstreamError(d, null);
            case ErrorCodes.VALIDATION_FAILED -> d -> new ValidationError(d, null);
            case ErrorCodes.IDEMPOTENCY_CONFLICT -> d -> new IdempotencyConflict(d, null);
            case ErrorCodes.VENDO_ONLY_FEATURE -> d -> new VendoOnlyFeature(d, null);
            case ErrorCodes.IDENTITY_NOT_PRESENT -> d -> new IdentityNotPresent(d, null);
            default -> null;
        };
    }

    /** The type of an error answer by its status alone: 401, 429 and 5xx have one; any other is a plain error. */
    static Function<ErrorDetails, VendoError> byStatus(int status) {
        if (status == 401) {
            return d -> new AuthError(d, null);
        }
        if (status == 429) {
            return d -> new RateLimited(d, null);
        }
        if (status >= 500 && status <= 599) {
            return d -> new UpstreamError(d, null);
        }
        return d -> new VendoError(d, null);
    }

    private static String describe(String code, int status, String slug, String text, String connectUrl) {
        StringBuilder m = new StringBuilder("Vendo answered HTTP ").append(status);
        if (code != null) {
            m.append(" (").append(code).append(')');
        }
        if (slug != null) {
            m.append(" for '").append(Redactor.scrub(slug, List.of())).append('\'');
        }
        if (text != null && !text.isEmpty()) {
            m.append(": ").append(text);
        }
        String hint = hint(code, status);
        if (hint != null) {
            m.append(text == null || text.isEmpty() ? ": " : " ").append(hint);
        }
        if (connectUrl != null) {
            m.append(" Connect at ").append(connectUrl).append('.');
        }
        return m.toString();
    }

    private static String hint(String code, int status) {
        if (code == null) {
            return status == 401 ? "Check VENDO_API_KEY." : null;
        }
        return ErrorText.of(code).map(ErrorText::advice).orElse(null);
    }

    private static JsonObject errorObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JsonSupport.read(body) instanceof JsonObject object ? object : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static Duration seconds(JsonValue value) {
        if (value instanceof JsonNumber n) {
            return seconds(n.bigDecimalValue());
        }
        if (value instanceof JsonString str) {
            try {
                return seconds(new BigDecimal(str.getString().strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Duration seconds(BigDecimal s) {
        if (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return null;
        }
        return Duration.ofMillis(s.movePointRight(3).longValue());
    }
}
