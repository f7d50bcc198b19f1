package run.vendo.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Waits in a test for something another thread makes true (a stream opened, a thread ended, a
 * record logged), polling it every few milliseconds until a deadline, and fails saying what it
 * waited for. The deadline only bounds a failing test; a passing one returns as soon as the
 * condition holds.
 *
 * <pre>{@code
 * Await.until(() -> emulator.events().openStreams() == 1, "the event stream to open");
 * }</pre>
 */
public final class Await {

    /** The deadline of {@link #until(BooleanSupplier, String)}: generous, for a busy machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final long POLL_MILLIS = 5;

    private Await() {}

    /**
     * Returns once {@code condition} holds; fails after {@link #DEFAULT_TIMEOUT}.
     *
     * @param condition what to wait for, called from this thread until it returns true
     * @param what the awaited state, for the failure message (e.g. "the stream to open")
     * @throws AssertionError when the condition still does not hold at the deadline, or on interrupt
     */
    public static void until(BooleanSupplier condition, String what) {
        until(DEFAULT_TIMEOUT, condition, what);
    }

    /**
     * Returns once {@code condition} holds; fails after {@code timeout}.
     *
     * @param timeout how long to wait at the most
     * @param condition what to wait for, called from this thread until it returns true
     * @param what the awaited state, for the failure message (e.g. "the stream to open")
     * @throws AssertionError when the condition still does not hold at the deadline, or on interrupt
     */
    public static void until(Duration timeout, BooleanSupplier condition, String what) {
        Objects.requireNonNull(condition, "condition");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
