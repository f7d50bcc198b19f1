package run.vendo.jakarta.internal;

import java.time.Duration;

/**
 * Writes Vendo's error body, {@code {"error":{"code":…,"message":…,…}}}, leaving out absent fields.
 * Output is pure ASCII (everything else escaped), so it reads the same whatever charset a container
 * assumes.
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
     * @return the JSON text
     */
    public static String of(
            String code, String message, String slug, String connectUrl, Duration retryAfter, String suggestedFix) {
        StringBuilder sb = new StringBuilder(128).append("{\"error\":{");
        field(sb, "code", code, false);
        field(sb, "message", message, true);
        if (slug != null) {
            field(sb, "slug", slug, true);
        }
        if (connectUrl != null) {
            field(sb, "connect_url", connectUrl, true);
        }
        if (retryAfter != null) {
            sb.append(",\"retry_after\":").append(seconds(retryAfter));
        }
        if (suggestedFix != null) {
            field(sb, "suggested_fix", suggestedFix, true);
        }
        return sb.append("}}").toString();
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

    private static void field(StringBuilder sb, String name, String value, boolean comma) {
        if (comma) {
            sb.append(',');
        }
        sb.append('"').append(name).append("\":");
        quote(sb, value == null ? "" : value);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
