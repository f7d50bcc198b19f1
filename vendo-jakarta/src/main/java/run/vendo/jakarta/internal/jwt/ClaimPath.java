package run.vendo.jakarta.internal.jwt;

import java.util.Map;

/** Finds a claim by a dotted path, {@code app_metadata.tenant_id} for example. */
public final class ClaimPath {

    private ClaimPath() {}

    /**
     * Returns the value at a path.
     *
     * @param claims the claims, as plain Java values
     * @param path claim names separated by dots, each step but the last naming a JSON object
     * @return the value, or {@code null} when a step is missing or does not name an object
     */
    public static Object find(Map<String, ?> claims, String path) {
        Object value = claims;
        for (String step : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(step);
        }
        return value;
    }
}
