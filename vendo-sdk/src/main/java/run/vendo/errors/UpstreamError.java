package run.vendo.errors;

/**
 * Vendo or the provider failed ({@code upstream_error}, a 5xx answer after the last attempt, {@code network_error} when
 * Vendo could not be reached, or {@code invalid_response} when its answer was not the expected JSON).
 *
 * @since 0.1.0
 */
public class UpstreamError extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public UpstreamError(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public UpstreamError(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
