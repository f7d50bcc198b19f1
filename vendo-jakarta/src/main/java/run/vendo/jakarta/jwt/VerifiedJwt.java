package run.vendo.jakarta.jwt;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The claims of an identity token whose signature and time window were verified.
 *
 * @param claims the claims, as plain Java values (String, Long, Double, Boolean, List, Map)
 * @param expiresAt the token's {@code exp}
 * @since 0.1.0
 */
public record VerifiedJwt(Map<String, Object> claims, Instant expiresAt) {

    /**
     * Creates the result.
     *
     * @param claims the claims
     * @param expiresAt the token's exp
     * @throws NullPointerException if an argument is null
     */
    public VerifiedJwt {
        claims = Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "VerifiedJwt[sub=" + claims.get("sub") + ", expiresAt=" + expiresAt + "]";
    }
}
