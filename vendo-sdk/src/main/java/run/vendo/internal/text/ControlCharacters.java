package run.vendo.internal.text;

/** The one rule for characters that text from outside may not carry into a header, a log line or a message. */
public final class ControlCharacters {

    private ControlCharacters() {}

    /**
     * Whether a character is a control character (C0, DEL or C1) or a Unicode line or paragraph
     * separator: what must never reach a header, a log line or a {@code toString()} from outside.
     *
     * @param c the character
     * @return {@code true} for U+0000–U+001F, U+007F–U+009F, U+2028 and U+2029
     */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /**
     * Whether a value holds a control character (tab included), as identity values from a token must not.
     *
     * @param value the value
     * @return {@code true} when any character is one that {@link #isControl(char)} names
     */
    public static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
