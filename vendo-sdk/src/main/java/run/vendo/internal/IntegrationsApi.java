package run.vendo.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import run.vendo.Integration;

/**
 * Vendo's integrations catalogue: {@code GET {baseUrl}/api/integrations} and {@code
 * /api/integrations/{slug}}. The shape is checked (a list of objects with a {@code slug}); the
 * fields are read leniently: one of another type counts as absent, and a link that is not an
 * absolute http(s) URL is left out.
 */
final class IntegrationsApi {

    private final ClientSettings settings;
    private final VendoHttp http;

    IntegrationsApi(ClientSettings settings, VendoHttp http) {
        this.settings = settings;
        this.http = http;
    }

    List<Integration> list(UserIdentity identity) {
        JsonObject body = http.getJson(URI.create(settings.baseUrl() + "/api/integrations"), identity, null);
        if (!(body.get("integrations") instanceof JsonArray array)) {
            throw WireJson.invalid("the answer has no 'integrations' array", null);
        }
        List<Integration> integrations = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject integration)) {
                throw WireJson.invalid("an integration is not an object with a 'slug'", null);
            }
            integrations.add(read(integration, null));
        }
        return List.copyOf(integrations);
    }

    /** The integration, or empty when Vendo answers 404. */
    Optional<Integration> find(String slug, UserIdentity identity) {
        URI uri = URI.create(settings.baseUrl() + "/api/integrations/" + CredentialsApi.encode(slug));
        return http.getJsonUnlessNotFound(uri, identity, slug).map(integration -> read(integration, slug));
    }

    private static Integration read(JsonObject i, String requested) {
        String slug = JsonSupport.string(i, "slug");
        if (slug == null) {
            throw WireJson.invalid("an integration is not an object with a 'slug'", requested);
        }
        String defaultProfile = JsonSupport.string(i, "default_profile");
        List<String> profiles = WireJson.optionalStrings(i, "supported_profiles");
        if (profiles == null) {
            profiles = defaultProfile == null ? List.of() : List.of(defaultProfile);
        }
        return new Integration(
                slug,
                JsonSupport.string(i, "name"),
                JsonSupport.string(i, "description"),
                JsonSupport.string(i, "category"),
                WebUrls.absoluteHttp(JsonSupport.string(i, "logo_url")),
                JsonSupport.string(i, "brand_color"),
                WebUrls.absoluteHttp(JsonSupport.string(i, "docs_url")),
                profiles,
                defaultProfile,
                WireJson.optionalBoolean(i, "enabled", false),
                WireJson.optionalBoolean(i, "featured", false));
    }
}
