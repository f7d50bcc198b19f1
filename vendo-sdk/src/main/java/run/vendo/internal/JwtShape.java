package run.vendo.internal;

import java.time.Duration;

/**
 * The structural rules of an identity token, checked before any decoding or cryptography, for
 * the core's {@code forUser}/{@code forRequest} and the Jakarta filter alike: at most {@value
 * #MAX_LENGTH} characters, printable ASCII, three non-empty base64url segments.
 */
public final class JwtShape {

    /** The longest identity token accepted, in characters. Vendo's are about 1 KiB. */
    public static final int MAX_LENGTH = 4096;

    /** The most clock skew tolerated on {@code exp} and {@code nbf}: identity tokens live one hour. */
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(60);

    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (char c = 0; c < BASE64URL.length; c++) {
            BASE64URL[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
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
            if (c < BASE64URL.length && BASE64URL[c]) {
                continue; // one table lookup per character: this runs on every request
            }
            if (IdentityHeaders.isControl(c)) {
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
            dots++;
            segmentStart = i + 1;
        }
        if (dots != 2) {
            return "is not three dot-separated segments";
        }
        if (segmentStart == length) {
            return "has an empty segment";
        }
        return null;
    }

    /** Whether a character may appear in a compact JWT outside the dots. */
    static boolean isBase64Url(char c) {
        return c < BASE64URL.length && BASE64URL[c];
    }
}
