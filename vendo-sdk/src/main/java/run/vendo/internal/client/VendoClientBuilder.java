package run.vendo.internal.client;

import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.LongSupplier;
import run.vendo.Vendo;
import run.vendo.VendoConfigurationException;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.config.SettingRules;
import run.vendo.internal.events.EventStreams;
import run.vendo.internal.http.VendoHttp;
import run.vendo.internal.telemetry.OpenTelemetryRecorder;
import run.vendo.internal.telemetry.Telemetry;
import run.vendo.internal.text.Secret;

/**
 * Builds root clients. Each setting resolves as: the value set here, then, for {@link
 * Vendo#create()}, the key's system property ({@code vendo.base-url}), then the environment map
 * (the key's variable, {@code VENDO_BASE_URL}), then the default. This class owns every default and
 * rule of the core's settings; all problems are reported together.
 */
public final class VendoClientBuilder implements Vendo.Builder {

    /** Setting keys: system properties for {@link Vendo#create()}, MicroProfile Config keys in Jakarta EE. */
    public static final String API_KEY = "vendo.api-key";
    /** The key of the API base URL. */
    public static final String BASE_URL = "vendo.base-url";
    /** The key of the credentials worker's URL. */
    public static final String CREDENTIALS_URL = "vendo.credentials-url";
    /** The key of the {@code Vendo-API-Version} value. */
    public static final String API_VERSION = "vendo.api-version";
    /** The key of the connect timeout. */
    public static final String CONNECT_TIMEOUT = "vendo.connect-timeout";
    /** The key of the response timeout per attempt. */
    public static final String REQUEST_TIMEOUT = "vendo.request-timeout";
    /** The key of the time one call may take over all its attempts; defaults to the request timeout. */
    public static final String CALL_TIMEOUT = "vendo.call-timeout";
    /** The key of the attempts per call. */
    public static final String MAX_ATTEMPTS = "vendo.max-attempts";
    /** The key of the connection pool's size. */
    public static final String MAX_CONNECTIONS = "vendo.max-connections";
    /** The key of the token cache's size. */
    public static final String CACHE_SIZE = "vendo.cache-size";
    /** The key of how long before a cached token's last moment of use a read refreshes it in the background. */
    public static final String REFRESH_AHEAD = "vendo.refresh-ahead";
    /** The key of the secret that signs Vendo's webhooks. */
    public static final String WEBHOOK_SECRET = "vendo.webhook-secret";
    /** The key of how far a webhook's timestamp may be from the clock. */
    public static final String WEBHOOK_TOLERANCE = "vendo.webhook-tolerance";
    /** The key of the data proxy's URL. */
    public static final String DATA_PROXY_URL = "vendo.data-proxy-url";
    /** Vendo's sandboxes name the base URL so; read when {@code VENDO_BASE_URL} is not set. */
    static final String API_URL_VARIABLE = "VENDO_API_URL";

    static final String DEFAULT_BASE_URL = "https://vendo.run";
    static final String DEFAULT_CREDENTIALS_URL = "https://credentials.vendo.run";
    static final String DEFAULT_API_VERSION = "2026-05-15";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int MOST_ATTEMPTS = 10;
    static final int DEFAULT_MAX_CONNECTIONS = 50;
    /** Users whose state a client keeps by default: tokens, parsed and verified identity tokens. */
    public static final long DEFAULT_CACHE_SIZE = 10_000;
    static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
    static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(200);
    static final String DEFAULT_DATA_PROXY_URL = "https://composio-proxy.vendo.run";
    static final Duration DEFAULT_WEBHOOK_TOLERANCE = Duration.ofMinutes(5);

    private String apiKey;
    private boolean apiKeySet;
    private String baseUrl;
    private String credentialsUrl;
    private String apiVersion;
    private Map<String, String> environment;
    private Duration connectTimeout;
    private Duration requestTimeout;
    private Duration callTimeout;
    private Clock clock;
    private LongSupplier ticker;
    private Integer maxAttempts;
    private Integer maxConnections;
    private Long cacheSize;
    private Duration refreshAhead;
    private Duration retryBaseDelay;
    private String webhookSecret;
    private Duration webhookTolerance;
    private String dataProxyUrl;
    private ThreadFactory threadFactory;
    /** A setting's value by key, read before the environment; none unless built by {@link #fromSystem()}. */
    private Function<String, String> properties = key -> null;
    private OpenTelemetry openTelemetry;
    private boolean propagateTraceContext = true;

    /** For {@link Vendo#create()}: every setting's system property over the process environment. */
    public static VendoClientBuilder fromSystem() {
        VendoClientBuilder builder = new VendoClientBuilder();
        builder.properties = System::getProperty;
        return builder;
    }

    @Override
    public Vendo.Builder apiKey(String apiKey) {
        this.apiKey = apiKey;
        this.apiKeySet = apiKey != null;
        return this;
    }

    @Override
    public Vendo.Builder baseUrl(String url) {
        this.baseUrl = url;
        return this;
    }

    @Override
    public Vendo.Builder credentialsUrl(String url) {
        this.credentialsUrl = url;
        return this;
    }

    @Override
    public Vendo.Builder apiVersion(String version) {
        this.apiVersion = version;
        return this;
    }

    @Override
    public Vendo.Builder environment(Map<String, String> env) {
        this.environment = Objects.requireNonNull(env, "env");
        return this;
    }

    @Override
    public Vendo.Builder connectTimeout(Duration d) {
        this.connectTimeout = d;
        return this;
    }

    @Override
    public Vendo.Builder requestTimeout(Duration d) {
        this.requestTimeout = d;
        return this;
    }

    @Override
    public Vendo.Builder callTimeout(Duration d) {
        this.callTimeout = d;
        return this;
    }

    @Override
    public Vendo.Builder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    @Override
    public Vendo.Builder maxAttempts(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    @Override
    public Vendo.Builder maxConnections(int connections) {
        this.maxConnections = connections;
        return this;
    }

    @Override
    public Vendo.Builder cacheSize(long entries) {
        this.cacheSize = entries;
        return this;
    }

    @Override
    public Vendo.Builder refreshAhead(Duration d) {
        this.refreshAhead = d;
        return this;
    }

    @Override
    public Vendo.Builder webhookSecret(String secret) {
        this.webhookSecret = secret;
        return this;
    }

    @Override
    public Vendo.Builder webhookTolerance(Duration d) {
        this.webhookTolerance = d;
        return this;
    }

    @Override
    public Vendo.Builder dataProxyUrl(String url) {
        this.dataProxyUrl = url;
        return this;
    }

    @Override
    public Vendo.Builder threadFactory(ThreadFactory factory) {
        this.threadFactory = Objects.requireNonNull(factory, "factory");
        return this;
    }

    @Override
    public Vendo.Builder openTelemetry(OpenTelemetry openTelemetry) {
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        return this;
    }

    @Override
    public Vendo.Builder traceContextPropagation(boolean propagate) {
        this.propagateTraceContext = propagate;
        return this;
    }

    /** The first retry delay (later ones double, with jitter). Default 200 ms. Not part of the public builder. */
    VendoClientBuilder retryBaseDelay(Duration d) {
        this.retryBaseDelay = d;
        return this;
    }

    /**
     * The time source of call deadlines, in nanoseconds. Default {@link System#nanoTime()}. Not part of
     * the public builder: the public {@link #clock} is wall-clock time, which may jump.
     */
    VendoClientBuilder ticker(LongSupplier nanoTime) {
        this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
        return this;
    }

    @Override
    public Vendo build() {
        return build(settings());
    }

    /**
     * Builds a root client from settings resolved by {@link #settings()}.
     *
     * @param settings the settings
     * @return a new root client
     */
    public static Vendo build(ClientSettings settings) {
        return new VendoClient(new ClientCore(settings), null);
    }

    /**
     * Checks every setting as {@link #build()} would, without building anything.
     *
     * @return one line per problem, each starting with the setting's key; empty when all are valid
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        resolve(problems);
        return problems;
    }

    /**
     * Resolves and validates every setting, as {@link #build()} does; the Jakarta integration reads
     * the resolved timeouts from here.
     *
     * @return the settings
     * @throws VendoConfigurationException listing every problem
     */
    public ClientSettings settings() {
        List<String> problems = new ArrayList<>();
        ClientSettings settings = resolve(problems);
        if (!problems.isEmpty()) {
            throw new VendoConfigurationException(problems);
        }
        return settings;
    }

    private ClientSettings resolve(List<String> problems) {
        Map<String, String> env = environment != null ? environment : System.getenv();
        Function<String, String> configured = key -> firstSet(properties.apply(key),
                env.get(key.startsWith("VENDO_") ? key : SettingRules.environmentName(key)));
        Secret secret = Secret.ofNullable(apiKeySet ? apiKey : configured.apply(API_KEY));
        if (secret != null && !SettingRules.headerToken(API_KEY, secret.reveal(), true, problems)) {
            secret = null;
        }
        URI base = SettingRules.httpUrl(BASE_URL, firstSet(baseUrl, configured.apply(BASE_URL),
                configured.apply(API_URL_VARIABLE), DEFAULT_BASE_URL), problems);
        URI credentials = SettingRules.httpUrl(CREDENTIALS_URL,
                firstSet(credentialsUrl, configured.apply(CREDENTIALS_URL), DEFAULT_CREDENTIALS_URL), problems);
        String version = firstSet(apiVersion, configured.apply(API_VERSION), DEFAULT_API_VERSION);
        SettingRules.headerToken(API_VERSION, version, false, problems);
        Duration connect = duration(connectTimeout, CONNECT_TIMEOUT, configured, DEFAULT_CONNECT_TIMEOUT, problems);
        SettingRules.positive(CONNECT_TIMEOUT, connect, problems);
        Duration request = duration(requestTimeout, REQUEST_TIMEOUT, configured, DEFAULT_REQUEST_TIMEOUT, problems);
        SettingRules.positive(REQUEST_TIMEOUT, request, problems);
        // Unset, it is the request timeout: a Vendo that never answers costs one request timeout.
        Duration call = duration(callTimeout, CALL_TIMEOUT, configured, null, problems);
        if (call != null) {
            SettingRules.positive(CALL_TIMEOUT, call, problems);
        } else {
            call = request;
        }
        Duration backoff = retryBaseDelay == null ? DEFAULT_RETRY_BASE_DELAY : retryBaseDelay;
        if (backoff.isNegative()) {
            problems.add("retryBaseDelay: must not be negative, was " + backoff);
        }
        long attempts = number(maxAttempts, MAX_ATTEMPTS, configured, DEFAULT_MAX_ATTEMPTS, problems);
        SettingRules.between(MAX_ATTEMPTS, attempts, 1, MOST_ATTEMPTS, problems);
        long connections = number(maxConnections, MAX_CONNECTIONS, configured, DEFAULT_MAX_CONNECTIONS, problems);
        SettingRules.between(MAX_CONNECTIONS, connections, 1, Integer.MAX_VALUE, problems);
        long size = number(cacheSize, CACHE_SIZE, configured, DEFAULT_CACHE_SIZE, problems);
        SettingRules.between(CACHE_SIZE, size, 1, Long.MAX_VALUE, problems);
        Duration ahead = duration(refreshAhead, REFRESH_AHEAD, configured, DEFAULT_REFRESH_AHEAD, problems);
        SettingRules.notNegative(REFRESH_AHEAD, ahead, problems);
        Secret signing = Secret.ofNullable(firstSet(webhookSecret, configured.apply(WEBHOOK_SECRET), null));
        Duration tolerance =
                duration(webhookTolerance, WEBHOOK_TOLERANCE, configured, DEFAULT_WEBHOOK_TOLERANCE, problems);
        SettingRules.positive(WEBHOOK_TOLERANCE, tolerance, problems);
        URI dataProxy = SettingRules.httpUrl(DATA_PROXY_URL,
                firstSet(dataProxyUrl, configured.apply(DATA_PROXY_URL), DEFAULT_DATA_PROXY_URL), problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ClientSettings(secret, base, credentials, version, env, connect, request, call,
                clock == null ? Clock.systemUTC() : clock, ticker == null ? System::nanoTime : ticker, (int) attempts,
                (int) connections, size, ahead, backoff, signing, tolerance, dataProxy,
                threadFactory == null ? EventStreams::daemonThread : threadFactory,
                openTelemetry == null ? Telemetry.OFF
                        : new OpenTelemetryRecorder(openTelemetry, propagateTraceContext, VendoHttp.version()));
    }

    /** The first of {@code values} that is set, stripped; blank counts as unset. */
    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** The duration set here, else the configured one (a problem when it is not a duration), else the default. */
    private static Duration duration(Duration explicit, String key, Function<String, String> configured,
            Duration fallback, List<String> problems) {
        if (explicit != null) {
            return explicit;
        }
        String text = configured.apply(key);
        Duration read = text == null ? null : SettingRules.duration(key, text, problems);
        return read != null ? read : fallback;
    }

    /** The number set here, else the configured one (a problem when it is not a number), else the default. */
    private static long number(Number explicit, String key, Function<String, String> configured, long fallback,
            List<String> problems) {
        if (explicit != null) {
            return explicit.longValue();
        }
        String text = configured.apply(key);
        Long read = text == null ? null : SettingRules.wholeNumber(key, text, Long.MAX_VALUE, problems);
        return read != null ? read : fallback;
    }
}
