package run.vendo.jakarta.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Keys generated once per test run and a small builder of signed identity tokens. */
public final class TestTokens {

    public static final ECKey EC_KEY = generateEc("ec-1");
    public static final ECKey OTHER_EC_KEY = generateEc("ec-1"); // same kid, different key
    public static final RSAKey RSA_KEY = generateRsa("rsa-1");

    private TestTokens() {}

    public static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Builder token(String subject) {
        return new Builder(subject);
    }

    /** The order n of the P-256 group. */
    public static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** The same ES256 token with its signature {@code (r, s)} replaced: r and s as given (32 bytes each). */
    public static String withSignature(String jwt, byte[] r, byte[] s) {
        byte[] signature = new byte[64];
        System.arraycopy(r, 0, signature, 0, 32);
        System.arraycopy(s, 0, signature, 32, 32);
        return jwt.substring(0, jwt.lastIndexOf('.') + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** The other ECDSA spelling of an ES256 token: its signature {@code (r, s)} as {@code (r, n - s)}. */
    public static String es256Twin(String jwt) {
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return withSignature(jwt, Arrays.copyOfRange(signature, 0, 32), unsigned32(P256_ORDER.subtract(s)));
    }

    /** A number below 2^256 as 32 big-endian bytes. */
    public static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    /** Every other spelling of a token whose signature ends with 4 unused bits: some of them set. */
    public static List<String> unusedBitsSpellings(String jwt) {
        int last = ALPHABET.indexOf(jwt.charAt(jwt.length() - 1));
        List<String> spellings = new ArrayList<>();
        for (int set = 1; set <= 0x0f; set++) {
            spellings.add(jwt.substring(0, jwt.length() - 1) + ALPHABET.charAt(last | set));
        }
        return spellings;
    }

    /** Builds an unsigned token ({@code alg: none}). */
    public static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        String payload = b64.encodeToString(
                ("{\"sub\":\"" + subject + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** Signs a payload given as JSON text with {@link #EC_KEY}, for claims no claim builder would write. */
    public static String signRaw(String payloadJson) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC_KEY.getKeyID()).build(),
                    new Payload(payloadJson));
            jws.sign(new ECDSASigner(EC_KEY));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Builder {
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        private JWK key = EC_KEY;
        private String kid;
        private boolean kidSet;
        private byte[] hmacSecret;

        Builder(String subject) {
            if (subject != null) {
                claims.subject(subject);
            }
            Instant now = Instant.now();
            claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
        }

        public Builder signedWith(JWK key) {
            this.key = key;
            return this;
        }

        public Builder kid(String kid) {
            this.kid = kid;
            this.kidSet = true;
            return this;
        }

        public Builder expiresAt(Instant exp) {
            claims.expirationTime(exp == null ? null : Date.from(exp));
            if (exp != null) {
                claims.issueTime(Date.from(exp.minus(Duration.ofHours(1)))); // a one-hour token, as Vendo's
            }
            return this;
        }

        /** Sets {@code iat}; null leaves it out. */
        public Builder issuedAt(Instant iat) {
            claims.issueTime(iat == null ? null : Date.from(iat));
            return this;
        }

        public Builder notBefore(Instant nbf) {
            claims.notBeforeTime(Date.from(nbf));
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String... audience) {
            claims.audience(List.of(audience));
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        /** Writes claims set to {@code null} as JSON nulls instead of leaving them out. */
        public Builder keepNullClaims() {
            claims.serializeNullClaims(true);
            return this;
        }

        /** Signs with HS256, using the given bytes (for example a public key's encoding) as the secret. */
        public Builder hs256(byte[] secret) {
            this.hmacSecret = secret;
            return this;
        }

        public String sign() {
            try {
                JWSAlgorithm alg;
                JWSSigner signer;
                if (hmacSecret != null) {
                    alg = JWSAlgorithm.HS256;
                    signer = new MACSigner(hmacSecret);
                } else if (key instanceof ECKey ec) {
                    alg = JWSAlgorithm.ES256;
                    signer = new ECDSASigner(ec);
                } else {
                    alg = JWSAlgorithm.RS256;
                    signer = new RSASSASigner((RSAKey) key);
                }
                String keyId = kidSet ? kid : key.getKeyID();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(keyId).build(), claims.build());
                jwt.sign(signer);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
