package run.vendo.jakarta.internal.text;

import run.vendo.errors.ErrorCodes;
import run.vendo.internal.text.ErrorText;

/**
 * The words of the codes only this integration raises: one text per code, kept here and nowhere
 * else. The codes the core raises too keep their one text in the core's {@link ErrorText}; a
 * {@code %s} slot takes the facts of one case, as there.
 */
public enum JakartaErrorText {

    /** {@link ErrorCodes#IDENTITY_VERIFIER_UNAVAILABLE}: the slot names the key set. */
    IDENTITY_VERIFIER_UNAVAILABLE(ErrorCodes.IDENTITY_VERIFIER_UNAVAILABLE,
            "Identity tokens cannot be verified right now: the key set%s could not be fetched. Try again shortly."),
    /** {@link ErrorCodes#METHOD_NOT_ALLOWED}. */
    METHOD_NOT_ALLOWED(ErrorCodes.METHOD_NOT_ALLOWED, "Vendo delivers webhooks with POST."),
    /** {@link ErrorCodes#WEBHOOK_TOO_LARGE}: the slot gives the limit. */
    WEBHOOK_TOO_LARGE(ErrorCodes.WEBHOOK_TOO_LARGE, "A webhook delivery may have at most%s bytes."),
    /** {@link ErrorCodes#WEBHOOK_BUSY}. */
    WEBHOOK_BUSY(ErrorCodes.WEBHOOK_BUSY,
            "Too many webhook deliveries are being received at once; deliver it again later."),
    /** {@link ErrorCodes#WEBHOOK_IN_FLIGHT}. */
    WEBHOOK_IN_FLIGHT(ErrorCodes.WEBHOOK_IN_FLIGHT, "This event is being handled by an earlier delivery whose"
            + " outcome is not known yet; deliver it again later."),
    /** {@link ErrorCodes#WEBHOOK_OBSERVER_FAILED}. */
    WEBHOOK_OBSERVER_FAILED(ErrorCodes.WEBHOOK_OBSERVER_FAILED, "An observer of the webhook failed; deliver it again.");

    private final String code;
    private final String template;

    JakartaErrorText(String code, String template) {
        this.code = code;
        this.template = template;
    }

    /**
     * Returns the code this text belongs to.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * Fills the slots in order; a slot with no value reads as nothing.
     *
     * @param facts the facts of the case
     * @return the message
     */
    public String with(String... facts) {
        return ErrorText.fill(template, facts);
    }
}
