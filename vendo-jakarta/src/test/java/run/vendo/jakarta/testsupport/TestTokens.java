package run.vendo.jakarta.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

    /** Builds an unsigned token ({@code alg: none}). */
    public static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        String payload = b64.encodeToString(
                ("{\"sub\":\"" + subject + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
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
