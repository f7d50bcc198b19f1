package run.vendo;

/**
 * A running {@link Events#subscribe(java.util.function.Consumer) subscription}.
 *
 * @since 0.1.0
 */
public interface Subscription extends AutoCloseable {

    /**
     * Tells whether the subscription still runs (connected, or waiting to reconnect).
     *
     * @return {@code false} once closed
     */
    boolean isOpen();

    /**
     * Stops the subscription: closes its connection, cuts a wait to reconnect short and ends its
     * thread promptly; no event reaches the listener afterwards. Waits up to a few seconds for a
     * listener call in progress to return (not when called by the listener itself). Idempotent.
     */
    @Override
    void close();
}
