package run.vendo.jakarta.identity;

import java.util.Objects;

/**
 * What the identity headers of one request amount to: no identity, an identity, or a rejection
 * that ends the request.
 *
 * @since 0.1.0
 */
public sealed interface IdentityResult {

    /** The request carries no identity token (or only blank ones): nobody is signed in. */
    record Absent() implements IdentityResult {}

    /**
     * The request carries a well-formed identity.
     *
     * @param identity the identity
     */
    record Present(RequestIdentity identity) implements IdentityResult {

        /**
         * Creates the result.
         *
         * @param identity the identity
         * @throws NullPointerException if {@code identity} is null
         */
        public Present {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * The request must be answered with an error and go no further.
     *
     * @param status the HTTP status: 401 for a bad identity, 503 when it cannot be verified now
     * @param code the Vendo error code, for example {@code identity_invalid}
     * @param message a message for the caller; never contains the token
     */
    record Rejected(int status, String code, String message) implements IdentityResult {

        /**
         * Creates the result.
         *
         * @param status the HTTP status
         * @param code the Vendo error code
         * @param message the message
         * @throws NullPointerException if {@code code} or {@code message} is null
         */
        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The single instance of {@link Absent}. */
    IdentityResult ABSENT = new Absent();

    /** Error code of a malformed, ambiguous or unverifiable identity token. */
    String IDENTITY_INVALID = "identity_invalid";

    /** Error code of an identity token whose {@code exp} has passed. */
    String IDENTITY_EXPIRED = "identity_expired";

    /** Error code when the key set that verifies identity tokens cannot be fetched. */
    String VERIFIER_UNAVAILABLE = "identity_verifier_unavailable";

    /**
     * Shorthand for a 401 rejection with {@link #IDENTITY_INVALID}.
     *
     * @param message the message
     * @return the rejection
     */
    static Rejected invalid(String message) {
        return new Rejected(401, IDENTITY_INVALID, message);
    }
}
