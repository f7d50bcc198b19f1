package run.vendo.jakarta.internal.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.AbstractMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A read-only {@code Map} view of MicroProfile Config for {@link
 * run.vendo.Vendo.Builder#environment(java.util.Map)}: {@code get("VENDO_TOKEN_GOOGLE")} or {@code
 * get("OPENAI_API_KEY")} asks MicroProfile Config, so those variables
 * can come from any config source (environment, system properties, {@code
 * microprofile-config.properties}, a server's config) and not only the process environment. Each
 * name is read once and remembered for the application's life, as environment variables are.
 *
 * <p>Only {@link #get(Object)} and {@link #containsKey(Object)} are meaningful: the view cannot be
 * iterated and reports itself empty.
 */
public final class ConfigEnvironment extends AbstractMap<String, String> {

    private final Function<String, Optional<String>> source;
    private final Cache<String, Optional<String>> lookups = Caffeine.newBuilder().maximumSize(1024).build();

    /**
     * Creates the view.
     *
     * @param source looks a name up, as {@code name -> config.getOptionalValue(name, String.class)}
     */
    public ConfigEnvironment(Function<String, Optional<String>> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String name) || name.isEmpty()) {
            return null;
        }
        // The core asks for VENDO_TOKEN_<SLUG> on every token() call; a Config lookup walks every
        // source, so each name is read once and remembered (bounded; names come from slugs).
        return lookups.get(name, source).orElse(null);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    /** Returns an empty set: the variables are looked up one by one, never listed. */
    @Override
    public Set<Entry<String, String>> entrySet() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "ConfigEnvironment[MicroProfile Config]";
    }
}
