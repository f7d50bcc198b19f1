package run.vendo.jakarta.identity;

/**
 * Cheap structural checks on a compact JWT, done before any decoding or cryptography: a size
 * bound, printable ASCII only, and three non-empty base64url segments.
 *
 * @since 0.1.0
 */
public final class JwtShape {

    /** The longest identity token accepted, in characters. Vendo's are well under 2 KiB. */
    public static final int MAX_LENGTH = 4096;

    private JwtShape() {}

    /**
     * Tells what is wrong with the shape of a token.
     *
     * @param jwt a compact JWT
     * @return a short description of the first problem found, or {@code null} when the shape is fine
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
                continue; // the common case, one table lookup per character: this runs on every request
            }
            if (c < 0x20 || c == 0x7f) {
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

    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (char c = 0; c < BASE64URL.length; c++) {
            BASE64URL[c] = isBase64Url(c);
        }
    }

    private static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
