package run.vendo.internal;

import java.time.Duration;
import run.vendo.Vendo;

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
}
