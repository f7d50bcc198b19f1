package run.vendo.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public integrations catalogue the emulator serves at {@code GET /api/integrations} ({@code
 * {"integrations": [rows]}}) and {@code GET /api/integrations/{slug}} (the row itself; 404 {@code
 * {"message": "Not found"}} for a slug it does not hold), to anyone, as Vendo serves anonymous
 * callers. It starts with the emulator's well-known providers (google, gmail, notion, slack,
 * telegram, github, supabase, openai, …), each a row of the docs' canonical shape: {@code provider},
 * {@code name}, {@code description}, {@code category}, {@code default_profile}, {@code
 * supported_profiles}, {@code logo_url}, {@code icon_name}, {@code docs_url} and {@code
 * env_bootstrap}. Replace or add one with {@link #put(String)} as the exact JSON object to serve:
 *
 * <pre>{@code
 * vendo.integrations().put("""
 *         {"provider": "linear", "name": "Linear", "logo_url": "javascript:alert(1)"}""");
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

    /** The canonical anonymous row of a catalogued provider, as {@code rowToCanonical()} shapes it. */
    private static JsonObject standard(String slug, String baseUrl) {
        String profile = ProviderCatalog.defaultProfile(slug);
        JsonObjectBuilder b = Json.object()
                .add("provider", slug)
                .add("name", ProviderCatalog.displayName(slug))
                .add("description", ProviderCatalog.description(slug))
                .add("category", ProviderCatalog.category(slug))
                .add("default_profile", profile)
                .add("supported_profiles", Json.array().add(profile))
                .add("logo_url", ProviderCatalog.logoUrl(baseUrl, slug))
                .addNull("icon_name");
        Json.addNullable(b, "docs_url", ProviderCatalog.docsUrl(slug));
        return b.add("env_bootstrap", ProviderCatalog.envBootstrap(slug)).build();
    }

    /**
     * Adds or replaces an integration, served exactly as given: leave fields out or give them
     * odd values to see how a client copes. The row is filed under its {@code "provider"}, or, for a
     * row in another shape, its {@code "slug"}.
     *
     * @param json one JSON object with a non-blank string {@code "provider"} (or {@code "slug"})
     * @return this catalogue
     * @throws IllegalArgumentException if {@code json} is not a JSON object with such a field
     */
    public EmulatedIntegrations put(String json) {
        JsonObject integration = Json.userObject(json, "an integration");
        String key = integration.get("provider") instanceof JsonString provider ? provider.getString()
                : integration.get("slug") instanceof JsonString slug ? slug.getString() : null;
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an integration needs a non-blank string \"provider\"");
        }
        synchronized (this) {
            integrations.put(key, integration);
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
