package run.vendo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import run.vendo.internal.text.Redactor;

/**
 * One entry of Vendo's connections list ({@code GET /api/deployments/me/connections}), as {@link
 * Connections#list()} returns it.
 *
 * <p>Statuses Vendo sends: {@code connected} (tokens can be had), {@code available} (offered, not
 * connected: send the user to {@link #setupUrl()}), {@code needs_reauth} (must be authorised
 * again) and {@code error} (see {@link #errorMessage()}); {@code pending_setup} and {@code revoked}
 * belong to the same vocabulary elsewhere. Vendo may add statuses: compare with {@link #status()}
 * rather than assume the list is closed.
 *
 * <p>Every field Vendo sent is kept: the documented ones have accessors, any other is in {@link
 * #attributes()}. A field of another JSON type than the one documented counts as absent. Links
 * ({@link #setupUrl()}, {@link #logoUrl()}, {@link #docsUrl()}, {@link #baseUrl()}) are only ever
 * absolute {@code http} or {@code https} URLs: any other value Vendo sent is left out.
 *
 * <p><strong>Secrets.</strong> Vendo puts the deployment's own App Key in {@code api_key} (on
 * {@code vendo_managed_pool} entries) and decrypted credentials in {@code
 * metadata.credential.<ENV_VAR>}. They are reachable through {@link #secretApiKey()} and {@link
 * #secretCredentials()} (and {@link #metadata()}); {@link #toString()} shows names, never values.
 *
 * @since 0.1.0
 */
public final class Connection {

    /** The fields with an accessor of their own; all others are {@link #attributes()}. */
    private static final Set<String> TYPED = Set.of("id", "slug", "display_name", "category", "profile", "status",
            "setup_url", "error_message", "connected_at", "logo_url", "brand_color", "docs_url", "external_id",
            "metadata", "env_bootstrap", "api_key", "base_url", "context", "exclusive");

    private final WireFields fields;
    private final String slug;
    private final Instant connectedAt;
    private final EnvBootstrap envBootstrap;

    private Connection(WireFields fields) {
        this.fields = fields;
        this.slug = Objects.requireNonNull(fields.string("slug"), "slug");
        this.connectedAt = fields.instant("connected_at");
        this.envBootstrap = EnvBootstrap.of(fields.get("env_bootstrap"));
    }

    /**
     * A connection from the fields of one entry of Vendo's answer, named as Vendo names them
     * ({@code display_name}, {@code setup_url}, …), as plain Java values ({@code Map}, {@code List},
     * {@code String}, {@code Number}, {@code Boolean}, {@code null}). Useful in tests.
     *
     * @param fields the entry's fields; copied
     * @return the connection
     * @throws NullPointerException if {@code slug} is not a string
     */
    public static Connection of(Map<String, ?> fields) {
        return new Connection(new WireFields(fields));
    }

    /** {@return the connection's identifier ({@code id}), or {@code null} on an {@code available} entry} */
    public String id() {
        return fields.string("id");
    }

    /** {@return the provider slug, for example {@code "openai"}} */
    public String slug() {
        return slug;
    }

    /** {@return the provider's display name ({@code display_name}), or {@code null}} */
    public String displayName() {
        return fields.string("display_name");
    }

    /** {@return the provider's category ({@code llm}, {@code messaging}, …), or {@code null}} */
    public String category() {
        return fields.string("category");
    }

    /**
     * {@return the credential profile ({@code vendo_managed_pool}, {@code byok_static}, {@code
     *     composio_managed}, {@code oauth_app_install}, …), or {@code null}}
     */
    public String profile() {
        return fields.string("profile");
    }

    /**
     * {@return the status ({@code connected}, {@code available}, {@code needs_reauth}, {@code error},
     *     …), or {@code null}}
     */
    public String status() {
        return fields.string("status");
    }

    /**
     * Tells whether the connection can supply tokens: its status is {@code connected}.
     *
     * @return {@code true} for a connected connection
     */
    public boolean isActive() {
        return "connected".equals(status());
    }

    /** {@return where to send the user's browser to connect this provider ({@code setup_url}), or {@code null}} */
    public String setupUrl() {
        return fields.string("setup_url");
    }

    /** {@return what went wrong, for a connection in {@code error} or {@code needs_reauth}, or {@code null}} */
    public String errorMessage() {
        return fields.string("error_message");
    }

    /**
     * {@return when the connection was made ({@code connected_at}), or {@code null} when Vendo sent
     *     none or a value that is not an ISO-8601 date-time with an offset}
     */
    public Instant connectedAt() {
        return connectedAt;
    }

    /** {@return the provider's logo ({@code logo_url}), or {@code null}} */
    public String logoUrl() {
        return fields.string("logo_url");
    }

    /** {@return the provider's brand colour ({@code brand_color}, for example {@code "#10A37F"}), or {@code null}} */
    public String brandColor() {
        return fields.string("brand_color");
    }

    /** {@return the provider's documentation ({@code docs_url}), or {@code null}} */
    public String docsUrl() {
        return fields.string("docs_url");
    }

    /** {@return the provider's own identifier of the connected account ({@code external_id}), or {@code null}} */
    public String externalId() {
        return fields.string("external_id");
    }

    /**
     * {@return the provider proxy to call with {@link #secretApiKey()} ({@code base_url}, only on
     *     {@code vendo_managed_pool} entries), or {@code null}}
     */
    public String baseUrl() {
        return fields.string("base_url");
    }

    /**
     * {@return per-provider context of a discovery provider ({@code context}, for example a project
     *     reference), as plain Java values; empty when Vendo sent none; unmodifiable}
     */
    public Map<String, Object> context() {
        return fields.object("context");
    }

    /** {@return whether only one running deployment can use this credential at a time ({@code exclusive})} */
    public boolean exclusive() {
        return fields.isTrue("exclusive");
    }

    /**
     * {@return the environment variables Vendo's deploy worker injects for this integration, by name,
     *     and its restart policy ({@code env_bootstrap}), or {@code null} when Vendo sent none}
     */
    public EnvBootstrap envBootstrap() {
        return envBootstrap;
    }

    /**
     * Returns the App Key Vendo sends on {@code vendo_managed_pool} entries ({@code api_key}): the
     * deployment's own secret. Never log it.
     *
     * @return the key, or {@code null}
     */
    public String secretApiKey() {
        return fields.string("api_key");
    }

    /**
     * Returns the decrypted credentials Vendo merged into {@code metadata.credential}, by
     * environment variable name: secrets. Never log them.
     *
     * @return the string credentials; empty when there are none; unmodifiable
     */
    public Map<String, String> secretCredentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        if (metadata().get("credential") instanceof Map<?, ?> credential) {
            credential.forEach((k, v) -> {
                if (k instanceof String name && v instanceof String value) {
                    credentials.put(name, value);
                }
            });
        }
        return Collections.unmodifiableMap(credentials);
    }

    /**
     * {@return per-binding metadata ({@code metadata}) as plain Java values, {@code credential}
     *     included (see {@link #secretCredentials()}); empty when Vendo sent none; unmodifiable}
     */
    public Map<String, Object> metadata() {
        return fields.object("metadata");
    }

    /** {@return every field Vendo sent that has no accessor here, as plain Java values; unmodifiable} */
    public Map<String, Object> attributes() {
        return fields.others(TYPED);
    }

    /** Equal when Vendo sent the same fields. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Connection c && fields.equals(c.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** Shows the identifying fields and the names of the others, never a value that may be a secret. */
    @Override
    public String toString() {
        return "Connection[slug=" + Redactor.printable(slug) + ", status=" + Redactor.printable(status())
                + ", profile=" + Redactor.printable(profile()) + ", id=" + Redactor.printable(id()) + ", fields="
                + fields.names() + ", metadata=" + Redactor.printable(metadata().keySet().toString()) + "]";
    }

    /**
     * What Vendo's deploy worker injects for an integration ({@code env_bootstrap}): variable names
     * with where each value comes from, and whether the tool restarts to pick them up. Names only:
     * the values are never here.
     *
     * @param vars the variables; unmodifiable
     * @param restart {@code gateway} or {@code none} as Vendo sent it, or {@code null}
     * @since 0.1.0
     */
    public record EnvBootstrap(List<Var> vars, String restart) {

        /**
         * Creates the bootstrap.
         *
         * @param vars the variables
         * @param restart {@code gateway} or {@code none} as Vendo sent it, or {@code null}
         * @throws NullPointerException if {@code vars} is null
         */
        public EnvBootstrap {
            vars = List.copyOf(vars);
        }

        /**
         * One variable.
         *
         * @param name the environment variable's name, for example {@code SUPABASE_ACCESS_TOKEN}
         * @param valueFrom where Vendo takes its value from ({@code value_from}), or {@code null}
         * @since 0.1.0
         */
        public record Var(String name, String valueFrom) {

            /**
             * Creates a variable.
             *
             * @param name the environment variable's name
             * @param valueFrom where Vendo takes its value from, or {@code null}
             * @throws NullPointerException if {@code name} is null
             */
            public Var {
                Objects.requireNonNull(name, "name");
            }
        }

        /** The bootstrap of a JSON object read as plain Java, or null when it is not one. */
        static EnvBootstrap of(Object value) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            List<Var> vars = new ArrayList<>();
            if (map.get("vars") instanceof List<?> list) {
                for (Object element : list) {
                    if (element instanceof Map<?, ?> var && var.get("name") instanceof String name) {
                        vars.add(new Var(name, var.get("value_from") instanceof String from ? from : null));
                    }
                }
            }
            return new EnvBootstrap(vars, map.get("restart") instanceof String restart ? restart : null);
        }
    }
}
