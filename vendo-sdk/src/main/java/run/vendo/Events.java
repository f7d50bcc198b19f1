package run.vendo;

import java.util.function.Consumer;

/**
 * The deployment's event stream (Vendo mode only): {@code GET /api/deployments/me/events}, as
 * server-sent events.
 *
 * <p>Each subscription holds one long-lived connection, from the client's pool and with its
 * headers (a user-scoped view's stream carries the user's identity token), on a daemon thread of
 * its own, named {@code vendo-events-N}. A stream that drops, fails, ends or stays silent for 60 s
 * (two missed heartbeats) is reopened after 1 s x 2^(n-1) (the server's {@code retry:} replaces the
 * 1 s), at most 30 s, plus up to 25 % jitter, resuming after the last event seen ({@code
 * Last-Event-ID}); a successful connect starts the count again, and a longer {@code Retry-After} is
 * honoured. Vendo allows five streams per App Key: a sixth is refused (429 {@code
 * rate_limit_sse_streams}) and keeps trying with the same backoff. A refused App Key (401, 403) is
 * retried the same way and logged at WARNING once. A user-scoped subscription ends when the user's
 * token has expired. Closing the root client closes its subscriptions and those of its views.
 *
 * @since 0.1.0
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
     * @throws IllegalStateException if the root client is closed
     */
    Subscription subscribe(Consumer<VendoEvent> listener);
}
