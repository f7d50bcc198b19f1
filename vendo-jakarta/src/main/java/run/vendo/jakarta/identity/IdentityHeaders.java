package run.vendo.jakarta.identity;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the identity headers that Vendo's proxy adds to each request, without any servlet type, so
 * that it can be used (and tested) with any header source.
 *
 * <p>Rules:
 * <ul>
 *   <li>a blank value counts as absent; surrounding spaces and tabs are ignored;
 *   <li>no {@value #USER_JWT} value: {@link IdentityResult.Absent}, whatever the other headers say;
 *   <li>two different values of one header (identical repeats are fine): rejected, never resolved
 *       by picking one;
 *   <li>the token must pass {@link JwtShape}: at most {@value JwtShape#MAX_LENGTH} characters,
 *       printable ASCII, three non-empty base64url segments;
 *   <li>the other headers must be at most {@value #MAX_VALUE_LENGTH} characters without control
 *       characters.
 * </ul>
 * A rejection is a 401 with code {@code identity_invalid}; its message names the header, never its
 * value.
 *
 * <pre>{@code
 * IdentityResult result = IdentityHeaders.read(name -> Collections.list(request.getHeaders(name)));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class IdentityHeaders {

    /** The end user's identity token. */
    public static final String USER_JWT = "X-Vendo-User-JWT";

    /** The end user's id. */
    public static final String USER_ID = "X-Vendo-User-Id";

    /** The end user's e-mail address. */
    public static final String USER_EMAIL = "X-Vendo-User-Email";

    /** The end user's display name. */
    public static final String USER_NAME = "X-Vendo-User-Name";

    /** The tenant the deployment runs for. */
    public static final String TENANT_ID = "X-Vendo-Tenant-Id";

    /** The end user's role in the tenant. */
    public static final String ROLE = "X-Vendo-Role";

    /** The longest value accepted for the headers other than the token, in characters. */
    public static final int MAX_VALUE_LENGTH = 1024;

    private IdentityHeaders() {}

    /**
     * Reads the identity of a request.
     *
     * @param headers returns every value of the named header (matched without regard to case), or
     *     {@code null} or an empty collection when it is absent
     * @return absent, present, or rejected; never {@code null}
     */
    public static IdentityResult read(Function<String, ? extends Collection<String>> headers) {
        Single jwt = single(headers, USER_JWT);
        if (jwt.conflict) {
            return IdentityResult.invalid("The request carries two different " + USER_JWT + " values.");
        }
        if (jwt.value == null) {
            return IdentityResult.ABSENT;
        }
        String shapeProblem = JwtShape.problem(jwt.value);
        if (shapeProblem != null) {
            return IdentityResult.invalid("The " + USER_JWT + " header " + shapeProblem + ": it is not a JWT.");
        }
        String[] values = new String[5];
        String[] names = {USER_ID, USER_EMAIL, USER_NAME, TENANT_ID, ROLE};
        for (int i = 0; i < names.length; i++) {
            Single header = single(headers, names[i]);
            if (header.conflict) {
                return IdentityResult.invalid("The request carries two different " + names[i] + " values.");
            }
            String problem = header.value == null ? null : valueProblem(header.value);
            if (problem != null) {
                return IdentityResult.invalid("The " + names[i] + " header " + problem + ".");
            }
            values[i] = header.value;
        }
        return new IdentityResult.Present(
                new RequestIdentity(jwt.value, values[0], values[1], values[2], values[3], values[4], Map.of(), false));
    }

    private static String valueProblem(String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return "is longer than " + MAX_VALUE_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return "contains a control character";
            }
        }
        return null;
    }

    /** The one non-blank value of a header, or a conflict. */
    private static final class Single {
        final String value;
        final boolean conflict;

        Single(String value, boolean conflict) {
            this.value = value;
            this.conflict = conflict;
        }
    }

    private static final Single NONE = new Single(null, false);
    private static final Single CONFLICT = new Single(null, true);

    private static Single single(Function<String, ? extends Collection<String>> headers, String name) {
        Collection<String> raw = headers.apply(name);
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        String found = null;
        for (String value : raw) {
            String trimmed = value == null ? "" : trimSpaces(value);
            if (trimmed.isEmpty() || trimmed.equals(found)) {
                continue;
            }
            if (found != null) {
                return CONFLICT;
            }
            found = trimmed;
        }
        return found == null ? NONE : new Single(found, false);
    }

    /** Strips spaces and tabs only, so that a CR, LF or NUL stays visible to the checks. */
    private static String trimSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
