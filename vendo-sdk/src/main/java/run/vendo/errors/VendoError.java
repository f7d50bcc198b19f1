package run.vendo.errors;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An error reported by Vendo or raised by the SDK, with a machine-readable {@linkplain #code()
 * code}. Subclasses name the common cases, as in Vendo's other SDKs; an unknown code from Vendo
 * arrives as a plain {@code VendoError} with that code kept.
 *
 * <p>Messages never contain an access token, an identity token or an API key.
 *
 * @since 0.1.0
 */
public class VendoError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The error's code, message and the other structured fields. */
    private final ErrorDetails details;

    /**
     * Creates an error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public VendoError(String code, String message) {
        this(ErrorDetails.of(code, message), null);
    }

    /**
     * Creates an error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public VendoError(ErrorDetails details, Throwable cause) {
        super(details.message(), cause);
        this.details = details;
    }

    /**
     * Returns the machine-readable error code, for example {@code "binding_missing"}, or {@code
     * "http_<status>"} when Vendo answered an error without one.
     *
     * @return the code
     */
    public String code() {
        return details.code();
    }

    /**
     * Returns the HTTP status of Vendo's answer.
     *
     * @return the status, or empty for an error raised by the SDK itself
     */
    public OptionalInt status() {
        return details.status() == null ? OptionalInt.empty() : OptionalInt.of(details.status());
    }

    /**
     * Returns the provider slug the error concerns.
     *
     * @return the slug, if known
     */
    public Optional<String> slug() {
        return Optional.ofNullable(details.slug());
    }

    /**
     * Returns the URL where the user can connect or reconnect the provider.
     *
     * @return the connect URL, if Vendo sent one
     */
    public Optional<String> connectUrl() {
        return Optional.ofNullable(details.connectUrl());
    }

    /**
     * Returns how long to wait before trying again.
     *
     * @return the delay, if known
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(details.retryAfter());
    }

    /**
     * Returns Vendo's hint on how to fix the problem.
     *
     * @return the hint, if Vendo sent one
     */
    public Optional<String> suggestedFix() {
        return Optional.ofNullable(details.suggestedFix());
    }

    /**
     * Returns all structured fields at once.
     *
     * @return the details
     */
    public ErrorDetails details() {
        return details;
    }

    @Override
    public String toString() {
        return getClass().getName() + " [" + code() + (details.status() == null ? "" : ", HTTP " + details.status())
                + "]: " + getMessage();
    }
}
