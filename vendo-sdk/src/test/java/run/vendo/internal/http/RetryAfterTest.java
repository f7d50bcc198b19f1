package run.vendo.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void secondsAreTakenAsSent() {
        assertEquals(Duration.ofSeconds(7), RetryAfter.parse("7", CLOCK));
        assertEquals(Duration.ofSeconds(7), RetryAfter.parse(" 7 ", CLOCK));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", CLOCK));
        assertEquals(Duration.ofSeconds(Long.MAX_VALUE), RetryAfter.parse(Long.toString(Long.MAX_VALUE), CLOCK));
    }

    @Test
    void aDateIsMeasuredAgainstTheGivenClock() {
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Wed, 20 May 2026 12:01:30 GMT", CLOCK));
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Wednesday, 20-May-26 12:01:30 GMT", CLOCK),
                "the obsolete RFC 850 form");
        assertEquals(Duration.ofHours(1), RetryAfter.parse("Wed, 20 May 2026 12:01:30 GMT",
                Clock.offset(CLOCK, Duration.ofSeconds(-3_510))));
    }

    @Test
    void aDateAlreadyPastMeansNoWait() {
        assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 20 May 2026 11:59:00 GMT", CLOCK));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "-1", "-9223372036854775808", "99999999999999999999", "soon", "7s", "1.5",
        "20 May 2026 12:01:30", "Wed, 20 May 2026 25:01:30 GMT"})
    void anythingElseIsNoRetryAfter(String value) {
        assertNull(RetryAfter.parse(value, CLOCK));
    }
}
