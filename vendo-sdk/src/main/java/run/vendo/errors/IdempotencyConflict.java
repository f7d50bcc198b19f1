package run.vendo.errors;

/**
 * An idempotency key was reused with a different request ({@code idempotency_conflict}).
 *
 * @since 0.1.0
 */
public class IdempotencyConflict extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public IdempotencyConflict(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public IdempotencyConflict(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
