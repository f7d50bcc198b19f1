package run.vendo.jakarta.identity;

import java.util.Map;
import java.util.Objects;

/**
 * The identity of an end user as Vendo's proxy forwarded it: the raw identity token and the
 * descriptive {@code X-Vendo-*} headers, plus the token's claims once its signature was verified.
 *
 * <p>{@link #toString()} never prints the token.
 *
 * @param jwt the raw value of {@code X-Vendo-User-JWT}; never null
 * @param userId {@code X-Vendo-User-Id} (or the verified {@code sub}), or {@code null}
 * @param email {@code X-Vendo-User-Email}, or {@code null}
 * @param name {@code X-Vendo-User-Name}, or {@code null}
 * @param tenantId {@code X-Vendo-Tenant-Id}, or {@code null}
 * @param role {@code X-Vendo-Role}, or {@code null}
 * @param claims the verified claims; empty when the token was not verified
 * @param verified {@code true} when the token's signature, expiry, issuer and audience were checked
 * @since 0.1.0
 */
public record RequestIdentity(
        String jwt,
        String userId,
        String email,
        String name,
        String tenantId,
        String role,
        Map<String, Object> claims,
        boolean verified) {

    /**
     * Creates an identity.
     *
     * @param jwt the raw token
     * @param userId the user id, or {@code null}
     * @param email the e-mail address, or {@code null}
     * @param name the display name, or {@code null}
     * @param tenantId the tenant id, or {@code null}
     * @param role the role, or {@code null}
     * @param claims the verified claims, or an empty map
     * @param verified whether the token was verified
     * @throws NullPointerException if {@code jwt} or {@code claims} is null
     */
    public RequestIdentity {
        Objects.requireNonNull(jwt, "jwt");
        claims = Map.copyOf(Objects.requireNonNull(claims, "claims"));
    }

    /**
     * Returns a copy that carries verified claims, with the user id taken from them when the header
     * was absent.
     *
     * @param verifiedClaims the claims of the verified token
     * @return the verified identity
     */
    public RequestIdentity withVerifiedClaims(Map<String, Object> verifiedClaims) {
        Object sub = verifiedClaims.get("sub");
        String id = userId != null ? userId : sub instanceof String s ? s : null;
        return new RequestIdentity(jwt, id, email, name, tenantId, role, verifiedClaims, true);
    }

    @Override
    public String toString() {
        // Deliberately without the token, the e-mail address and the name.
        return "RequestIdentity[userId=" + userId + ", tenantId=" + tenantId + ", role=" + role
                + ", verified=" + verified + ", jwt=<redacted>]";
    }
}
