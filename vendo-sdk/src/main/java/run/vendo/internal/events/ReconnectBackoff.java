package run.vendo.internal.events;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When an event stream reconnects, as Vendo's SDKs agree: after the {@code n}-th failure in a row,
 * {@code base x 2^(n-1)}, at most {@value #CAP_SECONDS} s, plus up to 25 % jitter. The base is 1 s
 * until the server sends {@code retry:}, which replaces it. A successful connect starts the count
 * again. A {@code Retry-After} longer than the computed delay is waited for instead (at most five
 * minutes). Not thread-safe: one per subscription.
 */
public final class ReconnectBackoff {

    /** The base delay until the server sends {@code retry:}. */
    static final Duration DEFAULT_BASE = Duration.ofSeconds(1);
    /** The shortest base, whatever the server's {@code retry:} says: a stream is never hammered. */
    static final Duration MIN_BASE = Duration.ofMillis(100);
    static final long CAP_SECONDS = 30;
    /** The longest delay before jitter. */
    static final Duration CAP = Duration.ofSeconds(CAP_SECONDS);
    /** The most jitter, as a share of the delay. */
    static final double JITTER = 0.25;
    /** The longest {@code Retry-After} honoured; a longer one is taken as this. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(5);

    private final DoubleSupplier random;
    private Duration base;
    private int failures;

    /**
     * @param base the base delay until the server sends one
     * @param random uniform values in {@code [0, 1)} for the jitter
     */
    ReconnectBackoff(Duration base, DoubleSupplier random) {
        this.base = atLeastMin(base);
        this.random = random;
    }

    /** The server's {@code retry:} in milliseconds: the new base. */
    void serverRetry(long millis) {
        base = atLeastMin(millis > CAP.toMillis() ? CAP : Duration.ofMillis(millis));
    }

    /** A connect succeeded: the next failure waits the base again. */
    void connected() {
        failures = 0;
    }

    /**
     * Counts one more failure and returns how long to wait before the next attempt.
     *
     * @param retryAfter what the server's {@code Retry-After} asked for, or {@code null}
     */
    Duration next(Duration retryAfter) {
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        Duration delay = delay(failures, base, random.getAsDouble());
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
            if (asked.compareTo(delay) > 0) {
                return asked;
            }
        }
        return delay;
    }

    /** The failures in a row counted so far. */
    int failures() {
        return failures;
    }

    /**
     * The delay after the {@code n}-th failure in a row: {@code min(base x 2^(n-1), CAP)} plus
     * {@code random x 25 %} of that.
     *
     * @param n the failures in a row, at least 1
     * @param base the base delay
     * @param random a value in {@code [0, 1)}
     */
    static Duration delay(int n, Duration base, double random) {
        long cap = CAP.toMillis();
        long ceiling = Math.min(base.toMillis(), cap);
        for (int i = 1; i < n && ceiling < cap; i++) {
            ceiling = Math.min(ceiling * 2, cap);
        }
        double share = Math.max(0, Math.min(random, 1));
        return Duration.ofMillis(ceiling + (long) (ceiling * JITTER * share));
    }

    private static Duration atLeastMin(Duration d) {
        return d.compareTo(MIN_BASE) < 0 ? MIN_BASE : d;
    }
}
