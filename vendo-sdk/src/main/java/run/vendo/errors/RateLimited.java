package run.vendo.errors;

/**
 * Vendo or the provider limited the request rate ({@code upstream_rate_limited}, or HTTP 429 without a code); wait
 * {@link #retryAfter()} before trying again. Not retried by the SDK.
 *
 * @since 0.1.0
 */
public class RateLimited extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public RateLimited(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public RateLimited(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
