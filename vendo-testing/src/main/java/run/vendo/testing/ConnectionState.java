package run.vendo.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection of an emulated identity, immutable. The token expires {@code ttl} after each
 * response when {@code ttl} is set, at {@code fixedExpiry} when that is set, and never otherwise.
 *
 * @param id the connection's id
 * @param slug the provider slug
 * @param token the access token the credentials worker serves while the connection is active
 * @param ttl the lifetime announced with each response, or null
 * @param fixedExpiry the fixed {@code expires_at}, or null
 * @param status the connection's status
 * @param errorMessage the {@code error_message} of an {@code error} or {@code needs_reauth} connection, or null
 * @param profile the credential profile, or null for the provider's default
 * @param credential the {@code metadata.credential} entries, environment variable to value; never null
 * @param context the per-slug discovery context, or null
 * @param envBootstrap the {@code env_bootstrap} to list, {@link JsonValue#NULL} for none, or null for the
 *     provider's default
 */
record ConnectionState(String id, String slug, String token, Duration ttl, Instant fixedExpiry, Status status,
        String errorMessage, String profile, Map<String, String> credential, JsonObject context,
        JsonValue envBootstrap) {

    /** The statuses of a connection, as Vendo's API spells them. */
    enum Status {
        /** Bound and healthy ({@code active} in Vendo's database). */
        CONNECTED("connected"),
        /** The OAuth grant expired: the user must connect again. */
        NEEDS_REAUTH("needs_reauth"),
        /** The provider rejected the credential. */
        ERROR("error"),
        /** Revoked: filtered out of the connections list. */
        REVOKED("revoked");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    ConnectionState {
        credential = Collections.unmodifiableMap(new LinkedHashMap<>(credential));
    }

    /** A new, healthy connection with the provider's default profile and no metadata. */
    static ConnectionState connected(String id, String slug, String token, Duration ttl, Instant fixedExpiry) {
        return new ConnectionState(id, slug, token, ttl, fixedExpiry, Status.CONNECTED, null, null, Map.of(), null,
                null);
    }

    /** The {@code expires_at} to serve at {@code now}, or null. */
    Instant expiresAt(Instant now) {
        if (ttl != null) {
            return now.plus(ttl);
        }
        return fixedExpiry;
    }

    /** Whether the credentials worker serves the token: the connection is {@code connected}. */
    boolean active() {
        return status == Status.CONNECTED;
    }

    /** The profile: the one set, else the provider's default. */
    String effectiveProfile() {
        return profile != null ? profile : ProviderCatalog.defaultProfile(slug);
    }

    /** Connected again with a new token and expiry rule; the id, profile and metadata stay. */
    ConnectionState reconnected(String newToken, Duration newTtl, Instant newFixedExpiry) {
        return new ConnectionState(id, slug, newToken, newTtl, newFixedExpiry, Status.CONNECTED, null, profile,
                credential, context, envBootstrap);
    }

    ConnectionState withToken(String newToken) {
        return new ConnectionState(id, slug, newToken, ttl, fixedExpiry, status, errorMessage, profile, credential,
                context, envBootstrap);
    }

    ConnectionState withStatus(Status newStatus, String message) {
        return new ConnectionState(id, slug, token, ttl, fixedExpiry, newStatus, message, profile, credential, context,
                envBootstrap);
    }

    ConnectionState withProfile(String newProfile) {
        return new ConnectionState(id, slug, token, ttl, fixedExpiry, status, errorMessage, newProfile, credential,
                context, envBootstrap);
    }

    ConnectionState withCredential(String envVar, String value) {
        Map<String, String> merged = new LinkedHashMap<>(credential);
        merged.put(envVar, value);
        return new ConnectionState(id, slug, token, ttl, fixedExpiry, status, errorMessage, profile, merged, context,
                envBootstrap);
    }

    ConnectionState withContext(JsonObject newContext) {
        return new ConnectionState(id, slug, token, ttl, fixedExpiry, status, errorMessage, profile, credential,
                newContext, envBootstrap);
    }

    ConnectionState withEnvBootstrap(JsonValue newEnvBootstrap) {
        return new ConnectionState(id, slug, token, ttl, fixedExpiry, status, errorMessage, profile, credential,
                context, newEnvBootstrap);
    }

    @Override
    public String toString() {
        return "ConnectionState[" + slug + ", " + status.wire + ", " + effectiveProfile() + "]";
    }
}
