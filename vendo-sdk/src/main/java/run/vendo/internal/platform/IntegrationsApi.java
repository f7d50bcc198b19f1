package run.vendo.internal.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import run.vendo.Integration;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.http.VendoHttp;
import run.vendo.internal.identity.UserIdentity;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.json.WebUrls;
import run.vendo.internal.json.WireJson;
import run.vendo.internal.token.CredentialsApi;

/**
 * Vendo's integrations catalogue: {@code GET {baseUrl}/api/integrations} and {@code
 * /api/integrations/{slug}}. Both documented shapes of the list are read: {@code {"integrations":
 * [...]}} (anonymous) and a bare array (signed in); an entry names its slug as {@code provider}
 * (canonical) or {@code slug}. Every field is kept; a link that is not an absolute http(s) URL is
 * left out.
 */
public final class IntegrationsApi {

    private static final List<String> LINKS = List.of("logo_url", "docs_url");

    private final ClientSettings settings;
    private final VendoHttp http;

    public IntegrationsApi(ClientSettings settings, VendoHttp http) {
        this.settings = settings;
        this.http = http;
    }

    public List<Integration> list(UserIdentity identity) {
        JsonStructure body = http.getJsonStructure(URI.create(settings.baseUrl() + "/api/integrations"), identity);
        JsonArray array;
        if (body instanceof JsonArray bare) {
            array = bare;
        } else if (body instanceof JsonObject object && object.get("integrations") instanceof JsonArray wrapped) {
            array = wrapped;
        } else {
            throw WireJson.invalid("the answer is neither an array nor an object with an 'integrations' array", null);
        }
        List<Integration> integrations = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject integration)) {
                throw WireJson.invalid("an integration is not an object", null);
            }
            integrations.add(read(integration, null));
        }
        return List.copyOf(integrations);
    }

    /** The integration, or empty when Vendo answers 404. */
    public Optional<Integration> find(String slug, UserIdentity identity) {
        URI uri = URI.create(settings.baseUrl() + "/api/integrations/" + CredentialsApi.encode(slug));
        return http.getJsonUnlessNotFound(uri, identity, slug).map(integration -> read(integration, slug));
    }

    private static Integration read(JsonObject i, String requested) {
        if (JsonSupport.string(i, "provider") == null && JsonSupport.string(i, "slug") == null) {
            throw WireJson.invalid("an integration has neither a 'provider' nor a 'slug'", requested);
        }
        return Integration.of(WebUrls.fieldsWithSafeLinks(i, LINKS));
    }
}
