package run.vendo;

import java.util.List;
import java.util.Objects;

/**
 * One integration of {@link Integrations}.
 *
 * <p>Links ({@link #logoUrl()}, {@link #docsUrl()}) are only ever absolute {@code http} or {@code
 * https} URLs: any other value Vendo sent is left out. A field of another JSON type than the one
 * documented here counts as absent.
 *
 * @param slug the provider slug
 * @param name the display name, or {@code null}
 * @param description a description, or {@code null}
 * @param category the category, or {@code null}
 * @param logoUrl the logo's URL ({@code logo_url}), or {@code null}
 * @param brandColor the brand colour ({@code brand_color}, for example {@code "#4285F4"}), or
 *     {@code null}
 * @param docsUrl the documentation's URL ({@code docs_url}), or {@code null}
 * @param supportedProfiles the profiles it supports ({@code supported_profiles}); {@code
 *     [defaultProfile]} when Vendo sent none, empty when it sent neither; unmodifiable
 * @param defaultProfile the default profile ({@code default_profile}), or {@code null}
 * @param enabled whether it is enabled ({@code false} when Vendo did not say)
 * @param featured whether it is featured ({@code false} when Vendo did not say)
 * @since 0.2.0
 */
public record Integration(
        String slug,
        String name,
        String description,
        String category,
        String logoUrl,
        String brandColor,
        String docsUrl,
        List<String> supportedProfiles,
        String defaultProfile,
        boolean enabled,
        boolean featured) {

    /**
     * Creates an integration.
     *
     * @throws NullPointerException if {@code slug} is null
     */
    public Integration {
        Objects.requireNonNull(slug, "slug");
        supportedProfiles = supportedProfiles == null ? List.of() : List.copyOf(supportedProfiles);
    }
}
