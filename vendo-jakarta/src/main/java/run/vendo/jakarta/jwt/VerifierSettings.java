package run.vendo.jakarta.jwt;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How identity tokens are verified.
 *
 * @param jwksUrl where the JSON Web Key Set is fetched (lazily, on the first token)
 * @param issuer the required {@code iss}, or empty to accept any
 * @param audiences the accepted {@code aud} values (a token must name one), or empty to accept any
 * @param leeway the clock skew tolerated on {@code exp} and {@code nbf}, from zero to 60 seconds
 * @param connectTimeout the time allowed to connect to the JWKS endpoint
 * @param readTimeout the time allowed to wait for the JWKS response
 * @since 0.1.0
 */
public record VerifierSettings(
        URI jwksUrl,
        Optional<String> issuer,
        Set<String> audiences,
        Duration leeway,
        Duration connectTimeout,
        Duration readTimeout) {

    /** The largest leeway accepted: identity tokens live one hour, so more would blunt expiry. */
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(60);

    /**
     * Creates the settings.
     *
     * @param jwksUrl where the key set is fetched
     * @param issuer the required issuer, or empty
     * @param audiences the accepted audiences, or empty
     * @param leeway the clock skew tolerated, 0 to 60 seconds
     * @param connectTimeout the connect timeout
     * @param readTimeout the read timeout
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the leeway is negative or above {@link #MAX_LEEWAY}, or a
     *     timeout is not positive
     */
    public VerifierSettings {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(Objects.requireNonNull(audiences, "audiences"));
        Objects.requireNonNull(leeway, "leeway");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("leeway must be between 0 and 60 seconds");
        }
        if (connectTimeout.isZero() || connectTimeout.isNegative() || readTimeout.isZero() || readTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * Settings with no issuer or audience requirement, 60 seconds of leeway and 5 / 10 second
     * timeouts.
     *
     * @param jwksUrl where the key set is fetched
     * @return the settings
     */
    public static VerifierSettings of(URI jwksUrl) {
        return new VerifierSettings(
                jwksUrl, Optional.empty(), Set.of(), MAX_LEEWAY, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
