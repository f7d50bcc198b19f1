package run.vendo.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An identity known to the emulator: the deployment ({@link VendoEmulator#deployment()}) or one
 * user ({@link VendoEmulator#user(String)}), with its provider connections. Token lookups (the
 * credentials worker and its bulk endpoint) resolve against the request's identity only, so a user
 * never sees another identity's tokens; the connections list, the data proxy and the event stream
 * are the deployment's, as on Vendo.
 *
 * <pre>{@code
 * String token = vendo.user("alice").connect("google");
 * vendo.user("bob").needsReauth("notion");
 * vendo.deployment().connect("supabase");
 * vendo.deployment().credential("supabase", "SUPABASE_ACCESS_TOKEN", "sbp_test")
 *         .context("supabase", "{\"project_ref\": \"abcd1234\"}")
 *         .error("supabase", "Supabase rejected the stored credential.");
 * }</pre>
 *
 * <p>Thread-safe; changes apply to the next request.
 */
public final class EmulatedIdentity {

    /** Lifetime of generated tokens, counted from each response, unless the emulator sets another. */
    static final Duration GENERATED_TTL = Duration.ofHours(1);

    private final String name;
    private final Duration generatedTtl;
    private final Set<String> providersSeen;
    private final Map<String, ConnectionState> connections = new LinkedHashMap<>();
    private final Set<String> autoConnected = new HashSet<>();

    /**
     * An identity whose generated tokens are served with {@code expires_at} {@code generatedTtl} after
     * each response, and which adds the slug of every connection it makes to {@code providersSeen}.
     */
    EmulatedIdentity(String name, Duration generatedTtl, Set<String> providersSeen) {
        this.name = name;
        this.generatedTtl = generatedTtl;
        this.providersSeen = providersSeen;
    }

    /**
     * Returns the identity's name.
     *
     * @return the user id, or {@link VendoEmulator#DEPLOYMENT}
     */
    public String name() {
        return name;
    }

    /**
     * Connects {@code slug} with a generated token {@code "<slug>-<identity>-<random>"} that is
     * served with {@code expires_at} one hour (or the emulator's {@linkplain
     * VendoEmulator.Builder#tokenLifetime(Duration) token lifetime}) after each response. Replaces
     * any earlier token and makes an existing connection {@code "connected"} again (after {@link
     * #needsReauth(String)}, {@link #error(String, String)} or {@link #revoke(String)}), keeping its id,
     * profile and metadata.
     *
     * @param slug the provider slug
     * @return the generated token
     */
    public String connect(String slug) {
        String token = generateToken(slug);
        put(slug, token, generatedTtl, null);
        return token;
    }

    /**
     * Connects {@code slug} with a given token, served with {@code expires_at} {@code ttl} after each
     * response (a negative {@code ttl} serves an already expired token), or with {@code expires_at:
     * null} when {@code ttl} is null.
     *
     * @param slug the provider slug
     * @param accessToken the token to serve
     * @param ttl the lifetime announced with each response, or null for none
     * @return {@code accessToken}
     */
    public String connect(String slug, String accessToken, Duration ttl) {
        put(slug, Secrets.requireText(accessToken, "accessToken"), ttl, null);
        return accessToken;
    }

    /**
     * Connects {@code slug} with a given token and a fixed {@code expires_at}.
     *
     * @param slug the provider slug
     * @param accessToken the token to serve
     * @param expiresAt the expiry to serve in every response, or null for none
     * @return {@code accessToken}
     */
    public String connectUntil(String slug, String accessToken, Instant expiresAt) {
        put(slug, Secrets.requireText(accessToken, "accessToken"), null, expiresAt);
        return accessToken;
    }

    /**
     * Marks the connection as needing re-authorisation: lookups answer 401 {@code
     * connection_needs_reauth}, bulk lookups give null, and the connections list shows {@code
     * "needs_reauth"} with an {@code error_message}. Connects with a generated token first if {@code
     * slug} was not connected; a later {@code connect} makes it healthy again.
     *
     * @param slug the provider slug
     * @return this identity
     */
    public EmulatedIdentity needsReauth(String slug) {
        return update(slug, state -> state.withStatus(ConnectionState.Status.NEEDS_REAUTH,
                "The " + slug + " authorisation expired: connect it again."));
    }

    /**
     * Puts the connection in status {@code error}, as when the provider rejected the stored credential:
     * the connections list shows {@code "error"} with this {@code error_message}; the credentials
     * worker, which serves only an active connection, answers 403 {@code binding_missing} and bulk
     * lookups give null. Connects with a generated token first if {@code slug} was not connected; a
     * later {@code connect} makes it healthy again.
     *
     * @param slug the provider slug
     * @param message the human-readable {@code error_message}; never put a secret in it
     * @return this identity
     */
    public EmulatedIdentity error(String slug, String message) {
        Secrets.requireText(message, "message");
        return update(slug, state -> state.withStatus(ConnectionState.Status.ERROR, message));
    }

    /**
     * Revokes the connection: lookups answer 403 {@code connection_revoked}, bulk lookups give null,
     * and the connections list leaves it out (a provider the deployment supports is listed as {@code
     * "available"} again). Connects with a generated token first if {@code slug} was not connected; a
     * later {@code connect} makes it healthy again.
     *
     * @param slug the provider slug
     * @return this identity
     */
    public EmulatedIdentity revoke(String slug) {
        return update(slug, state -> state.withStatus(ConnectionState.Status.REVOKED, null));
    }

    /**
     * Sets the connection's credential profile, as {@code apps_catalog} does on Vendo: {@code
     * vendo_managed_pool}, {@code byok_static}, {@code composio_managed}, {@code oauth_app_install},
     * {@code webhook_inbound} or {@code user_oauth} (any other name is listed as given). By default a
     * connection has its provider's profile ({@code composio_managed} for a provider outside the
     * emulator's catalogue). The profile decides the connections list's {@code api_key} and {@code
     * base_url} (set only on {@code vendo_managed_pool}), the data proxy (which needs {@code
     * composio_managed}) and the credentials worker ({@code user_oauth}: 500 {@code
     * profile_unsupported}). Connects with a generated token first if {@code slug} was not connected.
     *
     * @param slug the provider slug
     * @param profile the profile's name
     * @return this identity
     */
    public EmulatedIdentity profile(String slug, String profile) {
        Secrets.requireText(profile, "profile");
        return update(slug, state -> state.withProfile(profile));
    }

    /**
     * Adds a decrypted credential to the connection, listed as {@code
     * metadata.credential.<envVar>} by the connections endpoint (a secret, as Vendo documents it).
     * Connects with a generated token first if {@code slug} was not connected.
     *
     * @param slug the provider slug
     * @param envVar the environment variable the credential stands for, e.g. {@code
     *     SUPABASE_ACCESS_TOKEN}
     * @param value the credential
     * @return this identity
     */
    public EmulatedIdentity credential(String slug, String envVar, String value) {
        Secrets.requireText(envVar, "envVar");
        Secrets.requireText(value, "value");
        return update(slug, state -> state.withCredential(envVar, value));
    }

    /**
     * Sets the connection's discovery context (e.g. a Supabase project ref), listed as {@code
     * context} and as {@code metadata.context.<slug>}. Connects with a generated token first if {@code
     * slug} was not connected.
     *
     * @param slug the provider slug
     * @param json one JSON object, or null to remove the context ({@code context: null})
     * @return this identity
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    public EmulatedIdentity context(String slug, String json) {
        JsonObject context = json == null ? null : Json.userObject(json, "the context");
        return update(slug, state -> state.withContext(context));
    }

    /**
     * Sets the connection's {@code env_bootstrap}, listed exactly as given. By default a connection
     * lists its provider's: {@code {"vars": [{"name", "value_from"}], "restart": "gateway"}} for a
     * provider whose credential is an environment variable, else {@code {"vars": [], "restart":
     * "none"}}. Connects with a generated token first if {@code slug} was not connected.
     *
     * @param slug the provider slug
     * @param json one JSON object, or null to list {@code env_bootstrap: null}
     * @return this identity
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    public EmulatedIdentity envBootstrap(String slug, String json) {
        JsonValue envBootstrap = json == null ? JsonValue.NULL : Json.userObject(json, "the env_bootstrap");
        return update(slug, state -> state.withEnvBootstrap(envBootstrap));
    }

    /**
     * Returns the status of the connection, as Vendo's API spells it.
     *
     * @param slug the provider slug
     * @return {@code "connected"}, {@code "needs_reauth"}, {@code "error"}, {@code "revoked"}, or null
     *     when not connected
     */
    public synchronized String status(String slug) {
        ConnectionState state = connections.get(slug);
        return state == null ? null : state.status().wire;
    }

    /**
     * Removes the connection: lookups answer 403 {@code binding_missing}, bulk lookups give null,
     * and the connections list no longer shows it. Idempotent.
     *
     * @param slug the provider slug
     * @return this identity
     */
    public EmulatedIdentity disconnect(String slug) {
        Secrets.requireText(slug, "slug");
        synchronized (this) {
            connections.remove(slug);
            autoConnected.add(slug);
        }
        return this;
    }

    /**
     * Returns the token a lookup of {@code slug} serves now.
     *
     * @param slug the provider slug
     * @return the token, or null when not connected or not {@code "connected"} (needing
     *     re-authorisation, in error or revoked)
     */
    public synchronized String token(String slug) {
        ConnectionState state = connections.get(slug);
        return state == null || !state.active() ? null : state.token();
    }

    /**
     * Replaces the token of {@code slug} with a new generated one, keeping the connection's expiry
     * rule and state. Connects {@code slug} first if it was not connected.
     *
     * @param slug the provider slug
     * @return the new token
     */
    public String rotate(String slug) {
        Secrets.requireText(slug, "slug");
        String token = generateToken(slug);
        synchronized (this) {
            ConnectionState current = connections.get(slug);
            if (current == null) {
                connections.put(slug, created(slug, token, generatedTtl, null));
            } else {
                connections.put(slug, current.withToken(token));
            }
        }
        return token;
    }

    /**
     * Returns the slugs this identity has a connection for, whatever its status, in connection order.
     *
     * @return the slugs
     */
    public synchronized List<String> slugs() {
        return List.copyOf(connections.keySet());
    }

    private void put(String slug, String token, Duration ttl, Instant fixedExpiry) {
        Secrets.requireText(slug, "slug");
        synchronized (this) {
            ConnectionState current = connections.get(slug);
            connections.put(slug, current == null ? created(slug, token, ttl, fixedExpiry)
                    : current.reconnected(token, ttl, fixedExpiry));
        }
    }

    /** Changes the connection of {@code slug}, connected with a generated token first if there is none. */
    private EmulatedIdentity update(String slug, UnaryOperator<ConnectionState> change) {
        Secrets.requireText(slug, "slug");
        synchronized (this) {
            ConnectionState current = connections.get(slug);
            if (current == null) {
                current = created(slug, generateToken(slug), generatedTtl, null);
            }
            connections.put(slug, change.apply(current));
        }
        return this;
    }

    /** A new connection; the emulator then knows {@code slug} as a provider. */
    private ConnectionState created(String slug, String token, Duration ttl, Instant fixedExpiry) {
        providersSeen.add(slug);
        return ConnectionState.connected(newConnectionId(), slug, token, ttl, fixedExpiry);
    }

    /** The slug whose current token is {@code token}, or null: a replaced or re-authorised one is not. */
    synchronized String slugServing(String token) {
        for (ConnectionState state : connections.values()) {
            if (state.active() && Secrets.constantTimeEquals(state.token(), token)) {
                return state.slug();
            }
        }
        return null;
    }

    /** The connection of {@code slug}, or null. */
    synchronized ConnectionState lookup(String slug) {
        return connections.get(slug);
    }

    /** Every connection, in connection order. */
    synchronized List<ConnectionState> snapshot() {
        return new ArrayList<>(connections.values());
    }

    /** Connects each slug that was never auto-connected for this identity before. */
    void applyAutoConnect(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return;
        }
        synchronized (this) {
            for (String slug : slugs) {
                if (autoConnected.add(slug) && !connections.containsKey(slug)) {
                    connections.put(slug, created(slug, generateToken(slug), generatedTtl, null));
                }
            }
        }
    }

    private String generateToken(String slug) {
        return Objects.requireNonNull(slug) + "-" + name + "-" + Secrets.randomHex(8);
    }

    private static String newConnectionId() {
        return "conn_" + Secrets.randomHex(8);
    }

    @Override
    public String toString() {
        return "EmulatedIdentity[" + name + "]";
    }
}
