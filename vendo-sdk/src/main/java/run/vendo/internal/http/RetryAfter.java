package run.vendo.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.utils.DateUtils;

/**
 * The one reading of a {@code Retry-After} header, for the wait before a retry and for the {@code
 * retryAfter()} of an error alike. It parses as HttpClient does (delta-seconds, else an HTTP date
 * read by {@link DateUtils#parseStandardDate}), except that a date is measured against the client's
 * clock rather than the system's: both readings agree with each other and with the builder's clock.
 */
final class RetryAfter {

    private RetryAfter() {}

    /**
     * How long {@code value} asks to wait.
     *
     * @param value the header's value, or {@code null}
     * @param clock the client's clock, which a date is measured against
     * @return the wait, zero for a date already past; {@code null} when the header is absent, negative
     *     or neither a number of seconds nor a date
     */
    static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            Instant at = DateUtils.parseStandardDate(v);
            if (at == null) {
                return null;
            }
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        }
    }
}
