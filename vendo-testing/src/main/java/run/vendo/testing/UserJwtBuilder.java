package run.vendo.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a user identity token (the value of {@code X-Vendo-User-JWT}) signed by the emulator, for
 * valid and deliberately broken cases. Obtain one with {@link VendoEmulator#jwt(String)}, or with
 * {@link JwtKey#jwt(String)} for a key of your own and no emulator.
 *
 * <p>Defaults, as {@link VendoEmulator#mintUserJwt(String)}: ES256 with the emulator's EC key and
 * its {@code kid}, {@code typ: JWT}; claims {@code iss} = {@link VendoEmulator#issuer()}, {@code
 * aud} = {@value VendoEmulator#AUDIENCE}, {@code sub} = the user id, {@code iat} = now, {@code exp}
 * = now + 1 hour, {@code email} = {@code <userId>@example.test}, {@code name} = {@code "User
 * <userId>"}, {@code role} = {@code "authenticated"}; no {@code nbf}. "Now" is the emulator's clock
 * when {@link #sign()} is called.
 *
 * <pre>{@code
 * String expired = vendo.jwt("alice").expiresAt(Instant.now().minusSeconds(5)).sign();
 * String forged = vendo.jwt("alice").signedByUnknownKey().sign();
 * String mine = vendo.jwt("alice").signedWith(JwtKey.rsa("my-kid")).sign();
 * }</pre>
 *
 * <p>For exactly the header and payload you write, or other spellings of a signed token, see
 * {@link RawJwts}.
 *
 * <p>Not thread-safe; {@link #sign()} may be called more than once.
 */
public final class UserJwtBuilder {

    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final EmulatorKeys keys;
    private final Clock clock;
    private final String userId;
    private String issuer;
    private List<String> audience = List.of(VendoEmulator.AUDIENCE);
    private Duration expiresIn = DEFAULT_LIFETIME;
    private Instant expiresAt;
    private boolean withoutExpiry;
    private Instant notBefore;
    private Instant issuedAt;
    private JWSAlgorithm algorithm = JWSAlgorithm.ES256;
    private String kid;
    private boolean unknownKey;
    private JwtKey ownKey;
    private byte[] hmacSecret;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private final Set<String> nullClaims = new LinkedHashSet<>();

    /** {@code keys} is null for a builder of {@link JwtKey#jwt(String)}, which signs with that key only. */
    UserJwtBuilder(EmulatorKeys keys, Clock clock, String issuer, String userId) {
        this.keys = keys;
        this.clock = clock;
        this.issuer = issuer;
        this.userId = Secrets.requireText(userId, "userId");
    }

    /**
     * Sets {@code exp} to now + {@code d} (default 1 hour). A negative duration gives an expired
     * token.
     *
     * @param d the lifetime
     * @return this builder
     */
    public UserJwtBuilder expiresIn(Duration d) {
        this.expiresIn = Objects.requireNonNull(d, "duration");
        this.expiresAt = null;
        this.withoutExpiry = false;
        return this;
    }

    /**
     * Sets {@code exp} to an instant (default now + 1 hour).
     *
     * @param instant the expiry
     * @return this builder
     */
    public UserJwtBuilder expiresAt(Instant instant) {
        this.expiresAt = Objects.requireNonNull(instant, "instant");
        this.withoutExpiry = false;
        return this;
    }

    /**
     * Sets {@code nbf} (default: none).
     *
     * @param instant the start of validity
     * @return this builder
     */
    public UserJwtBuilder notBefore(Instant instant) {
        this.notBefore = instant;
        return this;
    }

    /**
     * Sets {@code iat} (default now).
     *
     * @param instant the issue time
     * @return this builder
     */
    public UserJwtBuilder issuedAt(Instant instant) {
        this.issuedAt = instant;
        return this;
    }

    /**
     * Sets {@code iss} (default {@link VendoEmulator#issuer()}); null leaves it out.
     *
     * @param issuer the issuer
     * @return this builder
     */
    public UserJwtBuilder issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    /**
     * Sets {@code aud} (default {@value VendoEmulator#AUDIENCE}): one value is written as a string,
     * several as an array, none leaves the claim out.
     *
     * @param audience the audiences
     * @return this builder
     */
    public UserJwtBuilder audience(String... audience) {
        this.audience = List.copyOf(Arrays.asList(audience));
        return this;
    }

    /**
     * Sets any claim, overriding the defaults, including standard ones; a null value removes the
     * claim (e.g. {@code claim("sub", null)}). {@link Instant} values are written as NumericDate.
     *
     * @param name the claim name
     * @param value a String, Number, Boolean, Instant, List or Map, or null
     * @return this builder
     */
    public UserJwtBuilder claim(String name, Object value) {
        claims.put(Secrets.requireText(name, "name"), value);
        nullClaims.remove(name);
        return this;
    }

    /**
     * Writes a claim whose value is JSON {@code null} ({@link #claim(String, Object)} with null
     * leaves the claim out).
     *
     * @param name the claim name
     * @return this builder
     */
    public UserJwtBuilder nullClaim(String name) {
        claims.remove(Secrets.requireText(name, "name"));
        nullClaims.add(name);
        return this;
    }

    /**
     * Leaves out {@code exp}: the emulator rejects such a token with {@code identity_invalid}.
     *
     * @return this builder
     */
    public UserJwtBuilder withoutExpiry() {
        this.withoutExpiry = true;
        return this;
    }

    /**
     * Signs RS256 with the emulator's RSA key and its {@code kid}, instead of a key set by {@link
     * #signedWith(JwtKey)}.
     *
     * @return this builder
     * @throws IllegalStateException on a builder of {@link JwtKey#jwt(String)}, which has no
     *     emulator key
     */
    public UserJwtBuilder rs256() {
        return emulatorKey(JWSAlgorithm.RS256);
    }

    /**
     * Signs ES256 with the emulator's EC key and its {@code kid} (the default), instead of a key set
     * by {@link #signedWith(JwtKey)}.
     *
     * @return this builder
     * @throws IllegalStateException on a builder of {@link JwtKey#jwt(String)}, which has no
     *     emulator key
     */
    public UserJwtBuilder es256() {
        return emulatorKey(JWSAlgorithm.ES256);
    }

    private UserJwtBuilder emulatorKey(JWSAlgorithm algorithm) {
        if (keys == null) {
            throw new IllegalStateException("no emulator key: this builder signs with " + ownKey);
        }
        this.algorithm = algorithm;
        this.ownKey = null;
        return this;
    }

    /**
     * Signs with a key of your own instead of the emulator's: ES256 for an EC key, RS256 for an RSA
     * key, with the key's {@code kid} unless {@link #kid(String)} sets another. Tokens signed so
     * verify only against a key set that lists that key (see {@link JwksServer}).
     *
     * @param key the signing key
     * @return this builder
     */
    public UserJwtBuilder signedWith(JwtKey key) {
        this.ownKey = Objects.requireNonNull(key, "key");
        this.algorithm = JWSAlgorithm.parse(key.algorithm());
        return this;
    }

    /**
     * Signs HS256 with these bytes as the HMAC secret, keeping the {@code kid} of the key that would
     * otherwise sign: the algorithm-confusion attack when the secret is a public key's encoding
     * ({@link JwtKey#publicKeyBytes()}). Verifiers must refuse it.
     *
     * @param secret the HMAC secret, at least 32 bytes
     * @return this builder
     */
    public UserJwtBuilder hs256(byte[] secret) {
        this.hmacSecret = Objects.requireNonNull(secret, "secret").clone();
        return this;
    }

    /**
     * Sets the header's {@code kid} (default: the signing key's); null leaves it out.
     *
     * @param kid the key id
     * @return this builder
     */
    public UserJwtBuilder kid(String kid) {
        this.kid = kid;
        return this;
    }

    /**
     * Signs with a freshly generated key of the same type as the signing key (the emulator's, or the
     * one of {@link #signedWith(JwtKey)}) that no key set lists, keeping the same {@code kid}: the
     * signature check fails.
     *
     * @return this builder
     */
    public UserJwtBuilder signedByUnknownKey() {
        this.unknownKey = true;
        return this;
    }

    /**
     * Returns the token serialised with {@code alg: none} and an empty signature, with the claims
     * this builder would sign. Servers must reject it.
     *
     * @return the unsecured JWT ({@code header.payload.})
     */
    public String unsigned() {
        return new PlainJWT(claims()).serialize();
    }

    /**
     * Signs and serialises the token.
     *
     * @return the compact JWS ({@code header.payload.signature})
     */
    public String sign() {
        JwtKey key = signingKey();
        JWSHeader.Builder header = new JWSHeader.Builder(hmacSecret != null ? JWSAlgorithm.HS256 : algorithm)
                .type(JOSEObjectType.JWT);
        String headerKid = kid != null ? kid : key.kid();
        if (headerKid != null) {
            header.keyID(headerKid);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims());
        try {
            jwt.sign(signer(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the user JWT", e);
        }
        return jwt.serialize();
    }

    private JwtKey signingKey() {
        if (ownKey != null) {
            return ownKey;
        }
        return JWSAlgorithm.ES256.equals(algorithm) ? keys.ecKey() : keys.rsaKey();
    }

    private JWSSigner signer(JwtKey key) throws JOSEException {
        if (hmacSecret != null) {
            return new MACSigner(hmacSecret);
        }
        return unknownKey ? key.impostor().signer() : key.signer();
    }

    private JWTClaimsSet claims() {
        Instant now = clock.instant();
        Instant iat = issuedAt != null ? issuedAt : now;
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId)
                .issueTime(Date.from(iat))
                .claim("email", userId + "@example.test")
                .claim("name", "User " + userId)
                .claim("role", "authenticated");
        if (audience.size() == 1) {
            b.audience(audience.get(0));
        } else if (!audience.isEmpty()) {
            b.audience(audience);
        }
        if (!withoutExpiry) {
            b.expirationTime(Date.from(expiresAt != null ? expiresAt : now.plus(expiresIn)));
        }
        if (notBefore != null) {
            b.notBeforeTime(Date.from(notBefore));
        }
        claims.forEach((name, value) -> b.claim(name, value instanceof Instant ? Date.from((Instant) value) : value));
        if (nullClaims.isEmpty()) {
            return b.build(); // claims set to null are left out
        }
        JWTClaimsSet.Builder withNulls = new JWTClaimsSet.Builder().serializeNullClaims(true);
        b.build().toJSONObject().forEach(withNulls::claim);
        nullClaims.forEach(name -> withNulls.claim(name, null));
        return withNulls.build();
    }
}
