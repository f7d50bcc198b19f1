package run.vendo.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import run.vendo.Vendo;
import run.vendo.errors.AuthError;
import run.vendo.errors.IdentityNotPresent;

/**
 * Finds the one {@code X-Vendo-User-JWT} value of a request: names match without regard to case,
 * blank values count as absent, identical repeats are one value, and different values are an
 * error rather than a choice.
 */
final class UserJwtHeader {

    private UserJwtHeader() {}

    static String from(Map<String, ?> headers) {
        if (headers == null) {
            throw notPresent();
        }
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, ?> entry : headers.entrySet()) {
            if (Vendo.USER_JWT_HEADER.equalsIgnoreCase(entry.getKey())) {
                collect(entry.getValue(), values);
            }
        }
        return single(values);
    }

    static String from(Function<String, String> header) {
        if (header == null) {
            throw notPresent();
        }
        List<String> values = new ArrayList<>(1);
        collect(header.apply(Vendo.USER_JWT_HEADER), values);
        return single(values);
    }

    private static void collect(Object value, List<String> into) {
        if (value == null) {
            return;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString();
            if (!s.isBlank()) {
                into.add(s.strip());
            }
        } else if (value instanceof Collection<?> many) {
            for (Object v : many) {
                collect(v, into);
            }
        } else if (value instanceof Object[] many) {
            for (Object v : many) {
                collect(v, into);
            }
        } else {
            throw new IllegalArgumentException("Unsupported value type for header " + Vendo.USER_JWT_HEADER + ": "
                    + value.getClass().getName() + " (use String, Collection or String[])");
        }
    }

    private static String single(List<String> values) {
        if (values.isEmpty()) {
            throw notPresent();
        }
        String first = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            if (!first.equals(values.get(i))) {
                throw new AuthError(UserJwtParser.INVALID, "The request carries " + Vendo.USER_JWT_HEADER
                        + " more than once with different values; refusing to choose one.");
            }
        }
        return first;
    }

    private static IdentityNotPresent notPresent() {
        return new IdentityNotPresent("identity_not_present", "The request has no " + Vendo.USER_JWT_HEADER
                + " header: it did not come through Vendo's proxy, or the user is not signed in.");
    }
}
