package run.vendo.jakarta.internal.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.lang.JoseException;
import run.vendo.internal.identity.JwtShape;
import run.vendo.internal.text.ControlCharacters;

/**
 * Verifies Vendo identity tokens with SmallRye JWT against a JSON Web Key Set: the signature
 * (ES256 or RS256, nothing else), {@code exp} (required) and {@code nbf} with the configured
 * leeway, a lifetime ({@code exp - iat}, and {@code exp - now}) of at most the configured maximum
 * plus the leeway, a non-blank string {@code sub}, and the issuer and audiences when configured.
 *
 * <p>A token that verified is remembered, keyed by its exact text, until its {@code exp} and no
 * longer than the key set it was checked against: once {@link JwksCache#generation()} changed, it is
 * checked again (a token whose key left the set is then refused). A user's following requests cost
 * one map lookup: the string's hash and one comparison, cheaper than a digest of it and free of
 * collisions. The two spellings of one ES256 signature ({@link JwtShape#lowS(String)}) are one
 * token: the second is served from the first's entry. The key set is fetched lazily and refreshed
 * as described in {@link JwksCache}.
 *
 * <p>Thread-safe. Failure messages never contain the token.
 */
public final class JwtVerifier {

    private static final Logger LOG = Logger.getLogger(JwtVerifier.class.getName());

    /** Vendo's tokens nest two levels ({@code app_metadata.tenant_id}); this leaves room for any issuer's. */
    static final int MAX_CLAIM_DEPTH = 16;

    private final VerifierSettings settings;
    private final JwksCache jwks;
    private final JWTAuthContextInfo baseContext;
    private final Clock clock;
    private final Cache<String, Remembered> verified;
    private final AtomicLong signatureChecks = new AtomicLong();

    /**
     * Creates a verifier that fetches the key set over HTTP. Nothing is fetched here.
     *
     * @param settings how to verify
     */
    public JwtVerifier(VerifierSettings settings) {
        this(settings, new HttpJwksFetcher(settings.connectTimeout(), settings.readTimeout()));
    }

    /**
     * Creates a verifier with another way of fetching the key set. Nothing is fetched here.
     *
     * @param settings how to verify
     * @param fetcher fetches the key set
     */
    public JwtVerifier(VerifierSettings settings, JwksFetcher fetcher) {
        this(settings, fetcher, Clock.systemUTC());
    }

    /**
     * Creates a verifier whose key set refreshes and lifetime checks follow another clock (for
     * tests; the signature library's own time checks use the system clock).
     */
    JwtVerifier(VerifierSettings settings, JwksFetcher fetcher, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jwks = new JwksCache(settings.jwksUrl(), fetcher, clock);
        this.baseContext = baseContext(settings);
        this.verified = Caffeine.newBuilder()
                .maximumSize(entriesFor(settings.cacheSize()))
                .expireAfter(new UntilExpiry(clock))
                .build();
    }

    /**
     * Room for {@code tokens} tokens: an ES256 token whose signature is high-s is remembered under
     * both its spellings (about half of them, from a signer that does not normalise), so that the
     * cache holds as many users as the client's caches do.
     */
    static long entriesFor(long tokens) {
        return tokens > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : tokens * 2;
    }

    private static JWTAuthContextInfo baseContext(VerifierSettings settings) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setRequireNamedPrincipal(true);
        // Enforce minimum key sizes (RSA >= 2048 bits).
        context.setRelaxVerificationKeyValidation(false);
        // No iat requirement: the lifetime bound, with or without iat, is checked after parsing.
        context.setMaxTimeToLiveSecs(0L);
        context.setClockSkew((int) settings.leeway().toSeconds());
        settings.issuer().ifPresent(context::setIssuedBy);
        if (!settings.audiences().isEmpty()) {
            context.setExpectedAudience(Set.copyOf(settings.audiences()));
        }
        return context;
    }

    /**
     * Returns how this verifier verifies.
     *
     * @return the settings
     */
    public VerifierSettings settings() {
        return settings;
    }

    /**
     * Makes sure the keys to verify tokens with are at hand.
     *
     * @throws VerificationFailure 503 when the key set cannot be fetched and no earlier keys are kept
     */
    public void ensureKeys() throws VerificationFailure {
        jwks.ensureKeys();
    }

    /**
     * Verifies a token, or returns the remembered result for a token verified before that has not
     * expired yet, against the key set still in use.
     *
     * @param jwt a compact JWT whose shape was already checked
     * @return the verified claims
     * @throws VerificationFailure 401 when the token is not acceptable, 503 when the key set cannot be
     *     fetched
     */
    public VerifiedJwt verify(String jwt) throws VerificationFailure {
        long generation = jwks.generation();
        Remembered known = verified.getIfPresent(jwt);
        if (known != null && known.generation() == generation) {
            return known.claims();
        }
        String lowS = JwtShape.lowS(jwt);
        boolean twin = !lowS.equals(jwt);
        if (twin) {
            Remembered first = verified.getIfPresent(lowS);
            if (first != null && first.generation() == generation) {
                verified.put(jwt, first);
                return first.claims();
            }
        }
        Remembered result = verifyNow(jwt);
        verified.put(jwt, result);
        if (twin) {
            verified.put(lowS, result);
        }
        return result.claims();
    }

    /**
     * Returns how many signature verifications were performed; a remembered token adds none. For
     * monitoring and tests.
     *
     * @return the count since this verifier was created
     */
    public long signatureChecks() {
        return signatureChecks.get();
    }

    private Remembered verifyNow(String jwt) throws VerificationFailure {
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.setCompactSerialization(jwt);
        } catch (JoseException | RuntimeException e) {
            throw VerificationFailure.invalid("the identity token's header is not a JSON object");
        }
        // jose4j casts header values to String: read them as objects, or a number is a 500.
        if (!(jws.getHeaders().getObjectHeaderValue("alg") instanceof String alg)) {
            throw VerificationFailure.invalid("the identity token must be signed with ES256 or RS256");
        }
        Object kid = jws.getHeaders().getObjectHeaderValue("kid");
        if (kid != null && !(kid instanceof String)) {
            throw VerificationFailure.invalid("the identity token's key id (kid) is not a string");
        }
        SignatureAlgorithm algorithm;
        String keyType;
        if ("ES256".equals(alg)) {
            algorithm = SignatureAlgorithm.ES256;
            keyType = "EC";
        } else if ("RS256".equals(alg)) {
            algorithm = SignatureAlgorithm.RS256;
            keyType = "RSA";
        } else {
            // alg "none", HMAC and everything else: refused before any key is looked at.
            throw VerificationFailure.invalid("the identity token must be signed with ES256 or RS256");
        }
        JwksCache.Keys keys = jwks.keysFor((String) kid, keyType);
        VerificationFailure failure = null;
        for (PublicKey key : keys.keys()) {
            signatureChecks.incrementAndGet();
            JWTAuthContextInfo context = new JWTAuthContextInfo(baseContext);
            context.setSignatureAlgorithm(Set.of(algorithm));
            context.setPublicVerificationKey(key);
            try {
                JwtContext verifiedContext = new DefaultJWTTokenParser().parse(jwt, context);
                return new Remembered(toVerified(verifiedContext.getJwtClaims()), keys.generation());
            } catch (ParseException e) {
                InvalidJwtException cause = invalidJwtCause(e);
                failure = classify(cause);
                boolean tryNextKey = cause != null && cause.hasErrorCode(ErrorCodes.SIGNATURE_INVALID);
                if (!tryNextKey) {
                    break;
                }
            }
        }
        LOG.log(Level.FINE, "Identity token rejected: {0}", failure.getMessage());
        throw failure;
    }

    private static InvalidJwtException invalidJwtCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static VerificationFailure classify(InvalidJwtException e) {
        if (e == null) {
            return VerificationFailure.invalid("the identity token could not be verified");
        }
        if (e.hasExpired()) {
            return VerificationFailure.expired();
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return VerificationFailure.invalid("the identity token's signature does not verify");
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return VerificationFailure.invalid("the identity token is not valid yet (nbf is in the future)");
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return VerificationFailure.invalid("the identity token has no exp claim");
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return VerificationFailure.invalid("the identity token was not issued by the expected issuer");
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return VerificationFailure.invalid("the identity token is not meant for this application (aud)");
        }
        if (e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM) || e.hasErrorCode(ErrorCodes.JSON_INVALID)) {
            return VerificationFailure.invalid("the identity token's claims are malformed");
        }
        return VerificationFailure.invalid("the identity token could not be verified");
    }

    private VerifiedJwt toVerified(JwtClaims claims) throws VerificationFailure {
        NumericDate exp;
        NumericDate iat;
        try {
            exp = claims.getExpirationTime();
            iat = claims.getIssuedAt();
        } catch (MalformedClaimException e) {
            throw VerificationFailure.invalid("the identity token's claims are malformed");
        }
        Map<String, Object> map = new LinkedHashMap<>(claims.getClaimsMap());
        // SmallRye adds the raw token as a claim; it must never leave this class.
        map.remove("raw_token");
        // A claim set to null is a claim not made; immutable maps (and RequestIdentity) refuse nulls.
        map.values().removeIf(Objects::isNull);
        if (!(map.get("sub") instanceof String sub) || sub.isBlank()) {
            throw VerificationFailure.invalid("the identity token has no subject (sub)");
        }
        if (ControlCharacters.hasControl(sub)) {
            throw VerificationFailure.invalid("the identity token's subject (sub) contains a control character");
        }
        Instant expiresAt;
        Instant issuedAt;
        try {
            expiresAt = Instant.ofEpochSecond(exp.getValue());
            issuedAt = iat == null ? null : Instant.ofEpochSecond(iat.getValue());
        } catch (DateTimeException e) {
            throw VerificationFailure.invalid("the identity token's exp or iat is out of range");
        }
        String lifetime = JwtShape.lifetimeProblem(expiresAt, issuedAt, clock.instant(), settings.maxLifetime(),
                settings.leeway());
        if (lifetime != null) {
            throw VerificationFailure.invalid("the identity token " + lifetime);
        }
        // An immutable copy once here, so that every request's RequestIdentity reuses it as it is.
        return new VerifiedJwt(Map.copyOf(freeze(map, 0)), expiresAt);
    }

    /**
     * Copies claims into unmodifiable collections, refusing what no identity token holds and what
     * would break an application that serialises {@code claims()}: nesting deeper than {@value
     * #MAX_CLAIM_DEPTH} levels, numbers beyond a double.
     */
    @SuppressWarnings("unchecked")
    private static <T> T freeze(T value, int depth) throws VerificationFailure {
        if (depth > MAX_CLAIM_DEPTH) {
            throw VerificationFailure.invalid("the identity token's claims nest too deeply");
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(e.getKey(), freeze(e.getValue(), depth + 1));
            }
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object v : list) {
                copy.add(freeze(v, depth + 1));
            }
            return (T) Collections.unmodifiableList(copy);
        }
        if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
            throw VerificationFailure.invalid("the identity token's claims hold a number out of range");
        }
        return value;
    }

    /** A verified token's claims and the generation of the key set that verified it. */
    private record Remembered(VerifiedJwt claims, long generation) {}

    /** Keeps a verified token exactly until its exp. */
    private static final class UntilExpiry implements Expiry<String, Remembered> {
        private final Clock clock;

        UntilExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String key, Remembered value, long currentTime) {
            Duration left = Duration.between(clock.instant(), value.claims().expiresAt());
            // An exp centuries away overflows nanoseconds: keep such a token as long as the cache can.
            return left.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : Math.max(0, left.toNanos());
        }

        @Override
        public long expireAfterUpdate(String key, Remembered value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Remembered value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
