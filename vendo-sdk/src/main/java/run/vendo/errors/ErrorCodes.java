package run.vendo.errors;

/**
 * The error codes that {@link VendoError#code()} returns, as Vendo and its other SDKs spell them.
 * Vendo may add codes: an unknown one keeps its name and is typed by the answer's status ({@link
 * AuthError} for 401, {@link RateLimited} for 429, {@link UpstreamError} for 5xx, else a plain
 * {@link VendoError}).
 *
 * @since 0.1.0
 */
public final class ErrorCodes {

    /** The App Key is not known to Vendo ({@link AuthError}). */
    public static final String APP_UNKNOWN = "app_unknown";
    /** The App Key was revoked ({@link AuthError}). */
    public static final String APP_REVOKED = "app_revoked";
    /** The App Key expired ({@link AuthError}). */
    public static final String APP_EXPIRED = "app_expired";
    /** The end user's identity token is malformed, ambiguous or not verifiable ({@link AuthError}). */
    public static final String IDENTITY_INVALID = "identity_invalid";
    /** The end user's identity token expired ({@link AuthError}). */
    public static final String IDENTITY_EXPIRED = "identity_expired";
    /** A user-scoped call without an identity token ({@link IdentityNotPresent}). */
    public static final String IDENTITY_NOT_PRESENT = "identity_not_present";
    /** Identity tokens cannot be verified right now: the key set is unreachable (Jakarta integration, 503). */
    public static final String IDENTITY_VERIFIER_UNAVAILABLE = "identity_verifier_unavailable";
    /** A webhook delivery is larger than the receiver accepts (Jakarta integration, 413). */
    public static final String WEBHOOK_TOO_LARGE = "webhook_too_large";
    /** An observer of a webhook failed, so Vendo should deliver it again (Jakarta integration, 500). */
    public static final String WEBHOOK_OBSERVER_FAILED = "webhook_observer_failed";
    /**
     * A webhook delivery whose event id another request is handling now, so its outcome is not
     * known yet and Vendo is to deliver it again later (Jakarta integration, 503 with {@code Retry-After}).
     */
    public static final String WEBHOOK_IN_FLIGHT = "webhook_in_flight";
    /**
     * A webhook delivery refused before its body was read, because the receiver is reading as many
     * deliveries as it reads at once (Jakarta integration, 503 with {@code Retry-After}).
     */
    public static final String WEBHOOK_BUSY = "webhook_busy";
    /** A request used a method the endpoint does not serve (405). */
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    /** A feature that needs Vendo mode was used in OSS mode ({@link VendoOnlyFeature}). */
    public static final String VENDO_ONLY_FEATURE = "vendo_only_feature";
    /** The provider is not connected for this identity ({@link NotConnected}). */
    public static final String BINDING_MISSING = "binding_missing";
    /** The connection was revoked ({@link NotConnected}). */
    public static final String CONNECTION_REVOKED = "connection_revoked";
    /** The connection must be authorised again ({@link NeedsReauth}). */
    public static final String CONNECTION_NEEDS_REAUTH = "connection_needs_reauth";
    /** The tenant's credit is used up ({@link BalanceExhausted}). */
    public static final String BALANCE_EXHAUSTED = "balance_exhausted";
    /** The daily spend cap was reached ({@link SpendCapExceeded}). */
    public static final String SPEND_CAP_DAILY = "spend_cap_daily";
    /** The monthly spend cap was reached ({@link SpendCapExceeded}). */
    public static final String SPEND_CAP_MONTHLY = "spend_cap_monthly";
    /** The provider rate-limited the call ({@link RateLimited}). */
    public static final String UPSTREAM_RATE_LIMITED = "upstream_rate_limited";
    /** The provider failed ({@link UpstreamError}). */
    public static final String UPSTREAM_ERROR = "upstream_error";
    /** The request was refused as invalid ({@link ValidationError}). */
    public static final String VALIDATION_FAILED = "validation_failed";
    /** An idempotency key was reused with another request ({@link IdempotencyConflict}). */
    public static final String IDEMPOTENCY_CONFLICT = "idempotency_conflict";
    /**
     * A data action failed: the data proxy answered with an error message of its own ({@link
     * UpstreamError}).
     *
     * @since 0.1.0
     */
    public static final String COMPOSIO_ERROR = "composio_error";
    /** The credentials worker does not know the provider slug (404, a plain {@link VendoError}). */
    public static final String PROVIDER_UNKNOWN = "provider_unknown";
    /**
     * The credentials worker cannot serve the connection's profile (500, {@link UpstreamError}): a
     * permanent answer, never retried.
     */
    public static final String PROFILE_UNSUPPORTED = "profile_unsupported";
    /**
     * The call is one Vendo answers for the deployment only (its App Key), so a view scoped to one
     * user refuses it rather than present the deployment's answer as the user's ({@link VendoError}).
     */
    public static final String DEPLOYMENT_ONLY = "deployment_only";
    /** No answer from Vendo after the last attempt ({@link UpstreamError}). */
    public static final String NETWORK_ERROR = "network_error";
    /** Vendo answered with a body that is not what the protocol says ({@link UpstreamError}). */
    public static final String INVALID_RESPONSE = "invalid_response";
    /**
     * A webhook delivery did not verify: a header missing or malformed, the signature not matching,
     * the timestamp outside the tolerance, or the body not an event ({@link ValidationError}).
     */
    public static final String WEBHOOK_INVALID = "webhook_invalid";
    /** A webhook cannot be verified because no webhook secret is configured ({@link ValidationError}). */
    public static final String WEBHOOK_SECRET_MISSING = "webhook_secret_missing";

    private ErrorCodes() {}

    /**
     * Returns the code of an error answer that carried none: {@code http_<status>}.
     *
     * @param status the HTTP status
     * @return the code
     */
    public static String ofStatus(int status) {
        return "http_" + status;
    }

    /**
     * Tells whether an error answer with this code is permanent, so that trying again cannot help,
     * whatever its status ({@code profile_unsupported} comes with a 500).
     *
     * @param code an error code, or {@code null}
     * @return {@code true} for {@link #PROFILE_UNSUPPORTED}
     */
    public static boolean isPermanent(String code) {
        return PROFILE_UNSUPPORTED.equals(code);
    }

    /**
     * Tells whether a code says the end user's identity token is bad, as opposed to the
     * deployment's App Key: the Jakarta integration answers the former with 401.
     *
     * @param code an error code
     * @return {@code true} for {@link #IDENTITY_INVALID} and {@link #IDENTITY_EXPIRED}
     */
    public static boolean isIdentityCode(String code) {
        return IDENTITY_INVALID.equals(code) || IDENTITY_EXPIRED.equals(code);
    }
}
