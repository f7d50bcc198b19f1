package run.vendo.internal.identity;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import run.vendo.internal.text.ControlCharacters;

/**
 * The rules of an identity token that need no key, for the core's {@code forUser}/{@code
 * forRequest} and the Jakarta filter alike.
 *
 * <ul>
 *   <li>Shape ({@link #problem(String)}), checked before any decoding or cryptography: at most
 *       {@value #MAX_LENGTH} characters, printable ASCII, three non-empty base64url segments, each
 *       in its one canonical spelling (no segment of a length that base64 never produces, and the
 *       unused low bits of a segment's last character zero), so that one token cannot be written
 *       in several ways that all verify.
 *   <li>Lifetime ({@link #lifetimeProblem}): {@code exp - iat}, and {@code exp - now}, at most a
 *       maximum lifetime plus the leeway; {@link #DEFAULT_MAX_LIFETIME} in the core.
 *   <li>Identity ({@link #lowS(String)}): an ES256 signature {@code (r, s)} and its twin {@code
 *       (r, n - s)} both verify; caches key a token by the low-s spelling, so both are one token.
 * </ul>
 */
public final class JwtShape {

    /** The longest identity token accepted, in characters. Vendo's are about 1 KiB. */
    public static final int MAX_LENGTH = 4096;

    /** The most clock skew tolerated on {@code exp} and {@code nbf}: identity tokens live one hour. */
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(60);

    /**
     * The longest lifetime accepted by default, {@code exp - iat}: a little over the one hour of
     * Vendo's identity tokens. The core always applies it; the Jakarta filter's is configurable.
     */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(65);

    /** The shortest maximum lifetime that may be configured. */
    public static final Duration SHORTEST_MAX_LIFETIME = Duration.ofMinutes(1);

    /** The longest maximum lifetime that may be configured. */
    public static final Duration LONGEST_MAX_LIFETIME = Duration.ofHours(24);

    /** The length of a base64url-encoded ES256 signature, {@code r || s}: 64 bytes. */
    private static final int ES256_SIGNATURE_CHARS = 86;

    /** The order of the P-256 group. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final byte[] HALF_P256_ORDER = unsigned32(P256_ORDER.shiftRight(1));

    /** The 6-bit value of each base64url character, -1 for the others. */
    private static final byte[] BASE64URL = new byte[128];

    static {
        Arrays.fill(BASE64URL, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64URL[alphabet.charAt(i)] = (byte) i;
        }
    }

    private JwtShape() {}

    /**
     * Tells what is wrong with the shape of a token.
     *
     * @param jwt a compact JWT
     * @return the first problem found, phrased to follow "the token", or {@code null} when the shape is fine
     */
    public static String problem(String jwt) {
        int length = jwt.length();
        if (length > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        int dots = 0;
        int segmentStart = 0;
        for (int i = 0; i < length; i++) {
            char c = jwt.charAt(i);
            if (c < BASE64URL.length && BASE64URL[c] >= 0) {
                continue; // one table lookup per character: this runs on every request
            }
            if (ControlCharacters.isControl(c)) {
                return "contains a control character";
            }
            if (c > 0x7e) {
                return "contains a non-ASCII character";
            }
            if (c != '.') {
                return "contains a character outside the base64url alphabet";
            }
            if (i == segmentStart) {
                return "has an empty segment";
            }
            String segment = segmentProblem(jwt, segmentStart, i);
            if (segment != null) {
                return segment;
            }
            dots++;
            segmentStart = i + 1;
        }
        if (dots != 2) {
            return "is not three dot-separated segments";
        }
        if (segmentStart == length) {
            return "has an empty segment";
        }
        return segmentProblem(jwt, segmentStart, length);
    }

    /**
     * Base64url without padding encodes 3 bytes in 4 characters: a last group of 2 characters holds
     * one byte and 4 unused bits, one of 3 characters two bytes and 2 unused bits, and a last group
     * of 1 character is no encoding at all. Decoders ignore unused bits, so a set one is another
     * spelling of the same bytes: refused.
     */
    private static String segmentProblem(String jwt, int start, int end) {
        int unusedBits;
        switch ((end - start) & 3) {
            case 0 -> {
                return null;
            }
            case 1 -> {
                return "has a segment whose length is not that of any base64url encoding";
            }
            case 2 -> unusedBits = 0x0f;
            default -> unusedBits = 0x03;
        }
        if ((BASE64URL[jwt.charAt(end - 1)] & unusedBits) != 0) {
            return "has a segment that is not in canonical base64url (unused bits are set)";
        }
        return null;
    }

    /**
     * Tells what is wrong with a token's lifetime: its {@code exp} may lie at most {@code
     * maxLifetime} plus {@code leeway} after its {@code iat} and after now (without {@code iat},
     * after now only). A token issued for longer than its issuer's tokens live, or that claims to
     * be issued in the future, is refused.
     *
     * @param exp the token's {@code exp}
     * @param iat the token's {@code iat}, or {@code null} when it has none
     * @param now the current time
     * @param maxLifetime the longest lifetime accepted
     * @param leeway the clock skew tolerated
     * @return the problem, phrased to follow "the token", or {@code null} when the lifetime is fine
     */
    public static String lifetimeProblem(Instant exp, Instant iat, Instant now, Duration maxLifetime,
            Duration leeway) {
        long most = maxLifetime.plus(leeway).getSeconds();
        if (iat != null && exp.getEpochSecond() - iat.getEpochSecond() > most) {
            return "lives longer than the " + describe(maxLifetime) + " accepted (exp - iat)";
        }
        if (exp.getEpochSecond() - now.getEpochSecond() > most) {
            return "expires more than " + describe(maxLifetime) + " from now";
        }
        return null;
    }

    private static String describe(Duration d) {
        long seconds = d.getSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds";
    }

    /**
     * Returns the spelling of a token by which caches know it: for a 64-byte signature segment (the
     * {@code r || s} of ES256) whose {@code s} is above half the P-256 group order, the same token
     * with {@code s} replaced by {@code n - s}, which verifies just the same; otherwise the token
     * itself. ECDSA signers (Java's, Go's) do not normalise {@code s}, so about half of genuine
     * ES256 tokens are high-s: both spellings are accepted, as one token.
     *
     * @param jwt a compact JWT whose shape is fine
     * @return the low-s spelling, or {@code jwt} when it is that already or has no such signature
     */
    public static String lowS(String jwt) {
        int dot = jwt.lastIndexOf('.');
        if (jwt.length() - dot - 1 != ES256_SIGNATURE_CHARS) {
            return jwt;
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(jwt.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return jwt;
        }
        if (Arrays.compareUnsigned(signature, 32, 64, HALF_P256_ORDER, 0, 32) <= 0) {
            return jwt;
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (s.compareTo(P256_ORDER) >= 0) {
            return jwt; // not a signature at all: it verifies in no spelling
        }
        System.arraycopy(unsigned32(P256_ORDER.subtract(s)), 0, signature, 32, 32);
        return jwt.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** A non-negative number below 2^256 as 32 big-endian bytes. */
    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    /** Whether a character may appear in a compact JWT outside the dots. */
    static boolean isBase64Url(char c) {
        return c < BASE64URL.length && BASE64URL[c] >= 0;
    }
}
