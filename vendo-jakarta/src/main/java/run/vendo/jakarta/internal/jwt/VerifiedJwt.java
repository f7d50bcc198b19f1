package run.vendo.jakarta.internal.jwt;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of an identity token whose signature and time window were verified.
 *
 * @param claims the claims, as plain Java values (String, Long, Double, Boolean, List, Map)
 * @param expiresAt the token's {@code exp}
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

    /**
     * Returns a text claim found by a dotted path, {@code app_metadata.tenant_id} for example.
     *
     * @param path claim names separated by dots, each step but the last naming a JSON object
     * @return the non-blank string at that path; empty when a step is missing or the value is not a string
     */
    public Optional<String> text(String path) {
        Object value = ClaimPath.find(claims, path);
        return value instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }

    @Override
    public String toString() {
        return "VerifiedJwt[sub=" + claims.get("sub") + ", expiresAt=" + expiresAt + "]";
    }
}
