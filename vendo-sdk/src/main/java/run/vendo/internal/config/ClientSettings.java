package run.vendo.internal.config;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;
import run.vendo.internal.telemetry.Telemetry;
import run.vendo.internal.text.Secret;

/**
 * The resolved, validated settings of one root client. {@code toString} hides the API key.
 *
 * @param apiKey the App Key, or {@code null} in OSS mode
 * @param baseUrl the API base URL, without a trailing slash
 * @param credentialsUrl the credentials worker URL, without a trailing slash
 * @param apiVersion the {@code Vendo-API-Version} value
 * @param environment the source of override and bring-your-own-key variables
 * @param connectTimeout connect and pool-lease timeout
 * @param requestTimeout response timeout of each attempt
 * @param callTimeout time one call may take over all its attempts
 * @param clock the wall-clock time source: token expiry, JWT checks, {@code Retry-After} dates, webhook timestamps
 * @param ticker the time source of call deadlines, in nanoseconds, monotonic as {@link System#nanoTime()} is
 * @param maxAttempts attempts per call in total
 * @param maxConnections pool size
 * @param cacheSize maximum cached tokens
 * @param refreshAhead how long before a cached token's last moment of use a read refreshes it in the
 *     background; zero: never ahead
 * @param retryBaseDelay first backoff delay
 * @param webhookSecret the secret that signs webhooks, or {@code null} when none is configured
 * @param webhookTolerance how far a webhook's timestamp may be from the clock
 * @param dataProxyUrl the data proxy's URL, without a trailing slash
 * @param threadFactory makes the threads of event subscriptions
 * @param telemetry what the client records of its work; {@link Telemetry#OFF} unless an {@code OpenTelemetry}
 *     was given
 */
public record ClientSettings(
        Secret apiKey,
        URI baseUrl,
        URI credentialsUrl,
        String apiVersion,
        Map<String, String> environment,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration callTimeout,
        Clock clock,
        LongSupplier ticker,
        int maxAttempts,
        int maxConnections,
        long cacheSize,
        Duration refreshAhead,
        Duration retryBaseDelay,
        Secret webhookSecret,
        Duration webhookTolerance,
        URI dataProxyUrl,
        ThreadFactory threadFactory,
        Telemetry telemetry) {

    /**
     * These settings with another thread factory for event subscriptions.
     *
     * @param factory the thread factory
     * @return the settings
     */
    public ClientSettings withThreadFactory(ThreadFactory factory) {
        return new ClientSettings(apiKey, baseUrl, credentialsUrl, apiVersion, environment, connectTimeout,
                requestTimeout, callTimeout, clock, ticker, maxAttempts, maxConnections, cacheSize, refreshAhead,
                retryBaseDelay, webhookSecret, webhookTolerance, dataProxyUrl,
                Objects.requireNonNull(factory, "factory"), telemetry);
    }

    /**
     * These settings with other telemetry.
     *
     * @param recorder what the client records
     * @return the settings
     */
    public ClientSettings withTelemetry(Telemetry recorder) {
        return new ClientSettings(apiKey, baseUrl, credentialsUrl, apiVersion, environment, connectTimeout,
                requestTimeout, callTimeout, clock, ticker, maxAttempts, maxConnections, cacheSize, refreshAhead,
                retryBaseDelay, webhookSecret, webhookTolerance, dataProxyUrl, threadFactory,
                Objects.requireNonNull(recorder, "recorder"));
    }

    public boolean vendoMode() {
        return apiKey != null;
    }

    /** An environment lookup that tolerates maps refusing {@code null} and blank values. */
    public String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "ClientSettings[vendoMode=" + vendoMode() + ", baseUrl=" + baseUrl + ", credentialsUrl=" + credentialsUrl
                + ", apiVersion=" + apiVersion + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", callTimeout=" + callTimeout + ", maxAttempts=" + maxAttempts + ", maxConnections="
                + maxConnections + ", cacheSize=" + cacheSize + ", refreshAhead=" + refreshAhead
                + ", webhookSecret=" + (webhookSecret == null ? "none" : "<set>") + ", webhookTolerance="
                + webhookTolerance
                + ", dataProxyUrl=" + dataProxyUrl + ", telemetry=" + telemetry + "]";
    }
}
