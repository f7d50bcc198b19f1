package run.vendo.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Identity tokens spelled by hand, for tests of readers and verifiers: a token with exactly the
 * header and payload you write, a token signed by your key over exactly that text, and the other
 * spellings of one signed token (the ECDSA twin {@code (r, n - s)}, base64url with its unused bits
 * set) that a verifier must treat as the same token or refuse.
 *
 * <pre>{@code
 * String shaped = RawJwts.of("{\"alg\":\"ES256\"}", "{\"sub\":\"alice\",\"exp\":4102444800}");
 * String twin = RawJwts.es256Twin(emulator.mintUserJwt("alice")); // verifies too
 * String signed = RawJwts.signed(JwtKey.ec("k1"), "{\"sub\":\"a\",\"exp\":1e999}");
 * }</pre>
 *
 * <p>For ordinary valid and invalid tokens use {@link UserJwtBuilder}.
 */
public final class RawJwts {

    /** The order n of the P-256 group: an ES256 signature's {@code r} and {@code s} lie in [1, n - 1]. */
    public static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** Not a signature of anything: a non-empty third segment for readers that do not check signatures. */
    private static final String FAKE_SIGNATURE = base64Url("signature-of-the-test-token");

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private RawJwts() {}

    /**
     * Returns a token with exactly this header and payload and a third segment that is not a
     * signature: for code that checks a token's shape and time, not its signature.
     *
     * @param headerJson the header, any text
     * @param payloadJson the payload, any text
     * @return {@code base64url(header).base64url(payload).fake-signature}
     */
    public static String of(String headerJson, String payloadJson) {
        return base64Url(headerJson) + "." + base64Url(payloadJson) + "." + FAKE_SIGNATURE;
    }

    /**
     * Returns a token of {@link #of} with an ES256 header and the claims {@code sub} and {@code exp}
     * only.
     *
     * @param subject the {@code sub} claim, written as given inside quotes
     * @param exp the {@code exp} claim
     * @return the token
     */
    public static String expiringAt(String subject, Instant exp) {
        return of("{\"alg\":\"ES256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"" + subject + "\",\"exp\":" + exp.getEpochSecond() + "}");
    }

    /**
     * Returns a token signed by {@code key} over exactly this payload, with the header {@code
     * {"alg":<the key's>,"kid":<the key's>}}: for claims no claim builder would write.
     *
     * @param key the signing key
     * @param payloadJson the payload, any text
     * @return the compact JWS
     */
    public static String signed(JwtKey key, String payloadJson) {
        return signed(key, "{\"alg\":\"" + key.algorithm() + "\",\"kid\":\"" + key.kid() + "\"}", payloadJson);
    }

    /**
     * Returns a token signed by {@code key} (with its algorithm) over exactly this header and
     * payload, whatever the header says.
     *
     * @param key the signing key
     * @param headerJson the header, any text
     * @param payloadJson the payload, any text
     * @return the compact JWS
     */
    public static String signed(JwtKey key, String headerJson, String payloadJson) {
        return Objects.requireNonNull(key, "key").sign(headerJson, payloadJson);
    }

    /**
     * Encodes text as UTF-8 in base64url without padding, as a JWT segment.
     *
     * @param text the text
     * @return the segment
     */
    public static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the same ES256 token with the signature {@code (r, s)}, each written as 32 big-endian
     * bytes: for out-of-range and swapped values.
     *
     * @param jwt an ES256 token
     * @param r the signature's r, 0 to 2^256 - 1
     * @param s the signature's s, 0 to 2^256 - 1
     * @return the token with that signature
     */
    public static String withEs256Signature(String jwt, BigInteger r, BigInteger s) {
        byte[] signature = new byte[64];
        put32(r, signature, 0);
        put32(s, signature, 32);
        return jwt.substring(0, jwt.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(signature);
    }

    /**
     * Returns the signature {@code (r, s)} of an ES256 token.
     *
     * @param jwt an ES256 token
     * @return {@code {r, s}}
     */
    public static BigInteger[] es256Signature(String jwt) {
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1));
        return new BigInteger[] {new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
            new BigInteger(1, Arrays.copyOfRange(signature, 32, 64))};
    }

    /**
     * Returns the other ECDSA spelling of an ES256 token: its signature {@code (r, s)} as {@code
     * (r, n - s)}, which verifies as well.
     *
     * @param jwt an ES256 token
     * @return its twin
     */
    public static String es256Twin(String jwt) {
        BigInteger[] rs = es256Signature(jwt);
        return withEs256Signature(jwt, rs[0], P256_ORDER.subtract(rs[1]));
    }

    /**
     * Tells whether the {@code s} of an ES256 token's signature is above n / 2 (of a token and its
     * twin, exactly one is).
     *
     * @param jwt an ES256 token
     * @return whether s is high
     */
    public static boolean isHighS(String jwt) {
        return es256Signature(jwt)[1].compareTo(P256_ORDER.shiftRight(1)) > 0;
    }

    /**
     * Returns every other spelling of a token (or a single segment) whose last segment has unused
     * bits (4 for a segment of 4k + 2 characters, 2 for 4k + 3): the last character with some of
     * them set. They decode to the same bytes; a strict reader refuses them.
     *
     * @param jwt a token or one segment
     * @return the other spellings; empty when the last segment has no unused bits
     */
    public static List<String> unusedBitsSpellings(String jwt) {
        int length = jwt.length() - jwt.lastIndexOf('.') - 1;
        int mask = length % 4 == 2 ? 0x0f : length % 4 == 3 ? 0x03 : 0;
        int last = ALPHABET.indexOf(jwt.charAt(jwt.length() - 1));
        List<String> spellings = new ArrayList<>();
        for (int set = 1; set <= mask; set++) {
            spellings.add(jwt.substring(0, jwt.length() - 1) + ALPHABET.charAt(last | set));
        }
        return spellings;
    }

    private static void put32(BigInteger value, byte[] into, int offset) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not a number from 0 to 2^256 - 1");
        }
        byte[] raw = value.toByteArray();
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, into, offset + 32 - copy, copy);
    }
}
