package run.vendo.testing;

import java.nio.charset.StandardCharsets;

/** The emulator's signing keys (EC P-256 for ES256, RSA-2048 for RS256) and their public JWKS. */
final class EmulatorKeys {

    private final JwtKey ecKey;
    private final JwtKey rsaKey;
    private final byte[] jwks;

    private EmulatorKeys(JwtKey ecKey, JwtKey rsaKey) {
        this.ecKey = ecKey;
        this.rsaKey = rsaKey;
        this.jwks = JwtKey.jwksJson(ecKey, rsaKey).getBytes(StandardCharsets.UTF_8);
    }

    /** Generates a fresh EC and RSA key pair with distinct random key ids. */
    static EmulatorKeys generate() {
        String suffix = Secrets.randomHex(6);
        return new EmulatorKeys(JwtKey.ec("emulator-es256-" + suffix), JwtKey.rsa("emulator-rs256-" + suffix));
    }

    JwtKey ecKey() {
        return ecKey;
    }

    JwtKey rsaKey() {
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
