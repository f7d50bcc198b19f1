package run.vendo;

/**
 * A running {@link Events#subscribe(java.util.function.Consumer) subscription}.
 *
 * @since 0.2.0
 */
public interface Subscription extends AutoCloseable {

    /**
     * Tells whether the subscription still runs (connected, or waiting to reconnect).
     *
     * @return {@code false} once closed
     */
    boolean isOpen();

    /**
     * Stops the subscription: closes its connection and ends its thread promptly. Idempotent.
     */
    @Override
    void close();
}
