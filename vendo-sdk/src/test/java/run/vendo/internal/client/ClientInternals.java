package run.vendo.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import run.vendo.Subscription;
import run.vendo.Vendo;
import run.vendo.internal.events.EventSubscription;

/**
 * What tests outside this package may read or set inside a client built by {@code Vendo.builder()}.
 * The methods it calls are package-private: nothing in the published API exists only for tests.
 */
public final class ClientInternals {

    private ClientInternals() {}

    /** Connections leased from the client's pool right now (0 in OSS mode). */
    public static int leasedConnections(Vendo client) {
        return ((VendoClient) client).leasedConnections();
    }

    /** Whether the client is a view bound to an end user. */
    public static boolean isUserScoped(Vendo client) {
        return ((VendoClient) client).isUserScoped();
    }

    /** Sets the first retry delay (later ones double, with jitter; default 200 ms), to keep retry tests fast. */
    public static Vendo.Builder fastRetries(Vendo.Builder builder, Duration firstDelay) {
        return ((VendoClientBuilder) builder).retryBaseDelay(firstDelay);
    }

    /**
     * Sets the time source of call deadlines (default {@link System#nanoTime()}): a test that moves it
     * by hand decides when a call's time runs out, and one that holds it still lets every call make
     * all its attempts, however busy the machine.
     */
    public static Vendo.Builder ticker(Vendo.Builder builder, LongSupplier nanoTime) {
        return ((VendoClientBuilder) builder).ticker(nanoTime);
    }

    /**
     * Sets, for the root of {@code client}, the read-idle bound, the first reconnect delay (when the
     * server sends no {@code retry:}) and the jitter source of subscriptions started from now on.
     */
    public static void tuneEvents(Vendo client, Duration readIdle, Duration baseDelay, DoubleSupplier jitter) {
        ((VendoClient) client).eventStreams().tune(readIdle, baseDelay, jitter);
    }

    /** The last waits of a subscription before it reconnected, oldest first. */
    public static List<Duration> reconnectDelays(Subscription subscription) {
        return ((EventSubscription) subscription).recentDelays();
    }

    /** The name of a subscription's thread. */
    public static String threadName(Subscription subscription) {
        return ((EventSubscription) subscription).threadName();
    }

    /**
     * Waits until every background refresh the client's root has started so far has finished.
     *
     * @return whether they finished within {@code timeout}
     */
    public static boolean awaitRefreshes(Vendo client, Duration timeout) throws InterruptedException {
        return ((VendoClient) client).refresher().awaitIdle(timeout);
    }

    /** Whether a load of the client's token for {@code slug} is running, with callers waiting for it. */
    public static boolean loading(Vendo client, String slug) {
        return ((VendoClient) client).loading(slug);
    }

    /** Subscriptions of the client's root whose thread has not ended. */
    public static int openSubscriptions(Vendo client) {
        return ((VendoClient) client).eventStreams().openSubscriptions();
    }
}
