package run.vendo.errors;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The structured fields of a {@link VendoError}. Build one with {@link #of(String, String)} and the
 * {@code with…} methods. Serialisable with the error that holds it.
 *
 * @param code the machine-readable error code, for example {@code "binding_missing"}
 * @param message a human-readable message; never contains a token, identity token or API key
 * @param status the HTTP status Vendo answered with, or {@code null} for an error raised by the SDK
 * @param slug the provider slug the error concerns, or {@code null}
 * @param connectUrl where the user can connect or reconnect the provider, or {@code null}
 * @param retryAfter how long to wait before trying again, or {@code null}
 * @param suggestedFix a hint from Vendo on how to fix the problem, or {@code null}
 * @since 0.1.0
 * @serial exclude
 */
public record ErrorDetails(
        String code,
        String message,
        Integer status,
        String slug,
        String connectUrl,
        Duration retryAfter,
        String suggestedFix) implements Serializable {

    /**
     * Creates error details.
     *
     * @param code the machine-readable error code
     * @param message a human-readable message
     * @param status the HTTP status Vendo answered with, or {@code null}
     * @param slug the provider slug the error concerns, or {@code null}
     * @param connectUrl where the user can connect or reconnect the provider, or {@code null}
     * @param retryAfter how long to wait before trying again, or {@code null}
     * @param suggestedFix a hint from Vendo on how to fix the problem, or {@code null}
     * @throws NullPointerException if {@code code} or {@code message} is null
     */
    public ErrorDetails {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Creates details with only a code and a message.
     *
     * @param code the error code
     * @param message the message
     * @return the details
     */
    public static ErrorDetails of(String code, String message) {
        return new ErrorDetails(code, message, null, null, null, null, null);
    }

    /**
     * Returns a copy with another HTTP status.
     *
     * @param status the HTTP status
     * @return the copy
     */
    public ErrorDetails withStatus(Integer status) {
        return new ErrorDetails(code, message, status, slug, connectUrl, retryAfter, suggestedFix);
    }

    /**
     * Returns a copy with another slug.
     *
     * @param slug the provider slug
     * @return the copy
     */
    public ErrorDetails withSlug(String slug) {
        return new ErrorDetails(code, message, status, slug, connectUrl, retryAfter, suggestedFix);
    }

    /**
     * Returns a copy with another connect URL.
     *
     * @param connectUrl the connect URL
     * @return the copy
     */
    public ErrorDetails withConnectUrl(String connectUrl) {
        return new ErrorDetails(code, message, status, slug, connectUrl, retryAfter, suggestedFix);
    }

    /**
     * Returns a copy with another retry delay.
     *
     * @param retryAfter how long to wait
     * @return the copy
     */
    public ErrorDetails withRetryAfter(Duration retryAfter) {
        return new ErrorDetails(code, message, status, slug, connectUrl, retryAfter, suggestedFix);
    }

    /**
     * Returns a copy with another suggested fix.
     *
     * @param suggestedFix the hint
     * @return the copy
     */
    public ErrorDetails withSuggestedFix(String suggestedFix) {
        return new ErrorDetails(code, message, status, slug, connectUrl, retryAfter, suggestedFix);
    }

    /**
     * Returns a copy with another message.
     *
     * @param message the message
     * @return the copy
     */
    public ErrorDetails withMessage(String message) {
        return new ErrorDetails(code, message, status, slug, connectUrl, retryAfter, suggestedFix);
    }
}
