package run.vendo.errors;

/**
 * No token is available for the slug: the identity has not connected the provider or the connection was revoked
 * ({@code binding_missing}, {@code connection_revoked}), or, in OSS mode, the variable named in the message is unset.
 * {@link #connectUrl()} tells where to connect, when Vendo knows.
 *
 * @since 0.1.0
 */
public class NotConnected extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public NotConnected(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public NotConnected(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
