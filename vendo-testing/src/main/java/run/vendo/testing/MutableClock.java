package run.vendo.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand, in UTC. Give the same one to {@link VendoEmulator.Builder#clock(Clock)}
 * and to the client's builder to test token and identity expiry without waiting. Thread-safe.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /**
     * Creates a clock that stands at {@code start} until moved.
     *
     * @param start the first instant
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * Creates a clock that stands at the current instant until moved.
     *
     * @return a new clock
     */
    public static MutableClock ofNow() {
        return new MutableClock(Instant.now());
    }

    /**
     * Moves the clock forward (or back, for a negative duration).
     *
     * @param d how far
     */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /**
     * Sets the clock to an instant.
     *
     * @param instant the new instant
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
