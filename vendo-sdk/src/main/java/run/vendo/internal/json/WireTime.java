package run.vendo.internal.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The one reading of a date-time Vendo sends as text ({@code expires_at}, {@code connected_at}, …). */
public final class WireTime {

    private WireTime() {}

    /**
     * Reads an ISO-8601 date-time with {@code Z} or an offset, as {@link
     * DateTimeFormatter#ISO_OFFSET_DATE_TIME} does (seconds may have a fraction, or be left out), for
     * example {@code 2026-05-20T12:00:00Z} or {@code 2026-05-20T14:00:00.5+02:00}.
     *
     * @param text the text, or {@code null}
     * @return the instant, or {@code null} when the text is null or not such a date-time (no
     *     offset, a space for the {@code T}, unix seconds, a day that does not exist, …); each caller
     *     refuses that its own way
     */
    public static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException notADateTime) {
            return null;
        }
    }
}
