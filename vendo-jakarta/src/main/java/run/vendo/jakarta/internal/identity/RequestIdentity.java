package run.vendo.jakarta.internal.identity;

import java.util.Map;
import java.util.Objects;

/**
 * The identity of one request, as {@link RequestIdentityResolver} established it.
 *
 * <p>With verification on ({@link #verified()}), the token's signature was checked and {@code
 * userId}, {@code email}, {@code name} and {@code tenantId} come from its claims only. Without it,
 * they are the proxy's unsigned headers. {@code proxyRole} is always the proxy's unsigned {@code
 * X-Vendo-Role}: the token does not carry one. {@link #toString()} shows neither the token nor
 * the e-mail address or name.
 *
 * @param jwt the raw identity token, or {@code null} for single sign-on headers without one
 * @param userId the user's id, or {@code null} (a token without {@code X-Vendo-User-Id}, unverified)
 * @param email the e-mail address, or {@code null}
 * @param name the display name, or {@code null}
 * @param tenantId the tenant, or {@code null}
 * @param proxyRole the role the proxy asserts, or {@code null}
 * @param claims the verified claims; empty when not verified
 * @param verified whether the values come from a verified token
 */
public record RequestIdentity(
        String jwt,
        String userId,
        String email,
        String name,
        String tenantId,
        String proxyRole,
        Map<String, Object> claims,
        boolean verified) {

    /**
     * Creates an identity.
     *
     * @throws NullPointerException if {@code claims} is null
     */
    public RequestIdentity {
        claims = Map.copyOf(Objects.requireNonNull(claims, "claims"));
    }

    @Override
    public String toString() {
        return "RequestIdentity[userId=" + userId + ", tenantId=" + tenantId + ", proxyRole=" + proxyRole
                + ", verified=" + verified + ", jwt=" + (jwt == null ? "none" : "<redacted>") + "]";
    }
}
