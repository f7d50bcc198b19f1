package run.vendo.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reconnect delays of an event stream, computed with a chosen jitter rather than slept. */
class ReconnectBackoffTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void doublesFromOneSecondUpToThirtySeconds() {
        List<Duration> delays = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            delays.add(ReconnectBackoff.delay(n, ReconnectBackoff.DEFAULT_BASE, 0));
        }
        assertEquals(List.of(ms(1000), ms(2000), ms(4000), ms(8000), ms(16000), ms(30000), ms(30000), ms(30000)),
                delays);
        assertEquals(ms(30000), ReconnectBackoff.delay(Integer.MAX_VALUE, ReconnectBackoff.DEFAULT_BASE, 0));
    }

    @Test
    void addsUpToAQuarterOfJitter() {
        assertEquals(ms(1250), ReconnectBackoff.delay(1, ReconnectBackoff.DEFAULT_BASE, 1.0));
        assertEquals(ms(2250), ReconnectBackoff.delay(2, ReconnectBackoff.DEFAULT_BASE, 0.5));
        assertEquals(ms(37500), ReconnectBackoff.delay(9, ReconnectBackoff.DEFAULT_BASE, 1.0));
        Random seeded = new Random(42);
        for (int i = 0; i < 1000; i++) {
            int n = 1 + seeded.nextInt(10);
            Duration ceiling = ReconnectBackoff.delay(n, ReconnectBackoff.DEFAULT_BASE, 0);
            Duration d = ReconnectBackoff.delay(n, ReconnectBackoff.DEFAULT_BASE, seeded.nextDouble());
            assertTrue(d.compareTo(ceiling) >= 0 && d.toMillis() <= ceiling.toMillis() * 5 / 4, d + " for n=" + n);
        }
    }

    @Test
    void growsWithEachFailureAndStartsAgainAfterAConnect() {
        ReconnectBackoff backoff = new ReconnectBackoff(ReconnectBackoff.DEFAULT_BASE, () -> 0.0);
        assertEquals(ms(1000), backoff.next(null));
        assertEquals(ms(2000), backoff.next(null));
        assertEquals(ms(4000), backoff.next(null));
        assertEquals(3, backoff.failures());
        backoff.connected();
        assertEquals(ms(1000), backoff.next(null));
    }

    @Test
    void theServersRetryReplacesTheBase() {
        ReconnectBackoff backoff = new ReconnectBackoff(ReconnectBackoff.DEFAULT_BASE, () -> 0.0);
        backoff.serverRetry(250);
        assertEquals(ms(250), backoff.next(null));
        assertEquals(ms(500), backoff.next(null));
        backoff.serverRetry(120_000);
        assertEquals(ms(30000), backoff.next(null), "the cap holds whatever the server asks");
    }

    @Test
    void aServerCannotMakeItHammer() {
        ReconnectBackoff backoff = new ReconnectBackoff(ReconnectBackoff.DEFAULT_BASE, () -> 0.0);
        backoff.serverRetry(0);
        assertEquals(ReconnectBackoff.MIN_BASE, backoff.next(null));
    }

    @Test
    void waitsForALongerRetryAfterButNoLongerThanFiveMinutes() {
        ReconnectBackoff backoff = new ReconnectBackoff(ReconnectBackoff.DEFAULT_BASE, () -> 0.0);
        assertEquals(ms(7000), backoff.next(Duration.ofSeconds(7)));
        assertEquals(ms(2000), backoff.next(Duration.ofSeconds(1)), "a shorter Retry-After does not shorten it");
        assertEquals(Duration.ofMinutes(5), backoff.next(Duration.ofDays(2)));
    }
}
