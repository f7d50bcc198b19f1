package run.vendo.jakarta.internal.text;

import run.vendo.VendoHeaders;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.text.ErrorText;

/**
 * The errors this integration raises for the codes the core raises too, each with the core's one
 * text for its code and the case's own advice in the text's slot.
 */
public final class Errors {

    private Errors() {}

    /**
     * Returns a new error for a request without a signed-in user.
     *
     * @return the error
     */
    public static IdentityNotPresent identityNotPresent() {
        return new IdentityNotPresent(ErrorCodes.IDENTITY_NOT_PRESENT, ErrorText.IDENTITY_NOT_PRESENT.with(
                "; requests that reach the deployment through Vendo carry one, and background jobs should pass the"
                        + " token along and call Vendo.forUser(jwt)"));
    }

    /**
     * Returns a new error for an outbound call that wants the user's token in a request without one.
     *
     * @return the error
     */
    public static IdentityNotPresent tokenWithoutUser() {
        return new IdentityNotPresent(ErrorCodes.IDENTITY_NOT_PRESENT, ErrorText.IDENTITY_NOT_PRESENT.with(
                ", so an outbound call marked @VendoToken has no user's token to send; for the deployment's own"
                        + " token use @VendoToken(identity = DEPLOYMENT)"));
    }

    /**
     * Returns a new error for a user known from the proxy's single sign-on headers only.
     *
     * @return the error
     */
    public static IdentityNotPresent ssoWithoutToken() {
        return new IdentityNotPresent(ErrorCodes.IDENTITY_NOT_PRESENT, ErrorText.IDENTITY_NOT_PRESENT.with(
                "; the user is known from " + VendoHeaders.USER_ID + " only, and the user's own tokens need the"
                        + " token"));
    }

    /**
     * Returns a new error for a per-user feature used in OSS mode.
     *
     * @return the error
     */
    public static VendoOnlyFeature vendoOnlyFeature() {
        return new VendoOnlyFeature(ErrorCodes.VENDO_ONLY_FEATURE,
                ErrorText.VENDO_ONLY_FEATURE.with(" for a user-scoped Vendo client (@VendoUser)"));
    }
}
