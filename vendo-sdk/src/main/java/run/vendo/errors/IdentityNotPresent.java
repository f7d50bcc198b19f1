package run.vendo.errors;

/**
 * The request carries no {@code X-Vendo-User-JWT} header, or only a blank one ({@code identity_not_present}). Raised by
 * {@code forRequest}.
 *
 * @since 0.1.0
 */
public class IdentityNotPresent extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public IdentityNotPresent(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public IdentityNotPresent(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
