package run.vendo.jakarta.internal.jwt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import run.vendo.internal.identity.JwtShape;

/**
 * How identity tokens are verified, and where in a verified token the identity's values are.
 * Defaults and ranges are {@code VendoSettings}'; this record only refuses what cannot work.
 *
 * @param jwksUrl where the JSON Web Key Set is fetched (lazily, on the first token)
 * @param issuer the required {@code iss}, or empty to accept any
 * @param audiences the accepted {@code aud} values (a token must name one), or empty to accept any
 * @param leeway the clock skew tolerated on {@code exp} and {@code nbf}, at most {@link JwtShape#MAX_LEEWAY}
 * @param maxLifetime the longest lifetime accepted ({@code exp - iat}, and {@code exp - now}), between
 *     {@link JwtShape#SHORTEST_MAX_LIFETIME} and {@link JwtShape#LONGEST_MAX_LIFETIME}
 * @param connectTimeout the time allowed to connect to the JWKS endpoint
 * @param readTimeout the time allowed to wait for the JWKS response
 * @param emailClaim the dotted path of the e-mail address claim
 * @param nameClaim the dotted path of the display name claim
 * @param tenantClaim the dotted path of the tenant claim
 * @param cacheSize how many verified tokens are remembered at most: the client's {@code vendo.cache-size}
 */
public record VerifierSettings(
        URI jwksUrl,
        Optional<String> issuer,
        Set<String> audiences,
        Duration leeway,
        Duration maxLifetime,
        Duration connectTimeout,
        Duration readTimeout,
        String emailClaim,
        String nameClaim,
        String tenantClaim,
        long cacheSize) {

    /**
     * Creates the settings.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the leeway or the maximum lifetime is out of range, a
     *     timeout is not positive or the cache size is below 1
     */
    public VerifierSettings {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(Objects.requireNonNull(audiences, "audiences"));
        Objects.requireNonNull(emailClaim, "emailClaim");
        Objects.requireNonNull(nameClaim, "nameClaim");
        Objects.requireNonNull(tenantClaim, "tenantClaim");
        if (leeway.isNegative() || leeway.compareTo(JwtShape.MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("leeway must be between 0 and " + JwtShape.MAX_LEEWAY);
        }
        if (maxLifetime.compareTo(JwtShape.SHORTEST_MAX_LIFETIME) < 0
                || maxLifetime.compareTo(JwtShape.LONGEST_MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("maxLifetime must be between " + JwtShape.SHORTEST_MAX_LIFETIME
                    + " and " + JwtShape.LONGEST_MAX_LIFETIME);
        }
        if (connectTimeout.isZero() || connectTimeout.isNegative()
                || readTimeout.isZero() || readTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be at least 1");
        }
    }
}
