package run.vendo.internal.token;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.vendo.Connection;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.http.VendoHttp;
import run.vendo.internal.identity.UserIdentity;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.json.WebUrls;
import run.vendo.internal.json.WireJson;
import run.vendo.internal.json.WireTime;
import run.vendo.internal.text.ControlCharacters;

/** Vendo's endpoints: the credentials worker's token lookups and the connections list. */
public final class CredentialsApi {

    /** The links of a connection: one that is not an absolute http(s) URL is left out, the rest kept. */
    private static final List<String> CONNECTION_LINKS = List.of("setup_url", "logo_url", "docs_url", "base_url");

    private final ClientSettings settings;
    private final VendoHttp http;
    private final TokenCache cache;

    public CredentialsApi(ClientSettings settings, VendoHttp http, TokenCache cache) {
        this.settings = settings;
        this.http = http;
        this.cache = cache;
    }

    /** {@code GET {credentialsUrl}/{slug}}. */
    public TokenCache.Entry fetchToken(String slug, UserIdentity identity) {
        URI uri = URI.create(settings.credentialsUrl() + "/" + encode(slug));
        return toEntry(http.getJson(uri, identity, slug), slug);
    }

    /**
     * {@code GET {credentialsUrl}/_bulk?slugs=a,b}: the entries of the slugs that resolved; a
     * {@code null} (or absent) slug did not.
     */
    public Map<String, TokenCache.Entry> fetchTokens(Collection<String> slugs, UserIdentity identity) {
        StringBuilder query = new StringBuilder();
        for (String slug : slugs) {
            query.append(query.length() == 0 ? "" : ",").append(encode(slug));
        }
        URI uri = URI.create(settings.credentialsUrl() + "/_bulk?slugs=" + query);
        JsonObject body = http.getJson(uri, identity, null);
        if (!(body.get("tokens") instanceof JsonObject tokens)) {
            throw WireJson.invalid("the bulk answer has no 'tokens' object", null);
        }
        Map<String, TokenCache.Entry> entries = new LinkedHashMap<>();
        for (String slug : slugs) {
            JsonValue value = tokens.get(slug);
            if (value instanceof JsonObject token) {
                entries.put(slug, toEntry(token, slug));
            } else if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                throw WireJson.invalid("the bulk answer for a slug is neither an object nor null", slug);
            }
        }
        return entries;
    }

    /** {@code GET {baseUrl}/api/deployments/me/connections}. */
    public List<Connection> listConnections(UserIdentity identity) {
        URI uri = URI.create(settings.baseUrl() + "/api/deployments/me/connections");
        JsonObject body = http.getJson(uri, identity, null);
        if (!(body.get("connections") instanceof JsonArray array)) {
            throw WireJson.invalid("the answer has no 'connections' array", null);
        }
        List<Connection> connections = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (!(value instanceof JsonObject c) || JsonSupport.string(c, "slug") == null) {
                throw WireJson.invalid("a connection is not an object with a 'slug'", null);
            }
            connections.add(Connection.of(WebUrls.fieldsWithSafeLinks(c, CONNECTION_LINKS)));
        }
        return List.copyOf(connections);
    }

    private TokenCache.Entry toEntry(JsonObject token, String slug) {
        String accessToken = JsonSupport.string(token, "access_token");
        if (accessToken == null || accessToken.isEmpty()) {
            throw WireJson.invalid("the answer has no 'access_token'", slug);
        }
        if (ControlCharacters.hasControl(accessToken)) {
            // It goes into an Authorization header: CR/LF there would split the request.
            throw WireJson.invalid("the 'access_token' holds control characters", slug);
        }
        JsonValue expires = token.get("expires_at");
        Instant expiresAt = null;
        if (expires instanceof JsonString s) {
            expiresAt = WireTime.instant(s.getString());
            if (expiresAt == null) {
                throw WireJson.invalid("'expires_at' is not an ISO-8601 instant", slug);
            }
        } else if (expires != null && expires.getValueType() != JsonValue.ValueType.NULL) {
            throw WireJson.invalid("'expires_at' is neither a string nor null", slug);
        }
        return cache.entry(accessToken, expiresAt);
    }

    /** Percent-encodes a slug as one path segment or query item. */
    public static String encode(String slug) {
        return URLEncoder.encode(slug, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
