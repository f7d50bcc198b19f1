package run.vendo.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies an {@code X-Vendo-User-JWT} against the emulator's own keys: signature, {@code alg} in
 * {ES256, RS256}, {@code exp} present and not passed, {@code nbf} not in the future, {@code iss}
 * equal to the emulator's issuer, {@code aud} naming {@value VendoEmulator#AUDIENCE} and a non-blank
 * string {@code sub}. Messages never contain the token.
 */
final class UserJwtVerifier {

    /** Either a subject or an error code with a message. */
    record Result(String subject, String errorCode, String message) {
        boolean ok() {
            return subject != null;
        }

        static Result valid(String subject) {
            return new Result(subject, null, null);
        }

        static Result invalid(String message) {
            return new Result(null, "identity_invalid", message);
        }

        static Result expired() {
            return new Result(null, "identity_expired", "The identity token has expired.");
        }
    }

    /** Longest token accepted; anything longer is invalid without parsing. */
    static final int MAX_LENGTH = 16 * 1024;

    private final JWSVerifier ecVerifier;
    private final JWSVerifier rsaVerifier;
    private final String ecKid;
    private final String rsaKid;
    private final String issuer;
    private final Clock clock;

    UserJwtVerifier(EmulatorKeys keys, String issuer, Clock clock) {
        try {
            this.ecVerifier = new ECDSAVerifier(keys.ecKey().jwk().toECKey().toECPublicKey());
            this.rsaVerifier = new RSASSAVerifier(keys.rsaKey().jwk().toRSAKey().toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create JWT verifiers", e);
        }
        this.ecKid = keys.ecKey().kid();
        this.rsaKid = keys.rsaKey().kid();
        this.issuer = issuer;
        this.clock = clock;
    }

    /** What a verified signature establishes; the time checks are repeated on every use. */
    private record Verified(String subject, Instant expiresAt, Instant notBefore) {}

    /** Tokens whose signature, issuer and subject were verified, to skip the crypto on repeats. */
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private static final int CACHE_LIMIT = 10_000;

    Result verify(String token) {
        if (token == null || token.isBlank()) {
            return Result.invalid("The identity token is empty.");
        }
        if (token.length() > MAX_LENGTH) {
            return Result.invalid("The identity token is too large.");
        }
        Verified known = verified.get(token);
        if (known != null) {
            return checkTimes(known);
        }
        try {
            return verifyParsed(token, SignedJWT.parse(token.strip()));
        } catch (ParseException e) {
            return Result.invalid("The identity token is not a signed JWT.");
        } catch (JOSEException | RuntimeException e) {
            return Result.invalid("The identity token could not be verified.");
        }
    }

    private Result verifyParsed(String token, SignedJWT jwt) throws ParseException, JOSEException {
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        String kid = header.getKeyID();
        JWSVerifier verifier;
        if (JWSAlgorithm.ES256.equals(alg) && (kid == null || kid.equals(ecKid))) {
            verifier = ecVerifier;
        } else if (JWSAlgorithm.RS256.equals(alg) && (kid == null || kid.equals(rsaKid))) {
            verifier = rsaVerifier;
        } else if (JWSAlgorithm.ES256.equals(alg) || JWSAlgorithm.RS256.equals(alg)) {
            return Result.invalid("The identity token names an unknown key.");
        } else {
            return Result.invalid("The identity token's algorithm is not accepted (ES256 or RS256).");
        }
        if (!jwt.verify(verifier)) {
            return Result.invalid("The identity token's signature is invalid.");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return Result.invalid("The identity token has no exp claim.");
        }
        if (!issuer.equals(claims.getIssuer())) {
            return Result.invalid("The identity token's issuer is not this Vendo.");
        }
        // As Vendo: a token minted for another audience is not an identity token for Vendo.
        if (!claims.getAudience().contains(VendoEmulator.AUDIENCE)) {
            return Result.invalid("The identity token is not meant for Vendo (aud).");
        }
        // Read sub from the raw payload: the claims set turns a numeric sub into a string.
        String subject = jwt.getPayload().toJSONObject().get("sub") instanceof String s ? s : null;
        if (subject == null || subject.isBlank()) {
            return Result.invalid("The identity token has no sub claim.");
        }
        Date nbf = claims.getNotBeforeTime();
        Verified result = new Verified(subject, exp.toInstant(), nbf == null ? null : nbf.toInstant());
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(token, result);
        return checkTimes(result);
    }

    private Result checkTimes(Verified token) {
        Instant now = clock.instant();
        if (!now.isBefore(token.expiresAt())) {
            return Result.expired();
        }
        if (token.notBefore() != null && now.isBefore(token.notBefore())) {
            return Result.invalid("The identity token is not valid yet (nbf).");
        }
        return Result.valid(token.subject());
    }
}
