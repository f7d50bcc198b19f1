package run.vendo.errors;

/**
 * Vendo rejected the request as invalid ({@code validation_failed}).
 *
 * @since 0.1.0
 */
public class ValidationError extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public ValidationError(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public ValidationError(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
