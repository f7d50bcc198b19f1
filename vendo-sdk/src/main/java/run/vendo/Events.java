package run.vendo;

import java.util.function.Consumer;

/**
 * The deployment's event stream (Vendo mode only): {@code GET /api/deployments/me/events}, as
 * server-sent events.
 *
 * <p>Each subscription holds one long-lived connection on a daemon thread of its own, named {@code
 * vendo-events-N}. A dropped stream is reopened with backoff and jitter, resuming after the last
 * event seen ({@code Last-Event-ID}); Vendo allows five streams per App Key.
 *
 * @since 0.2.0
 */
public interface Events {

    /**
     * Starts receiving events. The listener is called on the subscription's thread, one event at a
     * time; an exception it throws is logged and does not end the stream. Returns at once: the
     * connection is made in the background.
     *
     * @param listener receives each event
     * @return the subscription; close it to stop
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws NullPointerException if {@code listener} is null
     */
    Subscription subscribe(Consumer<VendoEvent> listener);
}
