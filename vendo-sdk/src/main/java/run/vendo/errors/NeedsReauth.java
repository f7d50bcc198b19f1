package run.vendo.errors;

/**
 * The provider connection exists but must be authorised again ({@code connection_needs_reauth}); send the user to
 * {@link #connectUrl()}.
 *
 * @since 0.1.0
 */
public class NeedsReauth extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public NeedsReauth(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public NeedsReauth(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
