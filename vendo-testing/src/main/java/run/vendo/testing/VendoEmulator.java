package run.vendo.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real, local Vendo for tests and demos: an HTTP server on {@code 127.0.0.1} that behaves like
 * Vendo's credentials worker ({@code GET /credentials/{slug}}, {@code GET
 * /credentials/_bulk?slugs=a,b}), API ({@code GET /api/deployments/me/connections}, {@code GET
 * /api/integrations[/{slug}]} as {@link #integrations()} holds them, {@code GET
 * /api/billing/balance|spend-caps|usage} as {@link #billing()} says), data proxy ({@code POST
 * /data-proxy/v1/execute}, see {@link #dataProxy()}), JWKS ({@code GET
 * /auth/v1/.well-known/jwks.json}) and event stream ({@code GET /api/deployments/me/events}, see
 * {@link #events()}). It mints user identity tokens, injects faults on the wire and
 * counts calls.
 *
 * <pre>{@code
 * try (VendoEmulator vendo = VendoEmulator.start();
 *      Vendo client = Vendo.builder().environment(vendo.environment()).build()) {
 *     String google = vendo.user("alice").connect("google");
 *     String jwt = vendo.mintUserJwt("alice");
 *     assert client.forUser(jwt).token("google").equals(google);
 *     assert vendo.tokenCalls("alice", "google") == 1;
 * }
 * }</pre>
 *
 * <p>Authentication and identity follow Vendo's docs, route by route ({@code Vendo-API-Version} is
 * accepted but never required):
 *
 * <ul>
 *   <li>The credentials worker and its bulk endpoint need {@code Authorization: Bearer <apiKey()>}
 *       (else 401 {@code app_unknown}; {@link #revokeApiKey()} and {@link #expireApiKey()} give
 *       {@code app_revoked} and {@code app_expired}) and are the only endpoints that resolve per
 *       user: a request with {@code X-Vendo-User-JWT} acts as the token's {@code sub} once the token
 *       is verified against the emulator's own keys, {@link #issuer()} and audience {@value
 *       #AUDIENCE} (else 401 {@code identity_invalid} or {@code identity_expired}); without it, as
 *       the {@link #DEPLOYMENT}. Every error has the code in {@code Vendo-Error-Code} and a flat body
 *       {@code {"error": "<code>", "detail": "<text>"}}.
 *   <li>The connections list and the event stream take the App Key only, answer for the deployment
 *       and ignore {@code X-Vendo-User-JWT}; they refuse anything else 401 {@code {"error":
 *       {"message": "Missing or invalid Bearer token"}}} (no bearer, or one that does not start with
 *       {@code vendo_sk_}, a JWT included) or {@code "Invalid or revoked token"} (another or a revoked
 *       key), without a code.
 *   <li>Billing answers the tenant's figures, the same for every caller, to the App Key or a valid
 *       identity JWT as the bearer; it refuses 401 {@code "Missing Bearer token"} or {@code "Invalid
 *       or revoked token"} in the same shape.
 *   <li>The integrations catalogue is public: no authentication, the same for everyone.
 *   <li>The data proxy needs the App Key (else 401 {@code app_unknown}) and resolves the deployment's
 *       bindings.
 * </ul>
 *
 * <p>One endpoint is the emulator's own, not Vendo's, for driving an emulator that runs in another
 * process (as {@link VendoEmulatorMain} does) from a shell: {@code POST /_emulator/events} with
 * {@code {"type": "connection.connected", "data": {"slug": "google"}}} and the API key ({@code
 * Authorization: Bearer <apiKey()>}; no API version needed) emits that event as {@link
 * EmulatedEvents#emit} does and answers {@code {"id": "3", "open_streams": 1}}. Requests under
 * {@code /_emulator/} are neither recorded nor faulted.
 *
 * <p>Thread-safe: serves many concurrent clients; counters are exact under concurrency. The first
 * start in a JVM sets the system property {@code sun.net.httpserver.nodelay=true} (unless already
 * set) so that keep-alive responses are not held back by Nagle's algorithm.
 */
public final class VendoEmulator implements AutoCloseable {

    /** The identity name of the deployment: requests without a user JWT. */
    public static final String DEPLOYMENT = "deployment";

    /** The {@code aud} of minted user JWTs. */
    public static final String AUDIENCE = "authenticated";

    /** The port {@link VendoEmulatorMain} uses by default. */
    public static final int DEFAULT_PORT = 8787;

    /** The credentials worker's code for a revoked App Key. */
    static final String APP_REVOKED = "app_revoked";
    /** The credentials worker's code for an expired App Key. */
    static final String APP_EXPIRED = "app_expired";

    private static final int BACKLOG = 512;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String apiKey;
    private final String deploymentId = UUID.randomUUID().toString();
    private final String tenantId = UUID.randomUUID().toString();
    private final String deploymentSlug = "emulator-" + Secrets.randomHex(4);
    private final String webhookSecret;
    private final String threadNamePrefix;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final EmulatorKeys keys;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final UserJwtVerifier verifier;
    private final EmulatedIdentity deployment;
    private final ConcurrentHashMap<String, EmulatedIdentity> users = new ConcurrentHashMap<>();
    private final CopyOnWriteArraySet<String> autoConnect = new CopyOnWriteArraySet<>();
    private final Set<String> providersSeen = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArraySet<String> declaredProviders = new CopyOnWriteArraySet<>();
    private volatile String apiKeyProblem;
    private final FaultRegistry faults = new FaultRegistry();
    private final EmulatedIntegrations integrations;
    private final EmulatedBilling billing;
    private final EmulatedDataProxy dataProxy = new EmulatedDataProxy();
    private final EmulatedEvents events;
    private final AtomicLong sequence = new AtomicLong();
    private volatile TrafficRecorder traffic = new TrafficRecorder();
    private volatile boolean closed;

    private VendoEmulator(Builder builder) {
        this.apiKey = builder.apiKey != null ? builder.apiKey : "vendo_sk_test_" + Secrets.randomHex(16);
        this.webhookSecret = builder.webhookSecret != null ? builder.webhookSecret : "whsec_" + Secrets.randomHex(16);
        this.clock = builder.clock;
        this.events = new EmulatedEvents(clock);
        this.tokenLifetime = builder.tokenLifetime;
        this.deployment = new EmulatedIdentity(DEPLOYMENT, tokenLifetime, providersSeen);
        this.keys = EmulatorKeys.generate();
        this.threadNamePrefix = "vendo-emulator-" + INSTANCES.incrementAndGet() + "-";
        this.executor = Executors.newCachedThreadPool(daemonThreads(threadNamePrefix));
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), builder.port),
                    BACKLOG);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + builder.port, e);
        }
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        this.integrations = new EmulatedIntegrations(baseUrl);
        this.billing = new EmulatedBilling(baseUrl);
        this.verifier = new UserJwtVerifier(keys, issuer(), clock);
        server.setExecutor(executor);
        server.createContext("/", new EmulatorHandler(this));
        server.start();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Starts an emulator on {@code 127.0.0.1}, an ephemeral port, with a random API key {@code
     * vendo_sk_test_<random>} and the system UTC clock.
     *
     * @return the running emulator; close it when done
     * @throws UncheckedIOException if the server cannot listen
     */
    public static VendoEmulator start() {
        return builder().start();
    }

    /**
     * Returns a builder to choose the port, API key, webhook secret, clock or token lifetime.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures and starts a {@link VendoEmulator}. Every setter returns this builder. */
    public static final class Builder {

        private int port;
        private String apiKey;
        private String webhookSecret;
        private Clock clock = Clock.systemUTC();
        private Duration tokenLifetime = EmulatedIdentity.GENERATED_TTL;

        private Builder() {}

        /**
         * Sets the port on {@code 127.0.0.1}. Default 0: an ephemeral port.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the API key clients must send. Default: a random {@code vendo_sk_test_<random>}.
         *
         * @param apiKey a non-blank key
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = Secrets.requireText(apiKey, "apiKey");
            return this;
        }

        /**
         * Sets the webhook secret, {@code VENDO_WEBHOOK_SECRET} in {@link VendoEmulator#environment()}.
         * Default: a random {@code whsec_<random>}.
         *
         * @param webhookSecret a non-blank secret
         * @return this builder
         */
        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = Secrets.requireText(webhookSecret, "webhookSecret");
            return this;
        }

        /**
         * Sets the time source for JWT checks, minted JWTs and token expiry. Default: {@link
         * Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the lifetime generated tokens are served with: {@code expires_at} this long after
         * each response, for the tokens of {@link EmulatedIdentity#connect(String)}, {@link
         * VendoEmulator#autoConnect(String...)} and the other methods that generate one. Short lifetimes make
         * clients refresh often, as under token churn. Default: one hour.
         *
         * @param lifetime a positive duration
         * @return this builder
         */
        public Builder tokenLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive: " + lifetime);
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /**
         * Generates the keys and starts the server.
         *
         * @return the running emulator; close it when done
         * @throws UncheckedIOException if the server cannot listen
         */
        public VendoEmulator start() {
            return new VendoEmulator(this);
        }
    }

    /**
     * Returns the API key clients must send as {@code Authorization: Bearer <key>}.
     *
     * @return the API key
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * Returns the deployment's id, a random UUID: {@code VENDO_DEPLOYMENT_ID}, and the {@code app} of
     * each {@code setup_url} in the connections list.
     *
     * @return the deployment id
     */
    public String deploymentId() {
        return deploymentId;
    }

    /**
     * Returns the base URL, e.g. {@code http://127.0.0.1:51234} (no trailing slash).
     *
     * @return the base URL
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Returns the credentials worker URL: {@code baseUrl() + "/credentials"}.
     *
     * @return the credentials URL
     */
    public String credentialsUrl() {
        return baseUrl + "/credentials";
    }

    /**
     * Returns the data proxy's URL: {@code baseUrl() + "/data-proxy"}, whose {@code POST
     * /v1/execute} runs the actions of {@link #dataProxy()}.
     *
     * @return the data proxy URL
     */
    public String dataProxyUrl() {
        return baseUrl + PlatformEndpoints.DATA_PROXY_PREFIX;
    }

    /**
     * Returns the JWKS URL: {@code baseUrl() + "/auth/v1/.well-known/jwks.json"}.
     *
     * @return the JWKS URL
     */
    public String jwksUrl() {
        return baseUrl + EmulatorHandler.JWKS_PATH;
    }

    /**
     * Returns the base URL of a stand-in for a provider's API, to call with the tokens the emulator
     * serves: {@code GET {providerUrl}/whoami} with {@code Authorization: Bearer <token>} answers
     * {@code 200 {"identity": "alice", "slug": "google"}} for a token a connection serves now, and
     * {@code 401} with {@code WWW-Authenticate: Bearer error="invalid_token"} for any other (one
     * replaced by {@link EmulatedIdentity#rotate(String)} or a new {@code connect}, one of a
     * connection that needs re-authorisation or was removed), as a provider refuses a revoked token.
     * It never answers with the token itself, and needs no App Key.
     *
     * @return the provider's base URL, e.g. {@code http://127.0.0.1:8787/provider}
     */
    public String providerUrl() {
        return baseUrl + EmulatorHandler.PROVIDER_PREFIX;
    }

    /** The identity and slug whose connection serves {@code token} now, or null. */
    String[] ownerOf(String token) {
        List<EmulatedIdentity> identities = users();
        identities.add(deployment());
        for (EmulatedIdentity identity : identities) {
            String slug = identity.slugServing(token);
            if (slug != null) {
                return new String[] {identity.name(), slug};
            }
        }
        return null;
    }

    /**
     * Returns the issuer of minted JWTs and the only one accepted: {@code baseUrl() + "/auth/v1"}.
     *
     * @return the issuer
     */
    public String issuer() {
        return baseUrl + "/auth/v1";
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Returns the emulator's clock.
     *
     * @return the clock set on the builder, default {@link Clock#systemUTC()}
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the lifetime generated tokens are served with.
     *
     * @return the lifetime set on the builder, default one hour
     */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /**
     * Returns the public JWKS document the emulator serves: an ES256 EC P-256 key and an RS256
     * RSA-2048 key with distinct {@code kid}s.
     *
     * @return the JWKS as JSON
     */
    public String jwksJson() {
        return keys.jwksJson();
    }

    /**
     * Returns the variables that point a Vendo client at this emulator, as a deployment on Vendo sees
     * them, in this order: {@code VENDO_API_KEY}, {@code VENDO_BASE_URL}, {@code
     * VENDO_CREDENTIALS_URL}, {@code VENDO_DATA_PROXY_URL}, {@code VENDO_DEPLOYMENT_ID} ({@link
     * #deploymentId()}: a client then knows it runs on Vendo and can build connect URLs), {@code
     * VENDO_TENANT_ID} ({@link #tenantId()}), {@code VENDO_DEPLOYMENT_SLUG} ({@link #deploymentSlug()}),
     * {@code VENDO_AUTH=1} (Vendo's SSO is on) and {@code VENDO_WEBHOOK_SECRET} ({@link
     * #webhookSecret()}, the secret {@link WebhookSigner#signFor(VendoEmulator, String)} signs with). For
     * the Java client: {@code Vendo.builder().environment(emulator.environment()).clock(emulator.clock())};
     * the map takes the place of the process environment, so the machine's own {@code VENDO_*}
     * variables stay out.
     *
     * @return an immutable map of the nine variables, in the order above
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VENDO_API_KEY", apiKey);
        env.put("VENDO_BASE_URL", baseUrl);
        env.put("VENDO_CREDENTIALS_URL", credentialsUrl());
        env.put("VENDO_DATA_PROXY_URL", dataProxyUrl());
        env.put("VENDO_DEPLOYMENT_ID", deploymentId);
        env.put("VENDO_TENANT_ID", tenantId);
        env.put("VENDO_DEPLOYMENT_SLUG", deploymentSlug);
        env.put("VENDO_AUTH", "1");
        env.put("VENDO_WEBHOOK_SECRET", webhookSecret);
        return Collections.unmodifiableMap(env);
    }

    /**
     * Returns the tenant the deployment belongs to: a random UUID, {@code VENDO_TENANT_ID}.
     *
     * @return the tenant id
     */
    public String tenantId() {
        return tenantId;
    }

    /**
     * Returns the deployment's slug, {@code VENDO_DEPLOYMENT_SLUG}: {@code emulator-<random hex>}.
     *
     * @return the deployment slug
     */
    public String deploymentSlug() {
        return deploymentSlug;
    }

    /**
     * Returns the secret Vendo signs this deployment's webhooks with, {@code VENDO_WEBHOOK_SECRET}:
     * the one set on the builder, else a random {@code whsec_<hex>}. Sign a delivery with it through
     * {@link WebhookSigner#signFor(VendoEmulator, String)}.
     *
     * @return the webhook secret
     */
    public String webhookSecret() {
        return webhookSecret;
    }

    /**
     * Returns the deployment-level identity: requests without {@code X-Vendo-User-JWT}.
     *
     * @return the deployment identity
     */
    public EmulatedIdentity deployment() {
        return deployment;
    }

    /**
     * Returns a user, identified by the {@code sub} of their JWT, creating it (with the {@link
     * #autoConnect(String...)} slugs connected) on first use. Users and the deployment never share
     * connections (a user whose id is {@code "deployment"} is still a user, though the counters,
     * keyed by name, cannot tell the two apart).
     *
     * @param userId the user id
     * @return the user's identity
     */
    public EmulatedIdentity user(String userId) {
        Secrets.requireText(userId, "userId");
        EmulatedIdentity identity = users.computeIfAbsent(userId,
                id -> new EmulatedIdentity(id, tokenLifetime, providersSeen));
        identity.applyAutoConnect(autoConnect);
        return identity;
    }

    /**
     * Returns the users known so far (by {@link #user(String)} or by a request), in no particular
     * order.
     *
     * @return a copy of the users
     */
    public List<EmulatedIdentity> users() {
        return new ArrayList<>(users.values());
    }

    /**
     * Returns the integrations catalogue served at {@code GET /api/integrations}, to change.
     *
     * @return the catalogue
     */
    public EmulatedIntegrations integrations() {
        return integrations;
    }

    /**
     * Returns what the billing endpoints answer, to change.
     *
     * @return the billing values
     */
    public EmulatedBilling billing() {
        return billing;
    }

    /**
     * Returns the data proxy's actions, to register.
     *
     * @return the data proxy
     */
    public EmulatedDataProxy dataProxy() {
        return dataProxy;
    }

    /**
     * Connects these slugs, with generated tokens, for every identity: the deployment, every known
     * user and every user seen later, even unknown ones. Each identity gets each slug once: a later
     * {@link EmulatedIdentity#disconnect(String)} sticks. Survives {@link #reset()}.
     *
     * @param slugs provider slugs
     * @return this emulator
     */
    public VendoEmulator autoConnect(String... slugs) {
        for (String slug : slugs) {
            autoConnect.add(Secrets.requireText(slug, "slug"));
        }
        deployment.applyAutoConnect(autoConnect);
        for (EmulatedIdentity user : users.values()) {
            user.applyAutoConnect(autoConnect);
        }
        return this;
    }

    /**
     * Declares providers that Vendo supports besides the emulator's catalogue (google, gmail, notion,
     * slack, telegram, github, supabase, openai, anthropic, openrouter, elevenlabs, assemblyai,
     * muapi), and that the deployment supports: the connections list shows each one {@code
     * "available"} until the deployment connects it, and the credentials worker knows it (see {@link
     * #knowsProvider(String)}). Survives {@link #reset()}.
     *
     * @param slugs provider slugs
     * @return this emulator
     */
    public VendoEmulator declareProviders(String... slugs) {
        for (String slug : slugs) {
            declaredProviders.add(Secrets.requireText(slug, "slug"));
        }
        return this;
    }

    /**
     * Tells whether the emulator knows {@code slug} as a provider Vendo supports. The credentials
     * worker answers a lookup of a provider it does not know 404 {@code provider_unknown}, as Vendo
     * does, instead of 403 {@code binding_missing}. A slug is known when it is
     *
     * <ul>
     *   <li>in the emulator's catalogue of well-known providers (see {@link #declareProviders}),
     *   <li>declared with {@link #declareProviders(String...)},
     *   <li>served by the integrations catalogue ({@link #integrations()}),
     *   <li>{@linkplain #autoConnect(String...) auto-connected}, or
     *   <li>connected, now or before, for any identity (the deployment or any user), by {@link
     *       EmulatedIdentity#connect(String)} or any other method that makes a connection.
     * </ul>
     *
     * <p>So a test that connects an arbitrary slug for someone gets {@code binding_missing}, not
     * {@code provider_unknown}, for everyone else; only a slug nothing ever mentioned is unknown.
     *
     * @param slug the provider slug
     * @return whether the emulator knows it
     */
    public boolean knowsProvider(String slug) {
        return slug != null && (ProviderCatalog.contains(slug) || declaredProviders.contains(slug)
                || providersSeen.contains(slug) || autoConnect.contains(slug)
                || integrations.find(slug) != null);
    }

    /**
     * Returns every provider the emulator knows now (see {@link #knowsProvider(String)}), in
     * alphabetical order.
     *
     * @return a copy of the slugs
     */
    public List<String> providers() {
        Set<String> all = new TreeSet<>(ProviderCatalog.slugs());
        all.addAll(declaredProviders);
        all.addAll(providersSeen);
        all.addAll(autoConnect);
        all.addAll(integrations.slugs());
        return List.copyOf(all);
    }

    /**
     * Revokes the App Key: the credentials worker answers 401 {@code app_revoked}, the connections,
     * events and billing routes 401 {@code {"error": {"message": "Invalid or revoked token"}}} and
     * the data proxy 401 with {@code Vendo-Error-Code: app_revoked}, until {@link #restoreApiKey()} or
     * {@link #reset()}.
     *
     * @return this emulator
     */
    public VendoEmulator revokeApiKey() {
        apiKeyProblem = APP_REVOKED;
        return this;
    }

    /**
     * Lets the App Key expire: the credentials worker answers 401 {@code app_expired}, the
     * connections, events and billing routes 401 {@code {"error": {"message": "Invalid or revoked
     * token"}}} and the data proxy 401 with {@code Vendo-Error-Code: app_expired}, until {@link
     * #restoreApiKey()} or {@link #reset()}.
     *
     * @return this emulator
     */
    public VendoEmulator expireApiKey() {
        apiKeyProblem = APP_EXPIRED;
        return this;
    }

    /**
     * Makes a revoked or expired App Key valid again.
     *
     * @return this emulator
     */
    public VendoEmulator restoreApiKey() {
        apiKeyProblem = null;
        return this;
    }

    /**
     * Mints a valid user identity token: ES256 with the emulator's EC key and {@code kid}, {@code
     * iss} = {@link #issuer()}, {@code aud} = {@value #AUDIENCE}, {@code sub} = {@code userId},
     * {@code iat} = now, {@code exp} = now + 1 hour, plus {@code email}, {@code name} and {@code
     * role} claims.
     *
     * @param userId the user id ({@code sub})
     * @return the compact JWS
     */
    public String mintUserJwt(String userId) {
        return jwt(userId).sign();
    }

    /**
     * Returns a builder for a user identity token, with the defaults of {@link
     * #mintUserJwt(String)}, to make expired, forged or otherwise broken tokens.
     *
     * @param userId the user id ({@code sub})
     * @return a new JWT builder
     */
    public UserJwtBuilder jwt(String userId) {
        return new UserJwtBuilder(keys, clock, issuer(), userId);
    }

    /**
     * Returns the event stream: emit events, drop or silence the open streams, set the heartbeat
     * interval and {@code retry:}, count streams.
     *
     * @return the event stream's controls
     */
    public EmulatedEvents events() {
        return events;
    }

    /**
     * Injects a fault. The returned rule is active at once and by default applies to the next 1
     * request on any path except the JWKS; narrow it with {@link FaultRule#onSlug(String)}, {@link
     * FaultRule#onPath(String)}, {@link FaultRule#forIdentity(String)} or change the count with
     * {@link FaultRule#times(int)} and {@link FaultRule#always()}. Faults are checked before
     * authentication, in injection order.
     *
     * @param fault the fault
     * @return the rule, to refine or cancel
     */
    public FaultRule inject(Fault fault) {
        return faults.add(fault);
    }

    /**
     * Returns the number of requests received since start or {@link #reset()}, on every path except
     * the JWKS, whatever their outcome.
     *
     * @return the count
     */
    public int calls() {
        return traffic.calls();
    }

    /**
     * Returns the number of requests to exactly this percent-decoded path (without query) since
     * start or {@link #reset()}, e.g. {@code "/credentials/google"}, {@code "/credentials/_bulk"},
     * {@code "/api/deployments/me/connections"}, {@code "/api/integrations/google"}, {@code
     * "/api/billing/usage"}, {@code "/data-proxy/v1/execute"}. The JWKS path counts too.
     *
     * @param path the path
     * @return the count
     */
    public int calls(String path) {
        return traffic.calls(path);
    }

    /**
     * Returns how many times {@code identity} looked up {@code slug} upstream since start or {@link
     * #reset()}: one per authenticated {@code GET /credentials/{slug}} and one per slug of each
     * bulk request, whatever the answer. Faulted and rejected requests do not count.
     *
     * @param identity a user id or {@link #DEPLOYMENT}
     * @param slug the provider slug
     * @return the count
     */
    public int tokenCalls(String identity, String slug) {
        return traffic.tokenCalls(identity, slug);
    }

    /**
     * Returns the number of JWKS requests since start or {@link #reset()}.
     *
     * @return the count
     */
    public int jwksCalls() {
        return traffic.jwksCalls();
    }

    /**
     * Returns how many client TCP connections requests came on since start or {@link #reset()}: the
     * number of distinct client endpoints (remote address and port, see {@link
     * RecordedRequest#clientAddress()}) among those requests, JWKS included. A client that reuses one
     * keep-alive connection for sequential calls counts once; a client that opens a connection per call
     * counts once per call. A connection that carried no request is not seen, and a port the system
     * hands out again to a later connection counts once.
     *
     * @return the count
     */
    public int clientConnections() {
        return traffic.clientConnections();
    }

    /**
     * Returns every request received since start or {@link #reset()}, JWKS included, in arrival
     * order.
     *
     * @return an immutable copy
     */
    public List<RecordedRequest> requests() {
        return traffic.requests();
    }

    /**
     * Clears the counters (the count of event streams opened included), the recorded requests and
     * every fault rule, and restores a revoked or expired App Key. Keeps identities, connections,
     * auto-connected slugs, declared providers, integrations, billing values, data proxy actions,
     * open event streams, kept events and the event-stream settings.
     */
    public void reset() {
        faults.clear();
        apiKeyProblem = null;
        traffic = new TrafficRecorder();
        events.resetCounters();
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /** Stops the server, drops open connections (event streams included) and ends its threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        faults.clear();
        events.close();
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "VendoEmulator[" + baseUrl + (closed ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- for the handler

    TrafficRecorder.Entry record(String method, String path, String rawPath, String query, Headers headers,
            boolean jwks, InetSocketAddress client) {
        TrafficRecorder.Entry entry = new TrafficRecorder.Entry(sequence.getAndIncrement(), clock.instant(), method,
                path, rawPath, query, RecordedRequest.copyHeaders(headers), client);
        return traffic.record(entry, jwks);
    }

    void applyAutoConnect(EmulatedIdentity identity) {
        identity.applyAutoConnect(autoConnect);
    }

    String threadNamePrefix() {
        return threadNamePrefix;
    }

    FaultRegistry faults() {
        return faults;
    }

    /** {@link #APP_REVOKED}, {@link #APP_EXPIRED}, or null while the App Key is valid. */
    String apiKeyProblem() {
        return apiKeyProblem;
    }

    UserJwtVerifier verifier() {
        return verifier;
    }

    EmulatorKeys keys() {
        return keys;
    }

    /** Where a user connects {@code slug} for this deployment, as the connections list's {@code setup_url}. */
    String connectUrl(String slug) {
        return baseUrl + "/connections/connect/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20")
                + "?app=" + deploymentId;
    }

    /** The stand-in for Vendo's {@code {provider}-proxy.vendo.run} of a managed-pool connection (nothing answers). */
    String providerProxyUrl(String slug) {
        return baseUrl + "/" + URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20") + "-proxy/v1";
    }

    /** The providers the deployment supports: the catalogue's, then the declared ones, in declaration order. */
    List<String> supportedProviders() {
        List<String> supported = new ArrayList<>(ProviderCatalog.slugs());
        for (String slug : declaredProviders) {
            if (!supported.contains(slug)) {
                supported.add(slug);
            }
        }
        return supported;
    }
}
