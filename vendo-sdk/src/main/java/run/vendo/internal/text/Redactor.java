package run.vendo.internal.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Scrubs credentials from text that came from a server before it reaches an exception message:
 * the known secrets of the call, plus anything shaped like a JWT, a Vendo App Key or a well-known
 * provider token; and keeps any text from outside on one line of a log ({@link #printable}).
 */
public final class Redactor {

    static final String MASK = "[redacted]";

    private static final Pattern JWT_LIKE =
            Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final Pattern API_KEY_LIKE = Pattern.compile("vendo_sk_[A-Za-z0-9_-]+");
    /**
     * Well-known provider token shapes that Vendo's text may quote: Google ({@code ya29.}), OpenAI
     * and Anthropic ({@code sk-}), Notion ({@code ntn_}, {@code secret_}), Slack ({@code xox?-}),
     * GitHub ({@code gh?_}, {@code github_pat_}), and a credential-like run after {@code Bearer}.
     */
    private static final Pattern PROVIDER_TOKEN_LIKE = Pattern.compile("ya29\\.[A-Za-z0-9._-]+|sk-[A-Za-z0-9_-]{8,}"
            + "|ntn_[A-Za-z0-9]{8,}|secret_[A-Za-z0-9]{16,}|xox[abposr]-[A-Za-z0-9-]+|gh[pousr]_[A-Za-z0-9]{16,}"
            + "|github_pat_[A-Za-z0-9_]{16,}|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{16,}");
    private static final int MAX_LENGTH = 500;

    private Redactor() {}

    /**
     * Returns {@code text} without the given secrets, JWT-like or App-Key-like runs and control
     * characters (no log injection), cut to a readable length; {@code null} stays {@code null}.
     */
    public static String scrub(String text, List<String> secrets) {
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
        out = PROVIDER_TOKEN_LIKE.matcher(out).replaceAll(MASK);
        return printable(out.strip()).strip();
    }

    /**
     * Text from outside (a server, a header, a webhook) as it may appear in a log line or a {@code
     * toString()}: each run of {@linkplain ControlCharacters#isControl control characters and line
     * separators} but tabs as one space, cut to a readable length; {@code null} stays {@code
     * null}. It does not hide secrets: print only values that are none.
     *
     * @param text the text
     * @return the text on one line
     */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
        for (int i = 0; i < text.length() && out.length() <= MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c == '\t' || !ControlCharacters.isControl(c)) {
                out.append(c);
            } else if (out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
                out.append(' '); // a run of them is one space
            }
        }
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "…" : out.toString();
    }
}
