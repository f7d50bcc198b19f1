package run.vendo.jakarta.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as written in configuration: ISO-8601 ({@code PT5S}) or a number with a unit
 * ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}); a bare number means seconds.
 * MicroProfile Config has no portable {@code Duration} converter, hence this.
 */
public final class ConfigDurations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private ConfigDurations() {}

    /**
     * Parses a duration.
     *
     * @param text the configured text
     * @return the duration, or {@code null} if the text is not a duration
     */
    public static Duration parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (t.charAt(0) == 'P' || t.charAt(0) == 'p' || t.charAt(0) == '-') {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = SIMPLE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }
}
