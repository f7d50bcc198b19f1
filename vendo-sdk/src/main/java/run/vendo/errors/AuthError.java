package run.vendo.errors;

/**
 * Authentication failed: the App Key is unknown, revoked or expired ({@code app_unknown}, {@code app_revoked},
 * {@code app_expired}), or the end user's identity token is ambiguous, malformed ({@code identity_invalid}) or expired
 * ({@code identity_expired}).
 *
 * @since 0.1.0
 */
public class AuthError extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public AuthError(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public AuthError(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
