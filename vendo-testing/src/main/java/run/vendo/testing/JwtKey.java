package run.vendo.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * A signing key a test owns: EC P-256 for ES256 or RSA-2048 for RS256, with a key id, generated
 * fresh by each factory call. Use it to sign identity tokens that the emulator did not issue (a key
 * your verifier must refuse, a key you publish yourself with {@link JwksServer}).
 *
 * <pre>{@code
 * JwtKey key = JwtKey.ec("ec-1");
 * JwtKey impostor = JwtKey.ec("ec-1");            // same kid, another key
 * try (JwksServer jwks = JwksServer.start().serve(key)) {
 *     String good = key.jwt("alice").sign();
 *     String forged = impostor.jwt("alice").sign(); // fails the signature check
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the kid and the type, never key material.
 */
public final class JwtKey {

    private final JWK jwk;
    private final JWSSigner signer;

    private JwtKey(JWK jwk) {
        this.jwk = jwk;
        try {
            this.signer = jwk instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) jwk);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the generated key", e);
        }
    }

    /**
     * Generates an EC P-256 key that signs ES256.
     *
     * @param kid the key id written into the {@code kid} header of the tokens it signs
     * @return a new key
     */
    public static JwtKey ec(String kid) {
        try {
            return new JwtKey(new ECKeyGenerator(Curve.P_256).keyID(Secrets.requireText(kid, "kid"))
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
    }

    /**
     * Generates an RSA-2048 key that signs RS256.
     *
     * @param kid the key id written into the {@code kid} header of the tokens it signs
     * @return a new key
     */
    public static JwtKey rsa(String kid) {
        try {
            return new JwtKey(new RSAKeyGenerator(RSAKeyGenerator.MIN_KEY_SIZE_BITS)
                    .keyID(Secrets.requireText(kid, "kid")).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA-2048 key", e);
        }
    }

    /**
     * Generates another key of the same type with the same key id: an impostor that only the
     * signature gives away.
     *
     * @return a new key
     */
    public JwtKey impostor() {
        return isEc() ? ec(kid()) : rsa(kid());
    }

    /**
     * Returns a builder of a user identity token signed by this key, without an emulator: as the
     * emulator's {@link VendoEmulator#jwt(String)} but with no {@code iss} claim and the system
     * clock. {@link UserJwtBuilder#issuer(String)} sets one.
     *
     * @param userId the {@code sub} claim
     * @return a new builder
     */
    public UserJwtBuilder jwt(String userId) {
        return new UserJwtBuilder(null, Clock.systemUTC(), null, userId).signedWith(this);
    }

    /**
     * Returns the key id.
     *
     * @return the {@code kid}
     */
    public String kid() {
        return jwk.getKeyID();
    }

    /**
     * Returns the signature algorithm: {@code "ES256"} or {@code "RS256"}.
     *
     * @return the JWS {@code alg}
     */
    public String algorithm() {
        return isEc() ? "ES256" : "RS256";
    }

    /**
     * Returns the public key's X.509 (SubjectPublicKeyInfo) encoding, e.g. to key an HS256
     * signature with it (the algorithm-confusion attack).
     *
     * @return a fresh copy of the encoded public key
     */
    public byte[] publicKeyBytes() {
        try {
            return isEc() ? ((ECKey) jwk).toECPublicKey().getEncoded()
                    : ((RSAKey) jwk).toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encode the public key", e);
        }
    }

    /**
     * Returns the public half as a JSON Web Key.
     *
     * @return the JWK as JSON, without any private parameter
     */
    public String publicJwkJson() {
        return jwk.toPublicJWK().toJSONString();
    }

    /**
     * Returns a JWKS document that lists the public halves of {@code keys}, in order.
     *
     * @param keys the keys to publish
     * @return {@code {"keys": [...]}} as JSON
     */
    public static String jwksJson(JwtKey... keys) {
        return new JWKSet(List.of(keys).stream().map(k -> k.jwk.toPublicJWK()).toList()).toString(true);
    }

    boolean isEc() {
        return jwk instanceof ECKey;
    }

    /** Signs {@code headerJson.payloadJson} (each base64url-encoded) as given, and returns the compact token. */
    String sign(String headerJson, String payloadJson) {
        String input = RawJwts.base64Url(headerJson) + "." + RawJwts.base64Url(payloadJson);
        try {
            // The signer reads only the algorithm from this header; the token's own header is headerJson.
            Base64URL signature = signer.sign(new JWSHeader(JWSAlgorithm.parse(algorithm())),
                    input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
    }

    JWSSigner signer() {
        return signer;
    }

    JWK jwk() {
        return jwk;
    }

    @Override
    public String toString() {
        return "JwtKey[" + algorithm() + ", kid=" + kid() + "]";
    }
}
