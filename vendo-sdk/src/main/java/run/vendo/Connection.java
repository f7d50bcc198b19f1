package run.vendo;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One connection of an identity to a provider, as listed by {@link Connections#list()}.
 *
 * <p>Statuses Vendo sends: {@code connected} (tokens can be had), {@code available} (offered, not
 * connected), {@code pending_setup} (started, not finished: send the user to {@link #setupUrl()}),
 * {@code needs_reauth} (must be authorised again), {@code error} (see {@link #errorMessage()}) and
 * {@code revoked}. Vendo may add statuses; compare with {@link #status()} rather than assume the
 * list is closed.
 *
 * <p>Links ({@link #setupUrl()}, {@link #logoUrl()}, {@link #docsUrl()}) are only ever absolute
 * {@code http} or {@code https} URLs: any other value Vendo sent is left out. A field of another
 * JSON type than the one documented here counts as absent.
 *
 * @param id the connection's identifier, or {@code null} when Vendo sent none
 * @param slug the provider slug, for example {@code "google"}
 * @param displayName the provider's display name, or {@code null} when Vendo sent none
 * @param category the provider's category, or {@code null} when Vendo sent none
 * @param profile the connected account's profile (for example an e-mail address), or {@code null}
 * @param status the connection's status, for example {@code "connected"} or {@code
 *     "needs_reauth"}, or {@code null} when Vendo sent none
 * @param setupUrl where to send the user's browser to finish or repeat the connection ({@code
 *     setup_url}), or {@code null}
 * @param errorMessage what went wrong, for a connection in {@code error} ({@code error_message}),
 *     or {@code null}
 * @param connectedAt when the connection was made ({@code connected_at}), or {@code null} when
 *     Vendo sent none or a value that is not an ISO-8601 date-time with an offset
 * @param logoUrl the provider's logo ({@code logo_url}), or {@code null}
 * @param brandColor the provider's brand colour ({@code brand_color}, for example {@code
 *     "#4285F4"}), or {@code null}
 * @param docsUrl the provider's documentation ({@code docs_url}), or {@code null}
 * @param externalId the provider's own identifier of the connected account ({@code external_id}),
 *     or {@code null}
 * @param metadata what Vendo sent as {@code metadata}, as plain Java values; empty when it sent no
 *     JSON object; unmodifiable
 * @param envBootstrap what Vendo sent as {@code env_bootstrap}: environment variables, by name,
 *     that set up the tool for this connection, as plain Java values; empty when it sent no JSON
 *     object; unmodifiable. Its values may be secrets: {@link #toString()} shows only the names
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
        String setupUrl,
        String errorMessage,
        Instant connectedAt,
        String logoUrl,
        String brandColor,
        String docsUrl,
        String externalId,
        Map<String, Object> metadata,
        Map<String, Object> envBootstrap,
        Map<String, Object> attributes) {

    /**
     * Creates a connection. Null maps are taken as empty ones.
     *
     * @throws NullPointerException if {@code slug} is null
     */
    public Connection {
        Objects.requireNonNull(slug, "slug");
        metadata = unmodifiable(metadata);
        envBootstrap = unmodifiable(envBootstrap);
        attributes = unmodifiable(attributes);
    }

    /**
     * Tells whether the connection can supply tokens: its status is {@code connected}.
     *
     * @return {@code true} for a connected connection
     */
    public boolean isActive() {
        // "active" is how Vendo's database spells "connected"; Vendo's API translates it, but an
        // answer that passes the stored value through still means a working connection, and 0.1.0
        // documented that spelling.
        return "connected".equals(status) || "active".equals(status);
    }

    /** Shows every field except the values of {@link #envBootstrap()}, which may be secrets. */
    @Override
    public String toString() {
        return "Connection[id=" + id + ", slug=" + slug + ", displayName=" + displayName + ", category=" + category
                + ", profile=" + profile + ", status=" + status + ", setupUrl=" + setupUrl + ", errorMessage="
                + errorMessage + ", connectedAt=" + connectedAt + ", logoUrl=" + logoUrl + ", brandColor="
                + brandColor + ", docsUrl=" + docsUrl + ", externalId=" + externalId + ", metadata=" + metadata
                + ", envBootstrap=" + envBootstrap.keySet() + ", attributes=" + attributes + "]";
    }

    private static Map<String, Object> unmodifiable(Map<String, Object> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
