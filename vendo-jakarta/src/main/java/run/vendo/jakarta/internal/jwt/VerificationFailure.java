package run.vendo.jakarta.internal.jwt;

import run.vendo.errors.ErrorCodes;
import run.vendo.internal.text.ErrorText;

/**
 * An identity token was not accepted: either it is bad (401, {@code identity_invalid} or {@code
 * identity_expired}) or it cannot be checked right now (503, {@code identity_verifier_unavailable}).
 * The message never contains the token.

 */
public final class VerificationFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    private VerificationFailure(int status, String code, String message, Throwable cause) {
        // The cause is kept for logs at debug level only; it may carry claim values, never the raw token.
        super(message, cause, false, false);
        this.status = status;
        this.code = code;
    }

    static VerificationFailure invalid(String reason) {
        return new VerificationFailure(401, ErrorCodes.IDENTITY_INVALID, ErrorText.IDENTITY_INVALID.with(": " + reason),
                null);
    }

    static VerificationFailure expired() {
        return new VerificationFailure(401, ErrorCodes.IDENTITY_EXPIRED, ErrorText.IDENTITY_EXPIRED.advice(), null);
    }

    static VerificationFailure unavailable(String message, Throwable cause) {
        return new VerificationFailure(503, ErrorCodes.IDENTITY_VERIFIER_UNAVAILABLE, message, cause);
    }

    /**
     * Returns the HTTP status to answer with.
     *
     * @return 401 or 503
     */
    public int status() {
        return status;
    }

    /**
     * Returns the Vendo error code.
     *
     * @return {@code identity_invalid}, {@code identity_expired} or {@code identity_verifier_unavailable}
     */
    public String code() {
        return code;
    }
}
