package run.vendo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One connection of an identity to a provider, as listed by {@link Connections#list()}.
 *
 * @param id the connection's identifier
 * @param slug the provider slug, for example {@code "google"}
 * @param displayName the provider's display name, or {@code null} when Vendo sent none
 * @param category the provider's category, or {@code null} when Vendo sent none
 * @param profile the connected account's profile (for example an e-mail address), or {@code null}
 * @param status the connection's status, for example {@code "active"} or {@code "needs_reauth"},
 *     or {@code null}
 * @param attributes every other field Vendo sent, as strings, numbers, booleans, lists, maps or
 *     {@code null}; unmodifiable
 * @since 0.1.0
 */
public record Connection(
        String id,
        String slug,
        String displayName,
        String category,
        String profile,
        String status,
        Map<String, Object> attributes) {

    /**
     * Creates a connection.
     *
     * @throws NullPointerException if {@code slug} is null
     */
    public Connection {
        Objects.requireNonNull(slug, "slug");
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Tells whether the connection's status is {@code active}.
     *
     * @return {@code true} when the connection can supply tokens
     */
    public boolean isActive() {
        return "active".equals(status);
    }
}
