package run.vendo.internal.json;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one rule for a link that came from a server and may be shown to a user or opened in a
 * browser (a connect URL, a setup URL, a logo): only an absolute {@code http} or {@code https} URL
 * is passed on, so that no {@code javascript:}, {@code data:} or relative link an upstream chose
 * ever reaches the application as one.
 */
public final class WebUrls {

    /** The longest URL passed on; a longer one would be cut short by the scrubbing of messages. */
    static final int MAX_LENGTH = 500;

    private WebUrls() {}

    /**
     * The URL as sent when it is an absolute {@code http} or {@code https} URL with a host, no user
     * info and at most {@value #MAX_LENGTH} characters; otherwise {@code null}.
     */
    public static String absoluteHttp(String url) {
        if (url == null || url.length() > MAX_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && uri.getHost() != null && uri.getRawUserInfo() == null ? url : null;
        } catch (URISyntaxException notAUrl) {
            return null;
        }
    }

    /**
     * The members of a JSON object as plain Java, less each of {@code links} that is a string but not
     * a link {@link #absoluteHttp} passes on: every other field is kept as sent.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> fieldsWithSafeLinks(JsonObject object, List<String> links) {
        Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) JsonSupport.plain(object));
        for (String link : links) {
            if (fields.get(link) instanceof String url && absoluteHttp(url) == null) {
                fields.remove(link);
            }
        }
        return fields;
    }
}
