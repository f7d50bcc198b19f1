package run.vendo.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The integrations catalogue the emulator serves at {@code GET /api/integrations} and {@code GET
 * /api/integrations/{slug}} (404 for a slug it does not hold). It starts with the well-known
 * providers (google, gmail, notion, slack, openai, …), each with every documented field; replace
 * or add one with {@link #put(String)} as the exact JSON object to serve:
 *
 * <pre>{@code
 * vendo.integrations().put("""
 *         {"slug": "linear", "name": "Linear", "enabled": true, "logo_url": "javascript:alert(1)"}""");
 * vendo.integrations().remove("github");
 * }</pre>
 *
 * <p>Thread-safe; changes apply to the next request and survive {@link VendoEmulator#reset()}.
 */
public final class EmulatedIntegrations {

    private final Map<String, JsonObject> integrations = new LinkedHashMap<>();

    EmulatedIntegrations(String baseUrl) {
        for (String slug : ProviderCatalog.slugs()) {
            integrations.put(slug, standard(slug, baseUrl));
        }
    }

    private static JsonObject standard(String slug, String baseUrl) {
        JsonObjectBuilder b = Json.object()
                .add("slug", slug)
                .add("name", ProviderCatalog.displayName(slug))
                .add("description", "Connect " + ProviderCatalog.displayName(slug) + " through Vendo.")
                .add("category", ProviderCatalog.category(slug))
                .add("logo_url", ProviderCatalog.logoUrl(baseUrl, slug))
                .add("brand_color", ProviderCatalog.brandColor(slug));
        Json.addNullable(b, "docs_url", ProviderCatalog.docsUrl(slug));
        return b.add("supported_profiles", Json.array().add("default"))
                .add("default_profile", "default")
                .add("enabled", true)
                .add("featured", ProviderCatalog.featured(slug))
                .build();
    }

    /**
     * Adds or replaces an integration, served exactly as given: leave fields out or give them
     * odd values to see how a client copes.
     *
     * @param json one JSON object with a string {@code "slug"}
     * @return this catalogue
     * @throws IllegalArgumentException if {@code json} is not a JSON object with a string slug
     */
    public EmulatedIntegrations put(String json) {
        JsonObject integration = Json.userObject(json, "an integration");
        if (!(integration.get("slug") instanceof JsonString slug) || slug.getString().isBlank()) {
            throw new IllegalArgumentException("an integration needs a non-blank string \"slug\"");
        }
        synchronized (this) {
            integrations.put(slug.getString(), integration);
        }
        return this;
    }

    /**
     * Removes an integration: the list leaves it out and its lookup answers 404. Idempotent.
     *
     * @param slug the provider slug
     * @return this catalogue
     */
    public synchronized EmulatedIntegrations remove(String slug) {
        integrations.remove(Secrets.requireText(slug, "slug"));
        return this;
    }

    /**
     * Returns the slugs served, in list order.
     *
     * @return a copy of the slugs
     */
    public synchronized List<String> slugs() {
        return List.copyOf(integrations.keySet());
    }

    /** The integration of {@code slug}, or null. */
    synchronized JsonObject find(String slug) {
        return integrations.get(slug);
    }

    /** Every integration, in list order. */
    synchronized List<JsonObject> all() {
        return new ArrayList<>(integrations.values());
    }
}
