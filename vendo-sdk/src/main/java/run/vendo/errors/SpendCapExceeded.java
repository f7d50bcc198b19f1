package run.vendo.errors;

/**
 * A spending cap was reached ({@code spend_cap_daily}, {@code spend_cap_monthly}); {@link #retryAfter()} tells when it
 * resets, when Vendo knows.
 *
 * @since 0.1.0
 */
public class SpendCapExceeded extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public SpendCapExceeded(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public SpendCapExceeded(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
