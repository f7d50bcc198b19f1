package run.vendo;

/**
 * The HTTP header names of the Vendo protocol. Header names match without regard to case.
 *
 * <p>Vendo's proxy strips inbound {@code X-Vendo-*} headers from every request it forwards and
 * adds its own: {@link #USER_JWT} (signed) and the descriptive {@link #USER_ID}, {@link
 * #USER_EMAIL}, {@link #USER_NAME}, {@link #TENANT_ID} and {@link #ROLE} (not signed: exactly as
 * trustworthy as the network path from the proxy).
 *
 * @since 0.1.0
 */
public final class VendoHeaders {

    /** The end user's identity token, a JWT signed by Vendo's identity provider. */
    public static final String USER_JWT = "X-Vendo-User-JWT";

    /** The end user's id, as the proxy asserts it. */
    public static final String USER_ID = "X-Vendo-User-Id";

    /** The end user's e-mail address, as the proxy asserts it. */
    public static final String USER_EMAIL = "X-Vendo-User-Email";

    /** The end user's display name, as the proxy asserts it. */
    public static final String USER_NAME = "X-Vendo-User-Name";

    /** The tenant the request is for, as the proxy asserts it. */
    public static final String TENANT_ID = "X-Vendo-Tenant-Id";

    /** The end user's role in the tenant ({@code owner}, {@code member} or {@code viewer}), as the proxy asserts it. */
    public static final String ROLE = "X-Vendo-Role";

    /** The machine-readable code of an error answer, sent by Vendo and by the Jakarta integration. */
    public static final String ERROR_CODE = "Vendo-Error-Code";

    /** The API version a client speaks, sent on every call to Vendo. */
    public static final String API_VERSION = "Vendo-API-Version";

    /** A webhook's signature: the lower-case hex HMAC-SHA256 of {@code "{Vendo-Timestamp}.{body}"}. */
    public static final String WEBHOOK_SIGNATURE = "Vendo-Signature";

    /** When a webhook was signed: unix seconds or an RFC 3339 time. */
    public static final String WEBHOOK_TIMESTAMP = "Vendo-Timestamp";

    private VendoHeaders() {}
}
