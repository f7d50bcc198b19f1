package run.vendo.testing;

import java.time.Clock;
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

/**
 * An identity known to the emulator: the deployment ({@link VendoEmulator#deployment()}) or one
 * user ({@link VendoEmulator#user(String)}), with its provider connections. Token lookups and the
 * connections list of a request resolve against the request's identity only, so a user never sees
 * another identity's tokens.
 *
 * <pre>{@code
 * String token = vendo.user("alice").connect("google");
 * vendo.user("bob").needsReauth("notion");
 * }</pre>
 *
 * <p>Thread-safe; changes apply to the next request.
 */
public final class EmulatedIdentity {

    /** Lifetime of generated tokens, counted from each response, unless the emulator sets another. */
    static final Duration GENERATED_TTL = Duration.ofHours(1);

    private final String name;
    private final Clock clock;
    private final Duration generatedTtl;
    private final Map<String, ConnectionState> connections = new LinkedHashMap<>();
    private final Set<String> autoConnected = new HashSet<>();

    /**
     * An identity whose connections are dated ({@code connected_at}) on {@code clock}, and whose
     * generated tokens are served with {@code expires_at} {@code generatedTtl} after each response.
     */
    EmulatedIdentity(String name, Clock clock, Duration generatedTtl) {
        this.name = name;
        this.clock = clock;
        this.generatedTtl = generatedTtl;
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
     * any earlier token and clears a {@link #needsReauth(String)} state.
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
     * Marks the connection as needing re-authorisation: lookups answer 409 {@code
     * connection_needs_reauth} with a {@code connect_url}, bulk lookups give null, and the
     * connections list shows {@code "needs_reauth"} with that URL as {@code setup_url}. Connects
     * with a generated token first if {@code slug} was not connected.
     *
     * @param slug the provider slug
     * @return this identity
     */
    public EmulatedIdentity needsReauth(String slug) {
        Secrets.requireText(slug, "slug");
        synchronized (this) {
            ConnectionState current = connections.get(slug);
            if (current == null) {
                current = new ConnectionState(newConnectionId(), slug, generateToken(slug), generatedTtl, null, false,
                        clock.instant());
            }
            connections.put(slug, current.withNeedsReauth(true));
        }
        return this;
    }

    /**
     * Removes the connection: lookups answer 404 {@code binding_missing}, bulk lookups give null,
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
     * @return the token, or null when not connected or needing re-authorisation
     */
    public synchronized String token(String slug) {
        ConnectionState state = connections.get(slug);
        return state == null || state.needsReauth() ? null : state.token();
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
                connections.put(slug, new ConnectionState(newConnectionId(), slug, token, generatedTtl, null, false,
                        clock.instant()));
            } else {
                connections.put(slug, current.withToken(token));
            }
        }
        return token;
    }

    /**
     * Returns the slugs this identity has a connection for (active or needing re-authorisation), in
     * connection order.
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
            String id = current == null ? newConnectionId() : current.id();
            connections.put(slug, new ConnectionState(id, slug, token, ttl, fixedExpiry, false, clock.instant()));
        }
    }

    /** The connection of {@code slug}, or null. */
    /** The slug whose current token is {@code token}, or null: a replaced or re-authorised one is not. */
    synchronized String slugServing(String token) {
        for (ConnectionState state : connections.values()) {
            if (!state.needsReauth() && Secrets.constantTimeEquals(state.token(), token)) {
                return state.slug();
            }
        }
        return null;
    }

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
                    connections.put(slug, new ConnectionState(
                            newConnectionId(), slug, generateToken(slug), generatedTtl, null, false, clock.instant()));
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
