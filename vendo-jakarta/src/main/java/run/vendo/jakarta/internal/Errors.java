package run.vendo.jakarta.internal;

import run.vendo.VendoHeaders;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.VendoOnlyFeature;

/**
 * The errors this integration raises itself, with messages that say what to do, and the codes of
 * the answers only this integration gives (the core's {@code ErrorCodes} holds the others).
 */
public final class Errors {

    /**
     * A webhook delivery whose event id another request is handling now (503 with {@code
     * Retry-After}): its outcome is not known yet, so Vendo is to deliver it again later.
     */
    public static final String WEBHOOK_IN_FLIGHT = "webhook_in_flight";
    /**
     * A webhook delivery refused before its body was read because the most deliveries the receiver
     * reads at once are being read (503 with {@code Retry-After}).
     */
    public static final String WEBHOOK_BUSY = "webhook_busy";

    private Errors() {}

    /**
     * Returns a new error for a request without a signed-in user.
     *
     * @return the error
     */
    public static IdentityNotPresent identityNotPresent() {
        return new IdentityNotPresent(ErrorCodes.IDENTITY_NOT_PRESENT,
                "No user is signed in: the request has no " + VendoHeaders.USER_JWT + " header. Requests that reach "
                        + "the deployment through Vendo carry one; background jobs should pass the token along and "
                        + "call Vendo.forUser(jwt).");
    }

    /**
     * Returns a new error for an outbound call that wants the user's token in a request without one.
     *
     * @return the error
     */
    public static IdentityNotPresent tokenWithoutUser() {
        return new IdentityNotPresent(ErrorCodes.IDENTITY_NOT_PRESENT,
                "No user is signed in, so an outbound call marked @VendoToken has no user's token to send: the "
                        + "request has no " + VendoHeaders.USER_JWT + " header. For the deployment's own token "
                        + "use @VendoToken(identity = DEPLOYMENT).");
    }

    /**
     * Returns a new error for a user known from the proxy's single sign-on headers only.
     *
     * @return the error
     */
    public static IdentityNotPresent ssoWithoutToken() {
        return new IdentityNotPresent(ErrorCodes.IDENTITY_NOT_PRESENT,
                "The user is known from " + VendoHeaders.USER_ID + " only: the user's own tokens need the "
                        + VendoHeaders.USER_JWT + " header, which this request does not carry.");
    }

    /**
     * Returns a new error for a per-user feature used in OSS mode.
     *
     * @return the error
     */
    public static VendoOnlyFeature vendoOnlyFeature() {
        return new VendoOnlyFeature(ErrorCodes.VENDO_ONLY_FEATURE,
                "A user-scoped Vendo client needs Vendo mode: set vendo.api-key (VENDO_API_KEY). In OSS mode "
                        + "inject the plain Vendo client instead.");
    }
}
