package run.vendo.errors;

/**
 * The tenant's balance is used up ({@code balance_exhausted}).
 *
 * @since 0.1.0
 */
public class BalanceExhausted extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public BalanceExhausted(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public BalanceExhausted(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
