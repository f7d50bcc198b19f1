package run.vendo.internal.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.events.EventStreams;
import run.vendo.internal.http.VendoHttp;
import run.vendo.internal.identity.UserJwtParser;
import run.vendo.internal.platform.BillingApi;
import run.vendo.internal.platform.DataProxyApi;
import run.vendo.internal.platform.IntegrationsApi;
import run.vendo.internal.token.CredentialsApi;
import run.vendo.internal.token.TokenCache;
import run.vendo.internal.token.TokenRefresher;

/**
 * What a root client owns and its views share: settings, the pooled HTTP client, the endpoints
 * that use it and the event subscriptions (all only in Vendo mode), the token cache, the threads
 * that refresh its tokens, and the closed flag.
 */
public final class ClientCore implements AutoCloseable {

    /** How long closing waits for the refresh threads to end once the pool is closed. */
    private static final Duration REFRESH_THREADS_END = Duration.ofSeconds(5);

    final ClientSettings settings;
    final VendoHttp http;
    final TokenRefresher refresher;
    final TokenCache cache;
    final UserJwtParser jwtParser;
    final CredentialsApi api;
    final IntegrationsApi integrations;
    final BillingApi billing;
    final DataProxyApi data;
    final EventStreams events;
    private final AtomicBoolean closed = new AtomicBoolean();

    ClientCore(ClientSettings settings) {
        this.settings = settings;
        this.http = settings.vendoMode() ? new VendoHttp(settings) : null;
        this.refresher = new TokenRefresher(settings.telemetry());
        this.cache = new TokenCache(settings.cacheSize(), settings.clock(), settings.refreshAhead(), refresher);
        settings.telemetry().observeCachedTokens(cache::estimatedSize);
        this.jwtParser = new UserJwtParser(settings.clock(), settings.cacheSize());
        this.api = http == null ? null : new CredentialsApi(settings, http, cache);
        this.integrations = http == null ? null : new IntegrationsApi(settings, http);
        this.billing = http == null ? null : new BillingApi(settings, http);
        this.data = http == null ? null : new DataProxyApi(settings, http);
        this.events = http == null ? null : new EventStreams(settings, http, cache);
    }

    void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(
                    "This Vendo client is closed; create a new one with Vendo.create() or Vendo.builder()");
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (events != null) {
                events.close(); // before the pool they stream on
            }
            refresher.close();
            cache.clear();
            settings.telemetry().close();
            if (http != null) {
                http.close(); // ends a refresh still waiting for Vendo
            }
            try {
                refresher.awaitTermination(REFRESH_THREADS_END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
