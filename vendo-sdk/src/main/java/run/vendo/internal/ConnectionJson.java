package run.vendo.internal;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.vendo.Connection;

/**
 * A {@link Connection} from one element of Vendo's connections list. Every field is kept; a link
 * that is not an absolute http(s) URL is dropped, so that one odd field never hides an identity's
 * other connections nor reaches a browser.
 */
final class ConnectionJson {

    private static final List<String> LINKS = List.of("setup_url", "logo_url", "docs_url", "base_url");

    private ConnectionJson() {}

    /** The connection; the caller has checked that {@code slug} is a string. */
    @SuppressWarnings("unchecked")
    static Connection read(JsonObject c) {
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) JsonSupport.plain(c));
        for (String link : LINKS) {
            if (fields.get(link) instanceof String url && WebUrls.absoluteHttp(url) == null) {
                fields.remove(link);
            }
        }
        return Connection.of(fields);
    }
}
