package run.vendo;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import run.vendo.internal.json.WireTime;
import run.vendo.internal.text.Redactor;

/**
 * The fields of one JSON object Vendo sent, as plain Java values, every one kept: typed reads
 * count a field of another JSON type as absent, and the fields without an accessor of their own
 * stay reachable. The one home of how {@link Connection} and {@link Integration} read their fields.
 */
final class WireFields {

    private final Map<String, Object> fields;

    WireFields(Map<String, ?> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    Object get(String name) {
        return fields.get(name);
    }

    /** A string field, or {@code null} when it is absent or not a string. */
    String string(String name) {
        return fields.get(name) instanceof String s ? s : null;
    }

    /** A date-time field as {@link WireTime} reads it; {@code null} when absent, not a string or not a date-time. */
    Instant instant(String name) {
        return WireTime.instant(string(name));
    }

    /** Whether a boolean field is {@code true}; absent or of another type is {@code false}. */
    boolean isTrue(String name) {
        return Boolean.TRUE.equals(fields.get(name));
    }

    /** An object field, unmodifiable; empty when it is absent or not an object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        return fields.get(name) instanceof Map<?, ?> map ? Collections.unmodifiableMap((Map<String, Object>) map)
                : Map.of();
    }

    /** The fields not named in {@code typed}, unmodifiable. */
    Map<String, Object> others(Set<String> typed) {
        Map<String, Object> others = new LinkedHashMap<>(fields);
        others.keySet().removeAll(typed);
        return Collections.unmodifiableMap(others);
    }

    /** The names of the fields, for a {@code toString()}: never their values. */
    String names() {
        return Redactor.printable(fields.keySet().toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireFields w && fields.equals(w.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }
}
