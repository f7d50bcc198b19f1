package run.vendo.jakarta.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import run.vendo.Vendo;
import run.vendo.jakarta.jwt.VerifierSettings;

/**
 * The Vendo settings of a deployment, read once from MicroProfile Config at start-up and validated
 * all together.
 *
 * <p>MicroProfile Config also finds each key as an environment variable named by its rule (upper
 * case, other characters as {@code _}): {@code vendo.api-key} is {@code VENDO_API_KEY}, {@code
 * vendo.jwt.jwks-url} is {@code VENDO_JWT_JWKS_URL}, and so on. Defaults also ship in this jar's
 * {@code META-INF/microprofile-config.properties} at ordinal 50, below every other source.
 *
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@value #API_KEY}</td><td>none (OSS mode)</td><td>the App Key, {@code vendo_sk_…}</td></tr>
 *   <tr><td>{@value #BASE_URL}</td><td>{@value run.vendo.Vendo#DEFAULT_BASE_URL}</td><td>Vendo API</td></tr>
 *   <tr><td>{@value #CREDENTIALS_URL}</td><td>{@value run.vendo.Vendo#DEFAULT_CREDENTIALS_URL}</td>
 *       <td>credentials worker</td></tr>
 *   <tr><td>{@value #API_VERSION}</td><td>{@value run.vendo.Vendo#DEFAULT_API_VERSION}</td>
 *       <td>{@code Vendo-API-Version} header</td></tr>
 *   <tr><td>{@value #CONNECT_TIMEOUT}</td><td>5s</td><td>connect and pool-lease timeout</td></tr>
 *   <tr><td>{@value #REQUEST_TIMEOUT}</td><td>10s</td><td>response timeout per attempt</td></tr>
 *   <tr><td>{@value #MAX_CONNECTIONS}</td><td>50</td><td>pooled connections to Vendo</td></tr>
 *   <tr><td>{@value #MAX_ATTEMPTS}</td><td>3</td><td>attempts per call on network errors and 5xx (1–10)</td></tr>
 *   <tr><td>{@value #CACHE_SIZE}</td><td>10000</td><td>cached tokens across all users</td></tr>
 *   <tr><td>{@value #JWKS_URL}</td><td>none (no verification)</td>
 *       <td>JWKS that verifies identity tokens; setting it turns verification on</td></tr>
 *   <tr><td>{@value #JWT_ISSUER}</td><td>none (any)</td><td>required {@code iss}</td></tr>
 *   <tr><td>{@value #JWT_AUDIENCES}</td><td>none (any)</td><td>comma-separated accepted {@code aud} values</td></tr>
 *   <tr><td>{@value #JWT_LEEWAY}</td><td>60s</td><td>clock skew allowed on {@code exp} and {@code nbf} (0–60s)</td></tr>
 * </table>
 *
 * <p>Durations are ISO-8601 ({@code PT5S}) or a number with a unit ({@code 500ms}, {@code 5s},
 * {@code 2m}); a bare number means seconds. {@code VENDO_TOKEN_<SLUG>} and bring-your-own-key
 * variables ({@code OPENAI_API_KEY}, …) are read through MicroProfile Config as well, see {@link
 * ConfigEnvironment}.
 *
 * <p>{@link #toString()} never shows the API key.
 *
 * @since 0.1.0
 */
public final class VendoSettings {

    /** The App Key; its presence selects Vendo mode. */
    public static final String API_KEY = "vendo.api-key";
    /** The Vendo API base URL. */
    public static final String BASE_URL = "vendo.base-url";
    /** The credentials worker URL. */
    public static final String CREDENTIALS_URL = "vendo.credentials-url";
    /** The value of the {@code Vendo-API-Version} header. */
    public static final String API_VERSION = "vendo.api-version";
    /** The time allowed to connect to Vendo (and to lease a pooled connection). */
    public static final String CONNECT_TIMEOUT = "vendo.connect-timeout";
    /** The time allowed to wait for Vendo's response, per attempt. */
    public static final String REQUEST_TIMEOUT = "vendo.request-timeout";
    /** The size of the connection pool. */
    public static final String MAX_CONNECTIONS = "vendo.max-connections";
    /** Attempts per call when it fails with a network error or a 500, 502, 503 or 504. */
    public static final String MAX_ATTEMPTS = "vendo.max-attempts";
    /** The number of cached tokens across all identities. */
    public static final String CACHE_SIZE = "vendo.cache-size";
    /** The JWKS URL that verifies identity tokens; unset means tokens are not verified. */
    public static final String JWKS_URL = "vendo.jwt.jwks-url";
    /** The required issuer of identity tokens. */
    public static final String JWT_ISSUER = "vendo.jwt.issuer";
    /** The accepted audiences of identity tokens, comma-separated. */
    public static final String JWT_AUDIENCES = "vendo.jwt.audiences";
    /** The clock skew tolerated on {@code exp} and {@code nbf}. */
    public static final String JWT_LEEWAY = "vendo.jwt.leeway";

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_CONNECTIONS = 50;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final int MAX_MAX_ATTEMPTS = 10;
    static final long DEFAULT_CACHE_SIZE = 10_000;
    static final Duration DEFAULT_LEEWAY = VerifierSettings.MAX_LEEWAY;

    private final Secret apiKey;
    private final URI baseUrl;
    private final URI credentialsUrl;
    private final String apiVersion;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxConnections;
    private final int maxAttempts;
    private final long cacheSize;
    private final URI jwksUrl;
    private final String issuer;
    private final Set<String> audiences;
    private final Duration leeway;

    private VendoSettings(Reader r) {
        this.apiKey = r.apiKey;
        this.baseUrl = r.baseUrl;
        this.credentialsUrl = r.credentialsUrl;
        this.apiVersion = r.apiVersion;
        this.connectTimeout = r.connectTimeout;
        this.requestTimeout = r.requestTimeout;
        this.maxConnections = r.maxConnections;
        this.maxAttempts = r.maxAttempts;
        this.cacheSize = r.cacheSize;
        this.jwksUrl = r.jwksUrl;
        this.issuer = r.issuer;
        this.audiences = Set.copyOf(r.audiences);
        this.leeway = r.leeway;
    }

    /**
     * Reads and validates the settings.
     *
     * @param config the configuration
     * @return the settings
     * @throws VendoConfigurationException listing every invalid setting
     */
    public static VendoSettings from(Config config) {
        Objects.requireNonNull(config, "config");
        return from(key -> config.getOptionalValue(key, String.class));
    }

    /**
     * Reads and validates the settings from any source of values.
     *
     * @param source returns the value of a key, or empty when it is not set
     * @return the settings
     * @throws VendoConfigurationException listing every invalid setting
     */
    public static VendoSettings from(Function<String, Optional<String>> source) {
        Reader reader = new Reader(source);
        reader.readAll();
        if (!reader.problems.isEmpty()) {
            throw new VendoConfigurationException(reader.problems);
        }
        return new VendoSettings(reader);
    }

    /**
     * Returns the App Key.
     *
     * @return the key, or empty in OSS mode
     */
    public Optional<Secret> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /**
     * Tells whether an API key is configured.
     *
     * @return {@code true} in Vendo mode
     */
    public boolean isVendoMode() {
        return apiKey != null;
    }

    /**
     * Returns the Vendo API base URL.
     *
     * @return the URL
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Returns the credentials worker URL.
     *
     * @return the URL
     */
    public URI credentialsUrl() {
        return credentialsUrl;
    }

    /**
     * Returns the API version.
     *
     * @return the version
     */
    public String apiVersion() {
        return apiVersion;
    }

    /**
     * Returns the connect timeout.
     *
     * @return a positive duration
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns the response timeout per attempt.
     *
     * @return a positive duration
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Returns the connection pool size.
     *
     * @return at least 1
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Returns the attempts per call.
     *
     * @return 1 to 10
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Returns the token cache size.
     *
     * @return at least 1
     */
    public long cacheSize() {
        return cacheSize;
    }

    /**
     * Returns the JWKS URL that verifies identity tokens.
     *
     * @return the URL, or empty when tokens are not verified
     */
    public Optional<URI> jwksUrl() {
        return Optional.ofNullable(jwksUrl);
    }

    /**
     * Returns the required issuer of identity tokens.
     *
     * @return the issuer, or empty to accept any
     */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /**
     * Returns the accepted audiences of identity tokens.
     *
     * @return the audiences, empty to accept any
     */
    public Set<String> audiences() {
        return audiences;
    }

    /**
     * Returns the clock skew tolerated on {@code exp} and {@code nbf}.
     *
     * @return 0 to 60 seconds
     */
    public Duration leeway() {
        return leeway;
    }

    /**
     * Returns how to verify identity tokens.
     *
     * @return the verifier settings, or empty when no JWKS URL is configured
     */
    public Optional<VerifierSettings> verifierSettings() {
        if (jwksUrl == null) {
            return Optional.empty();
        }
        return Optional.of(new VerifierSettings(
                jwksUrl, Optional.ofNullable(issuer), audiences, leeway, connectTimeout, requestTimeout));
    }

    /**
     * Returns a builder for the deployment's root client, with every setting applied. The API key
     * is always set (blank in OSS mode), so that MicroProfile Config alone decides the mode.
     *
     * @return a configured builder; add an {@linkplain Vendo.Builder#environment(java.util.Map)
     *     environment} and build it
     */
    public Vendo.Builder toBuilder() {
        return Vendo.builder()
                .apiKey(apiKey == null ? "" : apiKey.reveal())
                .baseUrl(baseUrl.toString())
                .credentialsUrl(credentialsUrl.toString())
                .apiVersion(apiVersion)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .maxConnections(maxConnections)
                .maxAttempts(maxAttempts)
                .cacheSize(cacheSize);
    }

    @Override
    public String toString() {
        return "VendoSettings[apiKey=" + (apiKey == null ? "<none>" : "<set>")
                + ", baseUrl=" + baseUrl
                + ", credentialsUrl=" + credentialsUrl
                + ", apiVersion=" + apiVersion
                + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout
                + ", maxConnections=" + maxConnections
                + ", maxAttempts=" + maxAttempts
                + ", cacheSize=" + cacheSize
                + ", jwksUrl=" + jwksUrl
                + ", issuer=" + issuer
                + ", audiences=" + audiences
                + ", leeway=" + leeway + "]";
    }

    /** Reads every key, collecting problems instead of stopping at the first. */
    private static final class Reader {
        final Function<String, Optional<String>> source;
        final List<String> problems = new ArrayList<>();

        Secret apiKey;
        URI baseUrl;
        URI credentialsUrl;
        String apiVersion;
        Duration connectTimeout;
        Duration requestTimeout;
        int maxConnections;
        int maxAttempts;
        long cacheSize;
        URI jwksUrl;
        String issuer;
        Set<String> audiences = Set.of();
        Duration leeway;

        Reader(Function<String, Optional<String>> source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        void readAll() {
            String key = value(API_KEY);
            if (key != null) {
                if (hasWhitespaceOrControl(key)) {
                    // Never echo the value: it is a credential.
                    problems.add(API_KEY + ": contains whitespace or control characters; check how it was pasted");
                } else {
                    apiKey = new Secret(key);
                }
            }
            baseUrl = httpUrl(BASE_URL, Vendo.DEFAULT_BASE_URL);
            credentialsUrl = httpUrl(CREDENTIALS_URL, Vendo.DEFAULT_CREDENTIALS_URL);
            String version = value(API_VERSION);
            apiVersion = version == null ? Vendo.DEFAULT_API_VERSION : version;
            connectTimeout = positiveDuration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
            requestTimeout = positiveDuration(REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
            maxConnections = (int) number(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS, 1, 10_000);
            maxAttempts = (int) number(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, MAX_MAX_ATTEMPTS);
            cacheSize = number(CACHE_SIZE, DEFAULT_CACHE_SIZE, 1, Long.MAX_VALUE);
            jwksUrl = value(JWKS_URL) == null ? null : httpUrl(JWKS_URL, null);
            issuer = value(JWT_ISSUER);
            String aud = value(JWT_AUDIENCES);
            if (aud != null) {
                Set<String> list = new LinkedHashSet<>();
                for (String a : aud.split(",")) {
                    if (!a.isBlank()) {
                        list.add(a.trim());
                    }
                }
                audiences = list;
            }
            leeway = leeway();
            if (value(JWKS_URL) == null && (issuer != null || !audiences.isEmpty())) {
                problems.add((issuer != null ? JWT_ISSUER : JWT_AUDIENCES) + ": is set but " + JWKS_URL
                        + " is not, so identity tokens would not be verified at all; set " + JWKS_URL
                        + " (Vendo's is ${SUPABASE_URL}/auth/v1/.well-known/jwks.json)");
            }
        }

        private String value(String key) {
            Optional<String> v;
            try {
                v = source.apply(key);
            } catch (RuntimeException e) {
                problems.add(key + ": cannot be read (" + e.getClass().getSimpleName() + ")");
                return null;
            }
            if (v == null || v.isEmpty() || v.get().isBlank()) {
                return null;
            }
            return key.equals(API_KEY) ? v.get().strip() : v.get().trim();
        }

        private URI httpUrl(String key, String fallback) {
            String text = value(key);
            if (text == null) {
                return fallback == null ? null : URI.create(fallback);
            }
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    problems.add(key + ": '" + text + "' is not an absolute http or https URL");
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                problems.add(key + ": '" + text + "' is not a URL (" + e.getReason() + ")");
                return null;
            }
        }

        private Duration positiveDuration(String key, Duration fallback) {
            String text = value(key);
            if (text == null) {
                return fallback;
            }
            Duration d = ConfigDurations.parse(text);
            if (d == null) {
                problems.add(key + ": '" + text + "' is not a duration; write PT5S, 5s, 500ms or 2m");
                return fallback;
            }
            if (d.isZero() || d.isNegative()) {
                problems.add(key + ": '" + text + "' must be positive");
                return fallback;
            }
            return d;
        }

        private Duration leeway() {
            String text = value(JWT_LEEWAY);
            if (text == null) {
                return DEFAULT_LEEWAY;
            }
            Duration d = ConfigDurations.parse(text);
            if (d == null) {
                problems.add(JWT_LEEWAY + ": '" + text + "' is not a duration; write 30s or PT30S");
                return DEFAULT_LEEWAY;
            }
            if (d.isNegative() || d.compareTo(VerifierSettings.MAX_LEEWAY) > 0) {
                problems.add(JWT_LEEWAY + ": '" + text + "' must be between 0s and 60s");
                return DEFAULT_LEEWAY;
            }
            return d;
        }

        private long number(String key, long fallback, long min, long max) {
            String text = value(key);
            if (text == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(text);
                if (n < min || n > max) {
                    problems.add(key + ": " + n + " is out of range; use " + min
                            + (max == Long.MAX_VALUE ? " or more" : " to " + max));
                    return fallback;
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(key + ": '" + text + "' is not a whole number");
                return fallback;
            }
        }

        private static boolean hasWhitespaceOrControl(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                    return true;
                }
            }
            return false;
        }
    }
}
