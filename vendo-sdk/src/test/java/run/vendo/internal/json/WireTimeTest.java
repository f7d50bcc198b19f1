package run.vendo.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one reading of Vendo's date-times: ISO-8601 with {@code Z} or an offset, nothing looser. */
class WireTimeTest {

    @ParameterizedTest
    @CsvSource({
        "2026-05-20T12:00:00Z, 2026-05-20T12:00:00Z",
        "2026-05-20T14:00:00+02:00, 2026-05-20T12:00:00Z",
        "2026-05-20T06:30:00-05:30, 2026-05-20T12:00:00Z",
        "2026-05-20T12:00:00+00:00, 2026-05-20T12:00:00Z",
        "2026-05-20T12:00:00.5Z, 2026-05-20T12:00:00.500Z",
        "2026-05-20T12:00:00.123Z, 2026-05-20T12:00:00.123Z",
        "2026-05-20T14:00:00.123456+02:00, 2026-05-20T12:00:00.123456Z",
        "2026-05-20T12:00:00.123456789Z, 2026-05-20T12:00:00.123456789Z",
        "2026-05-20t12:00:00z, 2026-05-20T12:00:00Z",
        "2026-05-20T12:00Z, 2026-05-20T12:00:00Z",
        "2028-02-29T00:00:00Z, 2028-02-29T00:00:00Z"
    })
    void readsWhatTheWireSends(String sent, String expected) {
        assertEquals(Instant.parse(expected), WireTime.instant(sent));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "yesterday", "1779278000", "2026-05-20", "2026-05-20T12:00:00",
        "2026-05-20 12:00:00Z", " 2026-05-20T12:00:00Z", "2026-05-20T12:00:00Z ", "2026-05-20T12:00:00Z[UTC]",
        "2026-05-20T12:00:00 UTC", "2026-05-20T12:00:00.1234567890Z", "2026-05-20T12:00:00+19:00",
        "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-05-20T24:00:00Z", "2026-05-20T23:59:60Z",
        "Wed, 20 May 2026 12:00:00 GMT", "2026-05-20T12:00:00Z\n", "+2026-05-20T12:00:00Z"})
    void refusesEverythingElse(String sent) {
        assertNull(WireTime.instant(sent), sent);
    }

    @Test
    void nullIsAbsent() {
        assertNull(WireTime.instant(null));
    }
}
