package run.vendo.jakarta.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import run.vendo.VendoConfigurationException;
import run.vendo.internal.client.VendoClientBuilder;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.config.SettingRules;
import run.vendo.internal.identity.JwtShape;
import run.vendo.jakarta.internal.jwt.VerifierSettings;

/**
 * The Vendo settings of a deployment, mapped from MicroProfile Config onto the core's builder, and
 * the integration's own settings (identity token verification). The core owns the defaults and
 * rules of its settings ({@link VendoClientBuilder}); this class only reads text into types and
 * adds the problems of the keys it owns, so that a deployment fails at start-up, listing every
 * problem, for anything the core would refuse at first use.
 *
 * <p>The keys and their defaults are documented in the {@code run.vendo.jakarta} package
 * description and the README. {@link #toString()} never shows a secret.
 */
public final class VendoSettings {

    /** The JWKS URL that verifies identity tokens; unset means tokens are not verified. */
    public static final String JWKS_URL = "vendo.jwt.jwks-url";
    /** The required issuer of identity tokens. */
    public static final String JWT_ISSUER = "vendo.jwt.issuer";
    /** The accepted audiences of identity tokens, comma-separated. */
    public static final String JWT_AUDIENCES = "vendo.jwt.audiences";
    /** The clock skew tolerated on {@code exp} and {@code nbf}. */
    public static final String JWT_LEEWAY = "vendo.jwt.leeway";
    /** The longest lifetime accepted for an identity token ({@code exp - iat}). */
    public static final String JWT_MAX_LIFETIME = "vendo.jwt.max-lifetime";
    /** The claim (a dotted path) that holds the user's e-mail address. */
    public static final String JWT_EMAIL_CLAIM = "vendo.jwt.email-claim";
    /** The claim (a dotted path) that holds the user's display name. */
    public static final String JWT_NAME_CLAIM = "vendo.jwt.name-claim";
    /** The claim (a dotted path) that holds the tenant. */
    public static final String JWT_TENANT_CLAIM = "vendo.jwt.tenant-claim";

    /** Whether the filter marks responses to identified requests private and not storable. */
    public static final String FILTER_NO_STORE = "vendo.filter.no-store";
    /** Where the webhook receiver listens, when a webhook secret is configured. */
    public static final String WEBHOOKS_PATH = "vendo.webhooks.path";
    /** Whether the deployment holds Vendo's event stream and fires its events to CDI observers. */
    public static final String EVENTS_ENABLED = "vendo.events.enabled";

    /** Whether the root client records through the server's MicroProfile Telemetry, when it offers one. */
    public static final String TELEMETRY_ENABLED = "vendo.telemetry.enabled";
    /** Whether each call to Vendo carries the W3C trace context, when telemetry is on. */
    public static final String TELEMETRY_TRACE_CONTEXT = "vendo.telemetry.trace-context";

    /** Whether the Vendo user becomes the caller of Jakarta Security. */
    public static final String SECURITY_ENABLED = "vendo.security.enabled";
    /** The verified claim (a dotted path) that holds the caller's groups. */
    public static final String SECURITY_GROUPS_CLAIM = "vendo.security.groups-claim";

    static final String DEFAULT_WEBHOOKS_PATH = "/vendo/webhooks";
    private static final Pattern SERVLET_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    static final String DEFAULT_EMAIL_CLAIM = "email";
    static final String DEFAULT_NAME_CLAIM = "name";
    /** Where Vendo's multi-tenant docs put the tenant: Supabase's server-set {@code app_metadata}. */
    static final String DEFAULT_TENANT_CLAIM = "app_metadata.tenant_id";

    private static final Pattern CLAIM_PATH =
            Pattern.compile("[A-Za-z0-9_:-]{1,128}(\\.[A-Za-z0-9_:-]{1,128}){0,7}");

    private final ClientSettings resolved;
    private final VerifierSettings verifier;
    private final boolean noStore;
    private final String webhooksPath;
    private final boolean eventsEnabled;
    private final boolean securityEnabled;
    private final String groupsClaim;
    private final boolean telemetryEnabled;
    private final boolean traceContext;

    private VendoSettings(ClientSettings resolved, VerifierSettings verifier, boolean noStore, String webhooksPath,
            boolean eventsEnabled, boolean securityEnabled, String groupsClaim, boolean telemetryEnabled,
            boolean traceContext) {
        this.resolved = resolved;
        this.verifier = verifier;
        this.noStore = noStore;
        this.webhooksPath = webhooksPath;
        this.eventsEnabled = eventsEnabled;
        this.securityEnabled = securityEnabled;
        this.groupsClaim = groupsClaim;
        this.telemetryEnabled = telemetryEnabled;
        this.traceContext = traceContext;
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
     * Reads and validates the settings from any source of values; {@code VENDO_TOKEN_<SLUG>} and
     * bring-your-own-key variables are looked up in the same source.
     *
     * @param source returns the value of a key, or empty when it is not set
     * @return the settings
     * @throws VendoConfigurationException listing every invalid setting
     */
    public static VendoSettings from(Function<String, Optional<String>> source) {
        Reader r = new Reader(source);
        VendoClientBuilder client = new VendoClientBuilder();
        client.environment(new ConfigEnvironment(source));
        // Always set, blank in OSS mode, so that MicroProfile Config alone decides the mode.
        client.apiKey(Objects.requireNonNullElse(r.text(VendoClientBuilder.API_KEY), ""));
        r.ifSet(VendoClientBuilder.BASE_URL, client::baseUrl);
        r.ifSet(VendoClientBuilder.CREDENTIALS_URL, client::credentialsUrl);
        r.ifSet(VendoClientBuilder.API_VERSION, client::apiVersion);
        r.duration(VendoClientBuilder.CONNECT_TIMEOUT, client::connectTimeout);
        r.duration(VendoClientBuilder.REQUEST_TIMEOUT, client::requestTimeout);
        r.duration(VendoClientBuilder.CALL_TIMEOUT, client::callTimeout);
        r.number(VendoClientBuilder.MAX_ATTEMPTS, Integer.MAX_VALUE, n -> client.maxAttempts((int) n));
        r.number(VendoClientBuilder.MAX_CONNECTIONS, Integer.MAX_VALUE, n -> client.maxConnections((int) n));
        r.number(VendoClientBuilder.CACHE_SIZE, Long.MAX_VALUE, client::cacheSize);
        r.duration(VendoClientBuilder.REFRESH_AHEAD, client::refreshAhead);
        r.ifSet(VendoClientBuilder.WEBHOOK_SECRET, client::webhookSecret);
        r.duration(VendoClientBuilder.WEBHOOK_TOLERANCE, client::webhookTolerance);
        r.ifSet(VendoClientBuilder.DATA_PROXY_URL, client::dataProxyUrl);
        // The core also reads VENDO_* through the same source: a bad value would otherwise be told twice.
        client.problems().stream().filter(problem -> !r.problems.contains(problem)).forEach(r.problems::add);

        String jwks = r.text(JWKS_URL);
        URI jwksUrl = jwks == null ? null : SettingRules.httpUrl(JWKS_URL, jwks, r.problems);
        String issuer = r.text(JWT_ISSUER);
        Set<String> audiences = r.list(JWT_AUDIENCES);
        Duration[] leeway = {JwtShape.MAX_LEEWAY};
        r.duration(JWT_LEEWAY, d -> {
            if (d.isNegative() || d.compareTo(JwtShape.MAX_LEEWAY) > 0) {
                r.problems.add(JWT_LEEWAY + ": must be between 0s and " + JwtShape.MAX_LEEWAY.toSeconds()
                        + "s, was " + d);
            }
            leeway[0] = d;
        });
        Duration[] maxLifetime = {JwtShape.DEFAULT_MAX_LIFETIME};
        r.duration(JWT_MAX_LIFETIME, d -> {
            if (d.compareTo(JwtShape.SHORTEST_MAX_LIFETIME) < 0 || d.compareTo(JwtShape.LONGEST_MAX_LIFETIME) > 0) {
                r.problems.add(JWT_MAX_LIFETIME + ": must be between " + JwtShape.SHORTEST_MAX_LIFETIME.toMinutes()
                        + "m and " + JwtShape.LONGEST_MAX_LIFETIME.toHours() + "h, was " + d);
            }
            maxLifetime[0] = d;
        });
        String emailClaim = r.claimPath(JWT_EMAIL_CLAIM, DEFAULT_EMAIL_CLAIM);
        String nameClaim = r.claimPath(JWT_NAME_CLAIM, DEFAULT_NAME_CLAIM);
        String tenantClaim = r.claimPath(JWT_TENANT_CLAIM, DEFAULT_TENANT_CLAIM);
        boolean noStore = r.flag(FILTER_NO_STORE, true);
        boolean eventsEnabled = r.flag(EVENTS_ENABLED, false);
        boolean securityEnabled = r.flag(SECURITY_ENABLED, false);
        String groupsClaim = r.claimPath(SECURITY_GROUPS_CLAIM, null);
        boolean telemetryEnabled = r.flag(TELEMETRY_ENABLED, true);
        boolean traceContext = r.flag(TELEMETRY_TRACE_CONTEXT, true);
        String webhooksPath = Objects.requireNonNullElse(r.text(WEBHOOKS_PATH), DEFAULT_WEBHOOKS_PATH);
        if (!SERVLET_PATH.matcher(webhooksPath).matches()) {
            r.problems.add(WEBHOOKS_PATH + ": '" + webhooksPath + "' is not a path; write one like "
                    + DEFAULT_WEBHOOKS_PATH);
        }
        if (jwks == null && (issuer != null || !audiences.isEmpty())) {
            r.problems.add((issuer != null ? JWT_ISSUER : JWT_AUDIENCES) + ": is set but " + JWKS_URL
                    + " is not, so identity tokens would not be verified at all; set " + JWKS_URL
                    + " (Vendo's is ${SUPABASE_URL}/auth/v1/.well-known/jwks.json)");
        }
        if (jwks == null && groupsClaim != null) {
            r.problems.add(SECURITY_GROUPS_CLAIM + ": is set but " + JWKS_URL + " is not, so no claim is verified"
                    + " and groups would come from the proxy's X-Vendo-Role; set " + JWKS_URL + " or remove "
                    + SECURITY_GROUPS_CLAIM);
        }
        if (!r.problems.isEmpty()) {
            throw new VendoConfigurationException(r.problems);
        }
        ClientSettings resolved = client.settings();
        VerifierSettings verifier = jwksUrl == null ? null : new VerifierSettings(jwksUrl, Optional.ofNullable(issuer),
                audiences, leeway[0], maxLifetime[0], resolved.connectTimeout(), resolved.requestTimeout(),
                emailClaim, nameClaim, tenantClaim, resolved.cacheSize());
        return new VendoSettings(resolved, verifier, noStore, webhooksPath, eventsEnabled, securityEnabled,
                groupsClaim, telemetryEnabled, traceContext);
    }

    /**
     * Returns the core's settings as resolved from this configuration.
     *
     * @return the resolved settings
     */
    public ClientSettings clientSettings() {
        return resolved;
    }

    /**
     * Tells whether an API key is configured.
     *
     * @return {@code true} in Vendo mode
     */
    public boolean isVendoMode() {
        return resolved.apiKey() != null;
    }

    /**
     * Returns how to verify identity tokens.
     *
     * @return the verifier settings, or empty when {@value #JWKS_URL} is not set
     */
    public Optional<VerifierSettings> verifierSettings() {
        return Optional.ofNullable(verifier);
    }

    /**
     * Tells whether responses to requests that carried an identity are marked {@code private,
     * no-store} unless the application sets its own {@code Cache-Control}.
     *
     * @return {@code true} unless {@value #FILTER_NO_STORE} is {@code false}
     */
    public boolean noStore() {
        return noStore;
    }

    /**
     * Tells whether webhooks can be verified, so that the receiver is registered.
     *
     * @return {@code true} when {@code vendo.webhook-secret} is set
     */
    public boolean receivesWebhooks() {
        return resolved.webhookSecret() != null;
    }

    /**
     * Returns where the webhook receiver listens.
     *
     * @return a path such as {@value #DEFAULT_WEBHOOKS_PATH}
     */
    public String webhooksPath() {
        return webhooksPath;
    }

    /**
     * Tells whether the root client records its work through the server's MicroProfile Telemetry.
     *
     * @return {@code false} when {@value #TELEMETRY_ENABLED} is {@code false}
     */
    public boolean telemetryEnabled() {
        return telemetryEnabled;
    }

    /**
     * Tells whether each call to Vendo carries the W3C trace context, when telemetry is on.
     *
     * @return {@code false} when {@value #TELEMETRY_TRACE_CONTEXT} is {@code false}
     */
    public boolean traceContext() {
        return traceContext;
    }

    /**
     * Tells whether the deployment holds Vendo's event stream.
     *
     * @return {@code true} when {@value #EVENTS_ENABLED} is {@code true}
     */
    public boolean eventsEnabled() {
        return eventsEnabled;
    }

    /**
     * Tells whether the Vendo user becomes the caller of Jakarta Security.
     *
     * @return {@code true} when {@value #SECURITY_ENABLED} is {@code true}
     */
    public boolean securityEnabled() {
        return securityEnabled;
    }

    /**
     * Returns the verified claim that holds the caller's groups.
     *
     * @return a dotted claim path, or empty when {@value #SECURITY_GROUPS_CLAIM} is not set
     */
    public Optional<String> groupsClaim() {
        return Optional.ofNullable(groupsClaim);
    }

    @Override
    public String toString() {
        return "VendoSettings[" + resolved + (verifier == null ? ", not verifying identity tokens"
                : ", jwksUrl=" + verifier.jwksUrl() + ", issuer=" + verifier.issuer().orElse(null)
                        + ", audiences=" + verifier.audiences() + ", leeway=" + verifier.leeway()
                        + ", maxLifetime=" + verifier.maxLifetime()) + "]";
    }

    /** Reads keys as text, collecting problems instead of stopping at the first. */
    private static final class Reader {
        final Function<String, Optional<String>> source;
        final List<String> problems = new ArrayList<>();

        Reader(Function<String, Optional<String>> source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        String text(String key) {
            Optional<String> v;
            try {
                v = source.apply(key);
            } catch (RuntimeException e) {
                problems.add(key + ": cannot be read (" + e.getClass().getSimpleName() + ")");
                return null;
            }
            return v == null || v.isEmpty() || v.get().isBlank() ? null : v.get().strip();
        }

        void ifSet(String key, Consumer<String> to) {
            String v = text(key);
            if (v != null) {
                to.accept(v);
            }
        }

        void duration(String key, Consumer<Duration> to) {
            String v = text(key);
            Duration d = v == null ? null : SettingRules.duration(key, v, problems);
            if (d != null) {
                to.accept(d);
            }
        }

        /** Syntax and type bounds only; the core checks the range. */
        void number(String key, long largest, LongConsumer to) {
            String v = text(key);
            Long n = v == null ? null : SettingRules.wholeNumber(key, v, largest, problems);
            if (n != null) {
                to.accept(n);
            }
        }

        boolean flag(String key, boolean fallback) {
            String v = text(key);
            if (v == null) {
                return fallback;
            }
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                problems.add(key + ": '" + v + "' is neither true nor false");
                return fallback;
            }
            return Boolean.parseBoolean(v);
        }

        Set<String> list(String key) {
            String v = text(key);
            Set<String> values = new LinkedHashSet<>();
            if (v != null) {
                for (String item : v.split(",")) {
                    if (!item.isBlank()) {
                        values.add(item.strip());
                    }
                }
            }
            return values;
        }

        String claimPath(String key, String fallback) {
            String v = text(key);
            if (v == null) {
                return fallback;
            }
            if (!CLAIM_PATH.matcher(v).matches()) {
                problems.add(key + ": '" + v + "' is not a claim path; write a claim name or names joined by dots,"
                        + " for example app_metadata.tenant_id");
                return fallback;
            }
            return v;
        }
    }
}
