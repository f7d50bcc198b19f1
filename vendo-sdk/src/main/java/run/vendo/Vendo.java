package run.vendo;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import run.vendo.internal.client.VendoClientBuilder;

/**
 * A client for Vendo: fetches provider tokens from Vendo's credentials worker, lists the
 * deployment's connections and, through {@link #forRequest(Map)} and {@link #forUser(String)},
 * acts for one end user.
 *
 * <h2>Modes</h2>
 * A client is in <em>Vendo mode</em> when an API key is configured ({@code VENDO_API_KEY}) and in
 * <em>OSS mode</em> otherwise. In OSS mode tokens come from {@code VENDO_TOKEN_<SLUG>} variables and
 * the bring-your-own-key variables of the bundled catalogue (for example {@code OPENAI_API_KEY});
 * request scoping and {@link #connections()} need Vendo mode.
 *
 * <h2>Root client and scoped views</h2>
 * The client returned by {@link #create()} or {@link Builder#build()} is the <em>root</em>: it owns
 * one pooled HTTP client and one token cache. {@link #forUser(String)} and {@link
 * #forRequest(Map)} return lightweight <em>views</em> bound to one user's identity token; they share
 * the root's pool and cache and allocate no connection resources, so creating one per request is
 * cheap. Every call of a view sends that user's {@code X-Vendo-User-JWT}; the root never sends one.
 * Cached tokens are keyed by identity and slug, so a view never sees another identity's token.
 *
 * <pre>{@code
 * try (Vendo vendo = Vendo.create()) {
 *     String deploymentToken = vendo.token("openai");
 *     Vendo user = vendo.forRequest(request::getHeader);
 *     String userToken = user.token("google");
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe. Close the root when the application stops; after that every call
 * on the root or on any of its views throws {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public interface Vendo extends AutoCloseable {

    /**
     * Creates a root client from system properties, then the process environment.
     *
     * <p>Each setting's system property ({@code vendo.base-url}, {@code vendo.connect-timeout}, ...)
     * wins over its environment variable ({@code VENDO_BASE_URL}, {@code VENDO_CONNECT_TIMEOUT},
     * ...); the README's settings table lists them all. {@code VENDO_TOKEN_<SLUG>} and
     * bring-your-own-key variables are read from the process environment.
     *
     * @return a new root client; close it when done
     * @throws VendoConfigurationException if a setting is invalid (every problem is listed)
     */
    static Vendo create() {
        return VendoClientBuilder.fromSystem().build();
    }

    /**
     * Returns a builder for a root client. Values set on the builder win over the {@linkplain
     * Builder#environment(Map) environment}, which wins over the defaults.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new VendoClientBuilder();
    }

    /**
     * Tells whether this client is in Vendo mode.
     *
     * @return {@code true} when an API key is configured, {@code false} in OSS mode
     */
    boolean isVendoMode();

    /**
     * Returns a view of this client bound to the end user identified by {@code userJwt}, for
     * background jobs that carry the token in a message.
     *
     * <p>The token's shape and expiry are checked here (three base64url segments, JSON header and
     * payload, an {@code exp} claim that has not passed); its signature is not: verify it where it
     * enters the application (the Jakarta integration's filter does).
     *
     * @param userJwt the value of an {@code X-Vendo-User-JWT} header
     * @return a user-scoped view sharing this client's connection pool and cache
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode (checked first)
     * @throws run.vendo.errors.AuthError if the token is blank, malformed ({@code
     *     identity_invalid}) or expired ({@code identity_expired})
     * @throws IllegalStateException if the root client is closed
     */
    Vendo forUser(String userJwt);

    /**
     * Returns a view of this client bound to the user of an incoming request, found in the {@code
     * X-Vendo-User-JWT} header.
     *
     * <p>Header names are matched without regard to case. A value may be a {@code String}, a
     * {@code Collection<?>} or a {@code String[]} of values. A blank value counts as absent;
     * identical repeats are accepted; two different values are rejected, never resolved by
     * picking one.
     *
     * @param headers the request headers
     * @return a user-scoped view sharing this client's connection pool and cache
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode (checked first)
     * @throws run.vendo.errors.IdentityNotPresent if the header is missing or blank
     * @throws run.vendo.errors.AuthError if the values disagree or the token is malformed or expired
     * @throws IllegalStateException if the root client is closed
     */
    Vendo forRequest(Map<String, ?> headers);

    /**
     * Returns a view of this client bound to the user of an incoming request, reading the header
     * through a lookup function such as {@code request::getHeader}. The function is called with
     * {@value VendoHeaders#USER_JWT}; it may return {@code null} when the header is absent.
     *
     * @param header a header lookup
     * @return a user-scoped view sharing this client's connection pool and cache
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode (checked first)
     * @throws run.vendo.errors.IdentityNotPresent if the header is missing or blank
     * @throws run.vendo.errors.AuthError if the token is malformed or expired
     * @throws IllegalStateException if the root client is closed
     */
    Vendo forRequest(Function<String, String> header);

    /**
     * Returns an access token for a provider.
     *
     * <p>Resolution order: the override variable {@code VENDO_TOKEN_<SLUG>} (upper case, {@code -}
     * as {@code _}) in any mode; in Vendo mode the credentials worker, for this client's identity,
     * through the cache; in OSS mode the slug's bring-your-own-key variable.
     *
     * @param slug the provider slug, for example {@code "google"}
     * @return the access token, never {@code null}
     * @throws run.vendo.errors.NotConnected if nothing provides a token (the message names the
     *     variable to set or the connect URL)
     * @throws run.vendo.errors.VendoError another typed error reported by Vendo
     * @throws IllegalArgumentException if {@code slug} is null or blank
     * @throws IllegalStateException if the root client is closed
     */
    String token(String slug);

    /**
     * Returns access tokens for several providers with at most one call to the credentials worker.
     *
     * @param slugs the provider slugs; duplicates are ignored
     * @return the tokens of the slugs that resolved, in the order given; slugs that did not resolve
     *     are absent
     * @throws run.vendo.errors.VendoError if the credentials worker reports an error for the call
     * @throws IllegalArgumentException if a slug is null or blank
     * @throws IllegalStateException if the root client is closed
     */
    Map<String, String> tokens(Collection<String> slugs);

    /**
     * Drops this identity's cached token for {@code slug}, for example after the provider rejected
     * it. Other identities' entries are untouched.
     *
     * @param slug the provider slug
     * @throws IllegalArgumentException if {@code slug} is null or blank
     * @throws IllegalStateException if the root client is closed
     */
    void invalidate(String slug);

    /**
     * Returns the connections of this client's identity (the deployment's, or the user's for a
     * scoped view). Needs Vendo mode.
     *
     * @return the connections API
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws IllegalStateException if the root client is closed
     */
    Connections connections();

    /**
     * Returns the URL that sends a browser to connect a provider for this deployment: {@code
     * {baseUrl}/connections/connect/{slug}?deployment_id=…}. It never contains the App Key.
     *
     * <p>Prefer the links Vendo makes itself: {@link run.vendo.errors.NotConnected#connectUrl()}
     * when a token is missing, {@link Connection#setupUrl()} for a connection.
     *
     * @param slug the provider slug
     * @return the URL
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws IllegalStateException without a deployment id ({@code VENDO_DEPLOYMENT_ID}), or if the root
     *     client is closed
     * @throws IllegalArgumentException if {@code slug} is null or blank
     */
    String connectUrl(String slug);

    /**
     * Returns the URL that sends a browser to connect a provider, and back.
     *
     * @param slug the provider slug
     * @param returnTo where Vendo sends the browser afterwards ({@code return_to}), or {@code null}
     *     or empty to leave it out
     * @param state an opaque value handed back ({@code state}), or {@code null}
     * @return the URL
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws IllegalStateException without a deployment id ({@code VENDO_DEPLOYMENT_ID}), or if the root
     *     client is closed
     * @throws IllegalArgumentException if {@code slug} is null or blank
     */
    String connectUrl(String slug, String returnTo, String state);

    /**
     * Returns the integrations API.
     *
     * @return the integrations
     * @throws IllegalStateException if the root client is closed
     */
    Integrations integrations();

    /**
     * Returns the billing API (Vendo mode only).
     *
     * @return the billing API
     * @throws IllegalStateException if the root client is closed
     */
    Billing billing();

    /**
     * Returns the event stream API (Vendo mode only).
     *
     * @return the events API
     * @throws IllegalStateException if the root client is closed
     */
    Events events();

    /**
     * Returns the webhook verifier (any mode).
     *
     * @return the webhooks API
     * @throws IllegalStateException if the root client is closed
     */
    Webhooks webhooks();

    /**
     * Returns the data actions API (Vendo mode only).
     *
     * @return the data API
     * @throws IllegalStateException if the root client is closed
     */
    Data data();

    /**
     * Returns what Vendo tells this deployment through its environment (any mode).
     *
     * @return the deployment
     * @throws IllegalStateException if the root client is closed
     */
    Deployment deployment();

    /**
     * Returns Vendo's single sign-on helpers (any mode).
     *
     * @return the SSO API
     * @throws IllegalStateException if the root client is closed
     */
    Sso sso();

    /**
     * On the root client, closes the connection pool and drops the cache; on a scoped view, does
     * nothing. Idempotent.
     */
    @Override
    void close();

    /**
     * Configures a root {@link Vendo} client. Every setter returns this builder.
     *
     * <p>Precedence for each setting: the value set here, then its variable in the {@linkplain
     * #environment(Map) environment} ({@code VENDO_BASE_URL} for {@code vendo.base-url}, {@code
     * VENDO_MAX_ATTEMPTS} for {@code vendo.max-attempts}, ...), then the default.
     */
    interface Builder {

        /**
         * Sets the App Key ({@code vendo_sk_…}) that selects Vendo mode. Default: {@code
         * VENDO_API_KEY}, else none (OSS mode). A blank value counts as none; surrounding
         * whitespace is dropped; any other whitespace, control or non-ASCII character is refused.
         *
         * @param apiKey the API key
         * @return this builder
         */
        Builder apiKey(String apiKey);

        /**
         * Sets the Vendo API base URL. Default: {@code VENDO_BASE_URL}, else {@code
         * https://vendo.run}.
         *
         * @param url an absolute http or https URL without user info, query or fragment
         * @return this builder
         */
        Builder baseUrl(String url);

        /**
         * Sets the credentials worker URL. Default: {@code VENDO_CREDENTIALS_URL}, else
         * {@code https://credentials.vendo.run}.
         *
         * @param url an absolute http or https URL without user info, query or fragment
         * @return this builder
         */
        Builder credentialsUrl(String url);

        /**
         * Sets the value of the {@code Vendo-API-Version} header. Default: {@code
         * VENDO_API_VERSION}, else {@code 2026-05-15}.
         *
         * @param version the API version
         * @return this builder
         */
        Builder apiVersion(String version);

        /**
         * Sets the source of {@code VENDO_*}, {@code VENDO_TOKEN_<SLUG>} and bring-your-own-key
         * variables. Only {@link Map#get(Object)} is called, on every lookup, so a live view of
         * another configuration source works. Default: {@link System#getenv()}.
         *
         * @param env the variables
         * @return this builder
         */
        Builder environment(Map<String, String> env);

        /**
         * Sets the time allowed to open a connection, and to lease one from the pool. Default: 5
         * seconds.
         *
         * @param d a positive duration
         * @return this builder
         */
        Builder connectTimeout(Duration d);

        /**
         * Sets the time allowed to wait for response data on each attempt. Default: 10 seconds.
         *
         * @param d a positive duration
         * @return this builder
         */
        Builder requestTimeout(Duration d);

        /**
         * Sets the time one call may take over all its attempts, the waits between them included.
         * No attempt starts when the wait before it would reach this deadline, and the attempts that
         * start wait for a pooled connection and for an answer no longer than the time left (opening
         * a connection is bounded by the connect timeout). A call whose time runs out fails with the
         * error of its last attempt, {@link run.vendo.errors.UpstreamError} {@code network_error} for
         * a timeout, and its message says that the call's time ran out. Default: the {@linkplain
         * #requestTimeout(Duration) request timeout}, so that a Vendo that does not answer holds the
         * calling thread for one request timeout, while quick failures (a reset connection, a 503)
         * are still retried within it.
         *
         * @param d a positive duration
         * @return this builder
         */
        Builder callTimeout(Duration d);

        /**
         * Sets the time source for token expiry and identity token {@code exp} checks. Default:
         * {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        Builder clock(Clock clock);

        /**
         * Sets how many times a call is attempted in total when it fails with a network error or a
         * 500, 502, 503 or 504 response, as long as the {@linkplain #callTimeout(Duration) call
         * timeout} leaves time. Attempts are spaced by exponential backoff with jitter. Default: 3.
         *
         * @param attempts 1 to 10
         * @return this builder
         */
        Builder maxAttempts(int attempts);

        /**
         * Sets the maximum number of pooled connections to Vendo. Default: 50.
         *
         * @param connections at least 1
         * @return this builder
         */
        Builder maxConnections(int connections);

        /**
         * Sets how many users' state the client keeps: at most this many cached tokens across all
         * identities (one per user and slug), and as many parsed identity tokens; the Jakarta
         * integration remembers as many verified identity tokens. Default: 10,000. Size it for the
         * users active within a token's lifetime times the slugs each uses: past the bound, the
         * least valuable entries are dropped and their users' next requests pay the first touch
         * again (a token lookup, a parse and, with verification, a signature check).
         *
         * @param entries at least 1
         * @return this builder
         */
        Builder cacheSize(long entries);

        /**
         * Sets how long before a cached token's last moment of use a read starts refreshing it in
         * the background, so that no request waits for the credentials worker while the token can
         * still be served. A token is served until 60 seconds before its {@code expires_at} (50
         * minutes after it was fetched when it has none), never later. From this long before that,
         * the next read of the token starts one refresh for its identity and slug, on a thread of this
         * client, and is answered with the cached token at once; the refresh replaces the token when it
         * succeeds. A refresh never starts before half of the token's time in the cache has passed,
         * so short-lived tokens are not refreshed on every read. A refresh that fails leaves the cached
         * token in use until its last moment, is logged (without the token) and is tried again by a
         * read at most every 30 seconds; its error is never thrown at a caller. {@link
         * Vendo#invalidate(String)} wins over a refresh in flight: its result is dropped. Zero turns
         * refreshing ahead off: the first read after the last moment waits for a new token. Default: 5
         * minutes.
         *
         * @param d zero or a positive duration
         * @return this builder
         */
        Builder refreshAhead(Duration d);

        /**
         * Sets the secret that signs Vendo's webhooks. Default: {@code VENDO_WEBHOOK_SECRET}.
         *
         * @param secret the secret
         * @return this builder
         */
        Builder webhookSecret(String secret);

        /**
         * Sets how far a webhook's {@code Vendo-Timestamp} may be from the clock. Default: five
         * minutes.
         *
         * @param d a positive duration
         * @return this builder
         */
        Builder webhookTolerance(Duration d);

        /**
         * Sets the data proxy's URL. Default: {@code VENDO_DATA_PROXY_URL}, else {@code
         * https://composio-proxy.vendo.run}.
         *
         * @param url an absolute http(s) URL
         * @return this builder
         */
        Builder dataProxyUrl(String url);

        /**
         * Sets what makes the threads this client starts: one per {@linkplain Events#subscribe event
         * subscription}, which holds its stream and runs its listener. In a Jakarta EE server, pass
         * the container's {@code ManagedThreadFactory}. Default: daemon threads named {@code
         * vendo-events-N}. Not used for {@linkplain #refreshAhead(Duration) refreshes}, which run on
         * at most two daemon threads of the client's own, {@code vendo-refresh-N}, that take no
         * context from the thread that starts them.
         *
         * @param factory the thread factory
         * @return this builder
         */
        Builder threadFactory(ThreadFactory factory);

        /**
         * Records this client's work through {@code openTelemetry}: a span per operation ({@code
         * vendo token}, {@code vendo connections}, ...) with {@code vendo.slug} and {@code
         * vendo.outcome}, under it a CLIENT span per HTTP attempt following the HTTP semantic
         * conventions, and the metrics {@code http.client.request.duration}, {@code
         * vendo.token.lookups}, {@code vendo.token.refreshes}, {@code vendo.events.reconnects}, {@code
         * vendo.webhooks.deliveries} and {@code vendo.token.cached}. No token, identity token, App
         * Key, user id, URL query or exception message is recorded. Needs the OpenTelemetry API
         * (1.32 or newer for the duration buckets' advice), which this library does not bring: the
         * application or its server provides it. Default: nothing is recorded, and no OpenTelemetry class is loaded.
         *
         * @param openTelemetry where spans and metrics go
         * @return this builder
         * @since 0.1.0
         */
        Builder openTelemetry(io.opentelemetry.api.OpenTelemetry openTelemetry);

        /**
         * Sets whether each HTTP attempt sends its W3C trace context ({@code traceparent}, {@code
         * tracestate}) to Vendo, so that Vendo's side of a call can join the caller's trace. Only
         * with {@link #openTelemetry}. Default: {@code true}.
         *
         * @param propagate whether to send it
         * @return this builder
         * @since 0.1.0
         */
        Builder traceContextPropagation(boolean propagate);

        /**
         * Builds the root client. No network call is made here.
         *
         * @return a new root client; close it when done
         * @throws VendoConfigurationException if a setting is invalid (every problem is listed)
         */
        Vendo build();
    }
}
