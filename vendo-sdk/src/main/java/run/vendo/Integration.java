package run.vendo;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import run.vendo.internal.text.Redactor;

/**
 * One integration of Vendo's catalogue ({@code GET /api/integrations}), as {@link Integrations}
 * returns it.
 *
 * <p>Every field Vendo sent is kept: the documented ones have accessors, any other (for example
 * {@code env_bootstrap} or {@code icon_name}) is in {@link #attributes()}. A field of another JSON
 * type than the one documented counts as absent. Links ({@link #logoUrl()}, {@link #docsUrl()})
 * are only ever absolute {@code http} or {@code https} URLs: any other value Vendo sent is left out.
 *
 * @since 0.1.0
 */
public final class Integration {

    private static final Set<String> TYPED = Set.of("slug", "provider", "name", "description", "category", "logo_url",
            "brand_color", "docs_url", "supported_profiles", "default_profile", "enabled", "featured");

    private final WireFields fields;
    private final String slug;

    private Integration(WireFields fields) {
        this.fields = fields;
        String s = fields.string("slug");
        this.slug = Objects.requireNonNull(s != null ? s : fields.string("provider"), "slug");
    }

    /**
     * An integration from the fields of one entry of Vendo's answer, named as Vendo names them
     * ({@code provider} or {@code slug}, {@code default_profile}, …), as plain Java values. Useful
     * in tests.
     *
     * @param fields the entry's fields; copied
     * @return the integration
     * @throws NullPointerException if neither {@code slug} nor {@code provider} is a string
     */
    public static Integration of(Map<String, ?> fields) {
        return new Integration(new WireFields(fields));
    }

    /** {@return the provider slug ({@code provider} in Vendo's canonical shape, {@code slug} in older answers)} */
    public String slug() {
        return slug;
    }

    /** {@return the display name, or {@code null}} */
    public String name() {
        return fields.string("name");
    }

    /** {@return a description, or {@code null}} */
    public String description() {
        return fields.string("description");
    }

    /** {@return the category ({@code llm}, {@code messaging}, …), or {@code null}} */
    public String category() {
        return fields.string("category");
    }

    /** {@return the logo's URL ({@code logo_url}), or {@code null}} */
    public String logoUrl() {
        return fields.string("logo_url");
    }

    /** {@return the brand colour ({@code brand_color}, for example {@code "#4285F4"}), or {@code null}} */
    public String brandColor() {
        return fields.string("brand_color");
    }

    /** {@return the documentation's URL ({@code docs_url}), or {@code null}} */
    public String docsUrl() {
        return fields.string("docs_url");
    }

    /**
     * {@return the profiles it supports ({@code supported_profiles}); {@code [defaultProfile]} when
     *     Vendo sent none, empty when it sent neither; unmodifiable}
     */
    public List<String> supportedProfiles() {
        if (fields.get("supported_profiles") instanceof List<?> list
                && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        String defaultProfile = defaultProfile();
        return defaultProfile == null ? List.of() : List.of(defaultProfile);
    }

    /** {@return the default profile ({@code default_profile}), or {@code null}} */
    public String defaultProfile() {
        return fields.string("default_profile");
    }

    /** {@return whether it is enabled ({@code false} when Vendo did not say)} */
    public boolean enabled() {
        return fields.isTrue("enabled");
    }

    /** {@return whether it is featured ({@code false} when Vendo did not say)} */
    public boolean featured() {
        return fields.isTrue("featured");
    }

    /** {@return every field Vendo sent that has no accessor here, as plain Java values; unmodifiable} */
    public Map<String, Object> attributes() {
        return fields.others(TYPED);
    }

    /** Equal when Vendo sent the same fields. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Integration i && fields.equals(i.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** Shows the slug, the name and the names of the other fields. */
    @Override
    public String toString() {
        return "Integration[slug=" + Redactor.printable(slug) + ", name=" + Redactor.printable(name()) + ", fields="
                + fields.names() + "]";
    }

}
