package run.vendo.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import run.vendo.Vendo;

/**
 * Builds root clients. Each setting resolves as: the value set here, then the environment map
 * ({@code VENDO_*}), then the default. All problems are reported together.
 */
public final class VendoClientBuilder implements Vendo.Builder {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int DEFAULT_MAX_CONNECTIONS = 50;
    static final long DEFAULT_CACHE_SIZE = 10_000;
    static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(200);

    private String apiKey;
    private boolean apiKeySet;
    private String baseUrl;
    private String credentialsUrl;
    private String apiVersion;
    private Map<String, String> environment;
    private Duration connectTimeout;
    private Duration requestTimeout;
    private Clock clock;
    private Integer maxAttempts;
    private Integer maxConnections;
    private Long cacheSize;
    private Duration retryBaseDelay;

    /** For {@link Vendo#create()}: system properties {@code vendo.*} over the process environment. */
    public static VendoClientBuilder fromSystem() {
        VendoClientBuilder builder = new VendoClientBuilder();
        String key = System.getProperty("vendo.api-key");
        if (key != null) {
            builder.apiKey(key);
        }
        builder.baseUrl = System.getProperty("vendo.base-url");
        builder.credentialsUrl = System.getProperty("vendo.credentials-url");
        builder.apiVersion = System.getProperty("vendo.api-version");
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

    /** The first retry delay (later ones double, with jitter). Default 200 ms. Not part of the public builder. */
    VendoClientBuilder retryBaseDelay(Duration d) {
        this.retryBaseDelay = d;
        return this;
    }

    @Override
    public Vendo build() {
        return new VendoClient(new ClientCore(settings()), null);
    }

    /** Resolves and validates every setting, listing all problems in one exception. */
    ClientSettings settings() {
        Map<String, String> env = environment != null ? environment : System.getenv();
        List<String> problems = new ArrayList<>();

        String key = apiKeySet ? apiKey : env.get("VENDO_API_KEY");
        Secret secret = Secret.ofNullable(key);
        if (secret != null && !secret.reveal().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add("the API key contains whitespace, control or non-ASCII characters");
        }
        URI base = url("base URL", first(baseUrl, env.get("VENDO_BASE_URL"), Vendo.DEFAULT_BASE_URL), problems);
        URI credentials = url("credentials URL",
                first(credentialsUrl, env.get("VENDO_CREDENTIALS_URL"), Vendo.DEFAULT_CREDENTIALS_URL), problems);
        String version = first(apiVersion, env.get("VENDO_API_VERSION"), Vendo.DEFAULT_API_VERSION);
        if (!version.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            problems.add("the API version '" + version.replaceAll("\\p{Cntrl}", "?") + "' contains whitespace or control characters");
        }
        Duration connect = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT, problems);
        Duration request = positive("requestTimeout", requestTimeout, DEFAULT_REQUEST_TIMEOUT, problems);
        Duration backoff = retryBaseDelay == null ? DEFAULT_RETRY_BASE_DELAY : retryBaseDelay;
        if (backoff.isNegative()) {
            problems.add("retryBaseDelay must not be negative");
        }
        int attempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        if (attempts < 1 || attempts > 10) {
            problems.add("maxAttempts must be between 1 and 10, was " + attempts);
        }
        int connections = maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
        if (connections < 1) {
            problems.add("maxConnections must be at least 1, was " + connections);
        }
        long size = cacheSize == null ? DEFAULT_CACHE_SIZE : cacheSize;
        if (size < 1) {
            problems.add("cacheSize must be at least 1, was " + size);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Vendo settings:\n - " + String.join("\n - ", problems));
        }
        return new ClientSettings(secret, base, credentials, version.strip(), env, connect, request,
                clock == null ? Clock.systemUTC() : clock, attempts, connections, size, backoff);
    }

    private static String first(String explicit, String fromEnv, String fallback) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        return fallback;
    }

    private static URI url(String what, String value, List<String> problems) {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = new URI(trimmed);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                problems.add("the " + what + " must be an absolute http(s) URL without user info, query or fragment, was '"
                        + printable(trimmed) + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add("the " + what + " is not a valid URL: '" + printable(trimmed) + "'");
            return null;
        }
    }

    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 200 ? p.substring(0, 200) + "…" : p;
    }

    private static Duration positive(String name, Duration value, Duration fallback, List<String> problems) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive, was " + value);
        }
        return value;
    }
}
