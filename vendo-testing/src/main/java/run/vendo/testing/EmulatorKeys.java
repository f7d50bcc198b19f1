package run.vendo.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The emulator's signing keys (EC P-256 for ES256, RSA-2048 for RS256) and their public JWKS. */
final class EmulatorKeys {

    private final ECKey ecKey;
    private final RSAKey rsaKey;
    private final byte[] jwks;

    private EmulatorKeys(ECKey ecKey, RSAKey rsaKey) {
        this.ecKey = ecKey;
        this.rsaKey = rsaKey;
        JWKSet publicSet = new JWKSet(List.of(ecKey.toPublicJWK(), rsaKey.toPublicJWK()));
        this.jwks = publicSet.toString(true).getBytes(StandardCharsets.UTF_8);
    }

    /** Generates a fresh EC and RSA key pair with distinct random key ids. */
    static EmulatorKeys generate() {
        String suffix = Secrets.randomHex(6);
        return new EmulatorKeys(newEcKey("emulator-es256-" + suffix), newRsaKey("emulator-rs256-" + suffix));
    }

    /** A new EC P-256 key for ES256 with key id {@code kid}. */
    static ECKey newEcKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key", e);
        }
    }

    /** A new RSA-2048 key for RS256 with key id {@code kid}. */
    static RSAKey newRsaKey(String kid) {
        try {
            return new RSAKeyGenerator(RSAKeyGenerator.MIN_KEY_SIZE_BITS)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA-2048 key", e);
        }
    }

    ECKey ecKey() {
        return ecKey;
    }

    RSAKey rsaKey() {
        return rsaKey;
    }

    /** The public JWKS document, as served. */
    byte[] jwksBytes() {
        return jwks.clone();
    }

    /** The public JWKS document as a string. */
    String jwksJson() {
        return new String(jwks, StandardCharsets.UTF_8);
    }
}
