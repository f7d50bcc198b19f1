package run.vendo.internal.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * An end user's identity token whose shape and expiry were checked. It is identified in the
 * cache by a SHA-256 digest of the token, never by an unverified claim such as {@code sub}: of its
 * low-s spelling ({@link JwtShape#lowS(String)}), so that the two spellings of one ES256 signature
 * are one identity.
 */
public final class UserIdentity {

    private final String jwt;
    private final String cacheKey;
    private final Instant expiresAt;

    UserIdentity(String jwt, Instant expiresAt) {
        this(jwt, jwt, expiresAt);
    }

    /**
     * @param jwt the token as received, sent on as it is
     * @param canonical its spelling that keys the cache
     * @param expiresAt its {@code exp}
     */
    UserIdentity(String jwt, String canonical, Instant expiresAt) {
        this.jwt = jwt;
        this.expiresAt = expiresAt;
        this.cacheKey = "user:" + sha256(canonical);
    }

    /** The raw token, sent as {@code X-Vendo-User-JWT}. */
    public String jwt() {
        return jwt;
    }

    /** The token's signature segment, scrubbed from server text separately. */
    public String signature() {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }

    /** The identity's key in the token cache. */
    public String cacheKey() {
        return cacheKey;
    }

    /** The token's {@code exp}. */
    public Instant expiresAt() {
        return expiresAt;
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "UserIdentity[" + cacheKey + ", expires " + expiresAt + "]";
    }
}
