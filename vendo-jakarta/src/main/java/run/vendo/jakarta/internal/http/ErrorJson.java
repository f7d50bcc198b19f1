package run.vendo.jakarta.internal.http;

import java.time.Duration;

/**
 * Writes Vendo's error body, {@code {"error":{"code":…,"message":…,…}}}, leaving out absent fields,
 * as {@link AsciiJson}.
 */
public final class ErrorJson {

    private ErrorJson() {}

    /**
     * Builds an error body.
     *
     * @param code the error code
     * @param message the message
     * @param slug the provider slug, or null
     * @param connectUrl the connect URL, or null
     * @param retryAfter the retry delay, or null
     * @param suggestedFix the hint, or null
     * @return the JSON text, pure ASCII
     */
    public static String of(
            String code, String message, String slug, String connectUrl, Duration retryAfter, String suggestedFix) {
        return AsciiJson.write(json -> {
            json.writeStartObject().writeStartObject("error")
                    .write("code", code == null ? "" : code)
                    .write("message", message == null ? "" : message);
            if (slug != null) {
                json.write("slug", slug);
            }
            if (connectUrl != null) {
                json.write("connect_url", connectUrl);
            }
            if (retryAfter != null) {
                json.write("retry_after", seconds(retryAfter));
            }
            if (suggestedFix != null) {
                json.write("suggested_fix", suggestedFix);
            }
            json.writeEnd().writeEnd();
        });
    }

    /**
     * Rounds a delay up to whole seconds, as {@code Retry-After} wants.
     *
     * @param d the delay
     * @return the seconds, at least 0
     */
    public static long seconds(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }
}
