package run.vendo.jakarta.internal.identity;

import java.util.Objects;
import run.vendo.errors.ErrorCodes;

/** What the identity headers of one request amount to: nobody, an identity, or a rejection. */
public sealed interface IdentityResult {

    /** The single instance of {@link Absent}. */
    IdentityResult ABSENT = new Absent();

    /** Nobody is signed in. */
    record Absent() implements IdentityResult {}

    /**
     * The request carries an identity.
     *
     * @param identity the identity
     */
    record Present(RequestIdentity identity) implements IdentityResult {

        /** Creates the result. */
        public Present {
            Objects.requireNonNull(identity, "identity");
        }
    }

    /**
     * The request must be answered with an error and go no further.
     *
     * @param status 401 for a bad identity, 503 when it cannot be verified now
     * @param code the error code
     * @param message a message for the caller; never contains the token
     */
    record Rejected(int status, String code, String message) implements IdentityResult {

        /** Creates the result. */
        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A 401 rejection with {@link ErrorCodes#IDENTITY_INVALID}.
     *
     * @param message the message
     * @return the rejection
     */
    static Rejected invalid(String message) {
        return new Rejected(401, ErrorCodes.IDENTITY_INVALID, message);
    }
}
