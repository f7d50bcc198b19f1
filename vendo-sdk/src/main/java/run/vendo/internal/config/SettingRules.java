package run.vendo.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every setting of this SDK follows, shared by the core builder and the Jakarta
 * integration's MicroProfile Config mapping, so that a value passes both or neither.
 */
public final class SettingRules {

    private static final Pattern SIMPLE_DURATION =
            Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private SettingRules() {}

    /**
     * The environment variable of a key, by MicroProfile Config's rule: upper case, every character
     * other than a letter or digit as {@code _} ({@code vendo.base-url} is {@code VENDO_BASE_URL}).
     *
     * @param key a setting key
     * @return the variable's name
     */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * Checks an absolute http(s) URL without user info, query or fragment. A trailing slash is
     * dropped. A problem's text shows the URL without its user info and query, which may hold secrets.
     *
     * @param key the setting's key, for the problem's text
     * @param value the configured URL
     * @param problems where a problem is added
     * @return the URL, or {@code null} after adding a problem
     */
    public static URI httpUrl(String key, String value, List<String> problems) {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(key + ": must be an absolute http or https URL without user info, query or fragment, was '"
                        + printableUrl(trimmed) + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(key + ": is not a valid URL: '" + printableUrl(trimmed) + "'");
            return null;
        }
    }

    /**
     * Checks a value sent in an HTTP header: printable ASCII without spaces.
     *
     * @param key the setting's key
     * @param value the value
     * @param secret whether the value must never be shown
     * @param problems where a problem is added
     * @return whether the value passed
     */
    public static boolean headerToken(String key, String value, boolean secret, List<String> problems) {
        if (value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return true;
        }
        problems.add(key + ": contains whitespace, control or non-ASCII characters"
                + (secret ? "; check how it was pasted" : ", was '" + printable(value) + "'"));
        return false;
    }

    /**
     * Checks a positive duration.
     *
     * @param key the setting's key
     * @param value the duration
     * @param problems where a problem is added
     * @return whether it passed
     */
    public static boolean positive(String key, Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + ": must be positive, was " + value);
            return false;
        }
        return true;
    }

    /**
     * Checks a duration that may be zero (which switches something off) but not negative.
     *
     * @param key the setting's key
     * @param value the duration
     * @param problems where a problem is added
     * @return whether it passed
     */
    public static boolean notNegative(String key, Duration value, List<String> problems) {
        if (value.isNegative()) {
            problems.add(key + ": must not be negative, was " + value);
            return false;
        }
        return true;
    }

    /**
     * Checks a whole number within bounds.
     *
     * @param key the setting's key
     * @param value the number
     * @param min the least value allowed
     * @param max the greatest value allowed
     * @param problems where a problem is added
     * @return whether it passed
     */
    public static boolean between(String key, long value, long min, long max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(key + ": must be " + (max == Long.MAX_VALUE ? "at least " + min : "between " + min
                    + " and " + max) + ", was " + value);
            return false;
        }
        return true;
    }

    /**
     * Reads a duration as written in configuration: ISO-8601 ({@code PT5S}) or a whole number with a
     * unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}); a bare number means seconds.
     *
     * @param key the setting's key
     * @param text the configured text
     * @param problems where a problem is added
     * @return the duration, or {@code null} after adding a problem
     */
    public static Duration duration(String key, String text, List<String> problems) {
        Duration d = parseDuration(text);
        if (d == null) {
            problems.add(key + ": '" + printable(text) + "' is not a duration; write PT5S, 5s, 500ms or 2m");
        }
        return d;
    }

    /** The duration {@link #duration} reads, or {@code null} when the text is not one. */
    static Duration parseDuration(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        char first = t.charAt(0);
        if (first == 'P' || first == 'p' || first == '-') {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = SIMPLE_DURATION.matcher(t);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /**
     * Reads a whole number; only its syntax and type bounds are checked here, the range by {@link #between}.
     *
     * @param key the setting's key
     * @param text the configured text
     * @param largest the largest magnitude the setting's type holds
     * @param problems where a problem is added
     * @return the number, or {@code null} after adding a problem
     */
    public static Long wholeNumber(String key, String text, long largest, List<String> problems) {
        try {
            long n = Long.parseLong(text.strip());
            if (Math.abs(n) <= largest) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(key + ": '" + printable(text) + "' is not a whole number up to " + largest);
        return null;
    }

    /** A URL as it may be shown: no user info, no query, no control characters, at most 200 characters. */
    static String printableUrl(String url) {
        String noUserInfo = url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", "$1****@");
        String noQuery = noUserInfo.replaceFirst("\\?.*$", "?****");
        return printable(noQuery);
    }

    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 200 ? p.substring(0, 200) + "…" : p;
    }
}
