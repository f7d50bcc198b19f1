package run.vendo.internal;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import run.vendo.Connection;

/**
 * A {@link Connection} from one element of Vendo's connections list. Lenient on purpose: a field of
 * an unexpected type, an unreadable {@code connected_at} or a link that is not an absolute http(s)
 * URL counts as absent, so that one odd field never hides an identity's other connections.
 */
final class ConnectionJson {

    /** The fields with a component of their own; all others go to {@link Connection#attributes()}. */
    private static final Set<String> TYPED = Set.of("id", "slug", "display_name", "category", "profile", "status",
            "setup_url", "error_message", "connected_at", "logo_url", "brand_color", "docs_url", "external_id",
            "metadata", "env_bootstrap");

    private ConnectionJson() {}

    /** The connection; the caller has checked that {@code slug} is a string. */
    static Connection read(JsonObject c) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> field : c.entrySet()) {
            if (!TYPED.contains(field.getKey())) {
                attributes.put(field.getKey(), JsonSupport.plain(field.getValue()));
            }
        }
        return new Connection(
                JsonSupport.string(c, "id"),
                JsonSupport.string(c, "slug"),
                JsonSupport.string(c, "display_name"),
                JsonSupport.string(c, "category"),
                JsonSupport.string(c, "profile"),
                JsonSupport.string(c, "status"),
                WebUrls.absoluteHttp(JsonSupport.string(c, "setup_url")),
                JsonSupport.string(c, "error_message"),
                instant(JsonSupport.string(c, "connected_at")),
                WebUrls.absoluteHttp(JsonSupport.string(c, "logo_url")),
                JsonSupport.string(c, "brand_color"),
                WebUrls.absoluteHttp(JsonSupport.string(c, "docs_url")),
                JsonSupport.string(c, "external_id"),
                WireJson.optionalObject(c, "metadata"),
                WireJson.optionalObject(c, "env_bootstrap"),
                attributes);
    }

    /** An ISO-8601 date-time with {@code Z} or an offset ({@code 2026-05-20T15:00:00.123+00:00}), else null. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
