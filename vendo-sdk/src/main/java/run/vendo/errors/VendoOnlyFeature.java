package run.vendo.errors;

/**
 * The feature needs Vendo mode ({@code vendo_only_feature}): set {@code VENDO_API_KEY}. Raised by {@code forUser},
 * {@code forRequest} and {@code connections()} in OSS mode.
 *
 * @since 0.1.0
 */
public class VendoOnlyFeature extends VendoError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with a code and a message.
     *
     * @param code the error code
     * @param message the message
     */
    public VendoOnlyFeature(String code, String message) {
        super(code, message);
    }

    /**
     * Creates the error from its details.
     *
     * @param details the structured fields
     * @param cause the underlying failure, or {@code null}
     */
    public VendoOnlyFeature(ErrorDetails details, Throwable cause) {
        super(details, cause);
    }
}
