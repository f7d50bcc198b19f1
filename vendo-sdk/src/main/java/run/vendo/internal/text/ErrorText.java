package run.vendo.internal.text;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import run.vendo.VendoHeaders;
import run.vendo.errors.ErrorCodes;

/**
 * The client's own words for each error code it raises or maps: one text per code, kept here and
 * nowhere else. A {@code %s} is a slot for the facts of one case (a header's name, a slug, a
 * reason); a slot left unfilled reads as nothing, which is how a text follows the message of an
 * answer from Vendo, as the advice on what to do. The Jakarta integration keeps the texts of the
 * codes only it raises.
 */
public enum ErrorText {

    /** {@link ErrorCodes#APP_UNKNOWN}. */
    APP_UNKNOWN(ErrorCodes.APP_UNKNOWN, "Check VENDO_API_KEY: the App Key is not accepted."),
    /** {@link ErrorCodes#APP_REVOKED}. */
    APP_REVOKED(ErrorCodes.APP_REVOKED, "Check VENDO_API_KEY: the App Key has been revoked."),
    /** {@link ErrorCodes#APP_EXPIRED}. */
    APP_EXPIRED(ErrorCodes.APP_EXPIRED, "Check VENDO_API_KEY: the App Key has expired."),
    /** {@link ErrorCodes#IDENTITY_INVALID}: the slot says what is wrong. */
    IDENTITY_INVALID(ErrorCodes.IDENTITY_INVALID, "The request's identity is malformed%s."),
    /** {@link ErrorCodes#IDENTITY_EXPIRED}: the slot gives the time. */
    IDENTITY_EXPIRED(ErrorCodes.IDENTITY_EXPIRED, "The identity token (" + VendoHeaders.USER_JWT
            + ") has expired%s: the user must sign in again, or the job must carry a fresh token."),
    /** {@link ErrorCodes#IDENTITY_NOT_PRESENT}: the slot says what to do in the caller's case. */
    IDENTITY_NOT_PRESENT(ErrorCodes.IDENTITY_NOT_PRESENT, "No user is signed in: the request has no "
            + VendoHeaders.USER_JWT + " header%s."),
    /** {@link ErrorCodes#VENDO_ONLY_FEATURE}: the slot names what needs it. */
    VENDO_ONLY_FEATURE(ErrorCodes.VENDO_ONLY_FEATURE, "Vendo mode is needed%s: set VENDO_API_KEY (vendo.api-key in"
            + " Jakarta EE, or the builder's apiKey) to the deployment's App Key."),
    /** {@link ErrorCodes#BINDING_MISSING}: the slots name the slug and, without Vendo, the variable to set. */
    BINDING_MISSING(ErrorCodes.BINDING_MISSING, "The provider%s is not connected for this identity%s."),
    /** {@link ErrorCodes#CONNECTION_REVOKED}. */
    CONNECTION_REVOKED(ErrorCodes.CONNECTION_REVOKED, "The connection was revoked: the user must connect again."),
    /** {@link ErrorCodes#CONNECTION_NEEDS_REAUTH}. */
    CONNECTION_NEEDS_REAUTH(ErrorCodes.CONNECTION_NEEDS_REAUTH, "The connection must be authorised again."),
    /** {@link ErrorCodes#BALANCE_EXHAUSTED}. */
    BALANCE_EXHAUSTED(ErrorCodes.BALANCE_EXHAUSTED, "The deployment's balance is used up: top it up to go on."),
    /** {@link ErrorCodes#SPEND_CAP_DAILY}. */
    SPEND_CAP_DAILY(ErrorCodes.SPEND_CAP_DAILY, "The daily spend cap is reached."),
    /** {@link ErrorCodes#SPEND_CAP_MONTHLY}. */
    SPEND_CAP_MONTHLY(ErrorCodes.SPEND_CAP_MONTHLY, "The monthly spend cap is reached."),
    /** {@link ErrorCodes#UPSTREAM_RATE_LIMITED}. */
    UPSTREAM_RATE_LIMITED(ErrorCodes.UPSTREAM_RATE_LIMITED, "The provider limits the rate of calls: try later."),
    /** {@link ErrorCodes#UPSTREAM_ERROR}. */
    UPSTREAM_ERROR(ErrorCodes.UPSTREAM_ERROR, "The provider or Vendo failed to answer."),
    /** {@link ErrorCodes#VALIDATION_FAILED}: the slot says what is wrong. */
    VALIDATION_FAILED(ErrorCodes.VALIDATION_FAILED, "The request is not valid%s."),
    /** {@link ErrorCodes#IDEMPOTENCY_CONFLICT}. */
    IDEMPOTENCY_CONFLICT(ErrorCodes.IDEMPOTENCY_CONFLICT,
            "The idempotency key was used before for another request."),
    /** {@link ErrorCodes#COMPOSIO_ERROR}: the slot gives the action, the status and the proxy's words. */
    COMPOSIO_ERROR(ErrorCodes.COMPOSIO_ERROR, "The data proxy could not carry out the action%s."),
    /** {@link ErrorCodes#PROVIDER_UNKNOWN}. */
    PROVIDER_UNKNOWN(ErrorCodes.PROVIDER_UNKNOWN, "Vendo knows no provider by this slug."),
    /** {@link ErrorCodes#PROFILE_UNSUPPORTED}. */
    PROFILE_UNSUPPORTED(ErrorCodes.PROFILE_UNSUPPORTED,
            "The connection's profile is one the credentials worker cannot serve: trying again cannot help."),
    /** {@link ErrorCodes#DEPLOYMENT_ONLY}: the slot names the call. */
    DEPLOYMENT_ONLY(ErrorCodes.DEPLOYMENT_ONLY, "This call%s is answered by Vendo for the deployment's App Key"
            + " only, never for one user: call it on the root client (in Jakarta EE, the plain @Inject Vendo),"
            + " knowing the answer is the deployment's."),
    /** {@link ErrorCodes#NETWORK_ERROR}: the slot says where and what happened. */
    NETWORK_ERROR(ErrorCodes.NETWORK_ERROR, "Could not get an answer from Vendo%s."),
    /** {@link ErrorCodes#INVALID_RESPONSE}: the slot says what is wrong. */
    INVALID_RESPONSE(ErrorCodes.INVALID_RESPONSE, "Vendo's answer is not what this SDK expects%s."),
    /** {@link ErrorCodes#WEBHOOK_INVALID}: the slot says what is wrong. */
    WEBHOOK_INVALID(ErrorCodes.WEBHOOK_INVALID, "The webhook is refused%s."),
    /** {@link ErrorCodes#WEBHOOK_SECRET_MISSING}. */
    WEBHOOK_SECRET_MISSING(ErrorCodes.WEBHOOK_SECRET_MISSING, "Cannot verify the webhook: no webhook secret is"
            + " configured. Set VENDO_WEBHOOK_SECRET (vendo.webhook-secret in Jakarta EE, or the builder's"
            + " webhookSecret) to the secret Vendo shows for this deployment's webhooks.");

    private static final Map<String, ErrorText> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorText::code, Function.identity()));

    private final String code;
    private final String template;

    ErrorText(String code, String template) {
        this.code = code;
        this.template = template;
    }

    /** @return the code this text belongs to */
    public String code() {
        return code;
    }

    /**
     * Fills the slots in order; a slot with no value, or a {@code null} one, reads as nothing.
     *
     * @param facts the facts of the case, each written as it should read in its slot
     * @return the message
     */
    public String with(String... facts) {
        return fill(template, facts);
    }

    /**
     * Fills the {@code %s} slots of a template in order, as {@link #with(String...)} does: the one
     * rule for the texts of the Jakarta integration's codes too.
     *
     * @param template the text with its slots
     * @param facts the facts of the case
     * @return the message
     */
    public static String fill(String template, String... facts) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int from = 0;
        int slot = 0;
        for (int at = template.indexOf("%s"); at >= 0; at = template.indexOf("%s", from)) {
            out.append(template, from, at);
            if (slot < facts.length && facts[slot] != null) {
                out.append(facts[slot]);
            }
            slot++;
            from = at + 2;
        }
        return out.append(template, from, template.length()).toString();
    }

    /** @return the text with every slot empty: the advice that follows an answer from Vendo */
    public String advice() {
        return with();
    }

    /**
     * The text of a code.
     *
     * @param code an error code, or {@code null}
     * @return its text, or empty when the client has none for it
     */
    public static Optional<ErrorText> of(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
    }
}
