package run.vendo.internal;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Scrubs credentials from text that came from a server before it reaches an exception message:
 * the known secrets of the call, plus anything shaped like a JWT or a Vendo App Key; and keeps any
 * text from outside on one line of a log ({@link #printable}).
 */
public final class Redactor {

    static final String MASK = "[redacted]";

    private static final Pattern JWT_LIKE =
            Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final Pattern API_KEY_LIKE = Pattern.compile("vendo_sk_[A-Za-z0-9_-]+");
    /** C0 and C1 controls (U+0085 among them) and the Unicode line and paragraph separators, tab aside. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\x{2028}\\x{2029}&&[^\t]]+");
    private static final int MAX_LENGTH = 500;

    private Redactor() {}

    /**
     * Returns {@code text} without the given secrets, JWT-like or App-Key-like runs and control
     * characters (no log injection), cut to a readable length; {@code null} stays {@code null}.
     */
    static String scrub(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, MASK);
            }
        }
        out = JWT_LIKE.matcher(out).replaceAll(MASK);
        out = API_KEY_LIKE.matcher(out).replaceAll(MASK);
        return printable(out.strip()).strip();
    }

    /**
     * Text from outside (a server, a header, a webhook) as it may appear in a log line or a {@code
     * toString()}: control characters and line separators as spaces, cut to a readable length;
     * {@code null} stays {@code null}. It does not hide secrets: print only values that are none.
     *
     * @param text the text
     * @return the text on one line
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        String out = CONTROL.matcher(text).replaceAll(" ");
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "…" : out;
    }

    static List<String> secretsOf(Secret apiKey, UserIdentity identity) {
        String key = apiKey == null ? null : apiKey.reveal();
        if (identity == null) {
            return key == null ? List.of() : List.of(key);
        }
        return java.util.stream.Stream.of(key, identity.jwt(), identity.signature())
                .filter(Objects::nonNull)
                .toList();
    }
}
