package run.vendo.testing;

import java.time.Duration;
import java.time.Instant;

/**
 * One connection of an emulated identity, immutable. The token expires {@code ttl} after each
 * response when {@code ttl} is set, at {@code fixedExpiry} when that is set, and never otherwise.
 * {@code connectedAt} is when the identity connected the slug (a rotation keeps it).
 */
record ConnectionState(String id, String slug, String token, Duration ttl, Instant fixedExpiry, boolean needsReauth,
        Instant connectedAt) {

    /** The {@code expires_at} to serve at {@code now}, or null. */
    Instant expiresAt(Instant now) {
        if (ttl != null) {
            return now.plus(ttl);
        }
        return fixedExpiry;
    }

    ConnectionState withToken(String newToken) {
        return new ConnectionState(id, slug, newToken, ttl, fixedExpiry, needsReauth, connectedAt);
    }

    ConnectionState withNeedsReauth(boolean value) {
        return new ConnectionState(id, slug, token, ttl, fixedExpiry, value, connectedAt);
    }

    @Override
    public String toString() {
        return "ConnectionState[" + slug + (needsReauth ? ", needs_reauth" : ", connected") + "]";
    }
}
