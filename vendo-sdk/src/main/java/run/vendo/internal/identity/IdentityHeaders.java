package run.vendo.internal.identity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import run.vendo.VendoHeaders;
import run.vendo.errors.AuthError;
import run.vendo.errors.ErrorCodes;
import run.vendo.internal.text.ControlCharacters;
import run.vendo.internal.text.ErrorText;

/**
 * Reads the identity headers that Vendo's proxy adds to a request, without any servlet type: the
 * one reader behind the core's {@code forRequest} and {@code sso()} and the Jakarta filter.
 *
 * <ul>
 *   <li>header names match without regard to case;
 *   <li>surrounding spaces and tabs are ignored, nothing else: a CR, LF or NUL stays and is refused;
 *   <li>a blank value counts as absent; identical repeats are one value; two different values are
 *       an {@link AuthError} ({@code identity_invalid}), never resolved by picking one;
 *   <li>the token must pass {@link JwtShape}; the other values must be at most {@value
 *       #MAX_VALUE_LENGTH} characters without control characters (C0, DEL or C1).
 * </ul>
 * Messages name the header, never its value. The lookups and {@link #single(Function, String,
 * Function)} also serve Vendo's other request headers (a webhook's), which are not identity problems.
 */
public final class IdentityHeaders {

    /** The longest value accepted for the headers other than the token, in characters. */
    public static final int MAX_VALUE_LENGTH = 1024;

    private IdentityHeaders() {}

    /**
     * What the proxy's headers of one request say; each value is {@code null} when absent.
     * {@link #toString()} shows neither the token nor the e-mail address or name.
     *
     * @param jwt {@code X-Vendo-User-JWT}, shape-checked
     * @param userId {@code X-Vendo-User-Id}
     * @param email {@code X-Vendo-User-Email}
     * @param name {@code X-Vendo-User-Name}
     * @param tenantId {@code X-Vendo-Tenant-Id}
     * @param role {@code X-Vendo-Role}
     */
    public record ProxyHeaders(String jwt, String userId, String email, String name, String tenantId, String role) {

        /** The headers of a request that carries none. */
        public static final ProxyHeaders NONE = new ProxyHeaders(null, null, null, null, null, null);

        /**
         * Tells whether the headers name a user: a token, or (single sign-on without one) a user id.
         *
         * @return {@code true} when {@link #jwt()} or {@link #userId()} is present
         */
        public boolean namesUser() {
            return jwt != null || userId != null;
        }

        @Override
        public String toString() {
            return "ProxyHeaders[userId=" + userId + ", tenantId=" + tenantId + ", role=" + role
                    + ", jwt=" + (jwt == null ? "none" : "<redacted>") + "]";
        }
    }

    /**
     * Reads every identity header of a request.
     *
     * @param headers returns every value of the named header (the lookup matches names without
     *     regard to case), or {@code null} or an empty collection when it is absent
     * @return the headers, {@link ProxyHeaders#NONE} when the request carries none
     * @throws AuthError ({@code identity_invalid}) for a malformed or ambiguous value
     */
    public static ProxyHeaders read(Function<String, ? extends Collection<?>> headers) {
        String jwt = single(headers, VendoHeaders.USER_JWT);
        if (jwt != null) {
            String problem = JwtShape.problem(jwt);
            if (problem != null) {
                throw invalid("the " + VendoHeaders.USER_JWT + " header " + problem + ", so it is not a JWT");
            }
        }
        String userId = text(headers, VendoHeaders.USER_ID);
        String email = text(headers, VendoHeaders.USER_EMAIL);
        String name = text(headers, VendoHeaders.USER_NAME);
        String tenantId = text(headers, VendoHeaders.TENANT_ID);
        String role = text(headers, VendoHeaders.ROLE);
        if (jwt == null && userId == null && email == null && name == null && tenantId == null && role == null) {
            return ProxyHeaders.NONE;
        }
        return new ProxyHeaders(jwt, userId, email, name, tenantId, role);
    }

    /**
     * Returns the one value of a header in a map whose keys may differ from the header's name in
     * case; a value may be a {@code CharSequence}, a {@code Collection} or an array of them.
     *
     * @param headers the request headers
     * @param name the header name
     * @return the value, or {@code null} when absent or blank
     * @throws AuthError ({@code identity_invalid}) when it has two different values
     * @throws IllegalArgumentException for a value of another type
     */
    public static String single(Map<String, ?> headers, String name) {
        return single(lookup(headers), name);
    }

    /**
     * Returns the one value of a header.
     *
     * @param headers returns every value of the named header, or {@code null} or an empty collection
     * @param name the header name
     * @return the value, spaces and tabs trimmed, or {@code null} when absent or blank
     * @throws AuthError ({@code identity_invalid}) when it has two different values
     */
    public static String single(Function<String, ? extends Collection<?>> headers, String name) {
        return single(headers, name, IdentityHeaders::invalid);
    }

    /**
     * Returns the one value of a header by the same rules, with the caller's error for two
     * different values: for a header that is not an identity header (a webhook's), ambiguity is not
     * an {@link AuthError}.
     *
     * @param headers returns every value of the named header, or {@code null} or an empty collection
     * @param name the header name
     * @param ambiguous makes the error thrown for two different values, from a reason naming the header
     * @return the value, spaces and tabs trimmed, or {@code null} when absent or blank
     */
    public static String single(Function<String, ? extends Collection<?>> headers, String name,
            Function<String, ? extends RuntimeException> ambiguous) {
        Collection<?> values = headers.apply(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String found = null;
        for (Object value : values) {
            String trimmed = value == null ? "" : trimSpaces(value.toString());
            if (trimmed.isEmpty() || trimmed.equals(found)) {
                continue;
            }
            if (found != null) {
                throw ambiguous.apply("the request carries two different " + name
                        + " values, and none is chosen");
            }
            found = trimmed;
        }
        return found;
    }

    /**
     * Reads a header value as the UTF-8 that Vendo's proxy sends. Servlet containers decode header
     * bytes as ISO-8859-1, which turns "Jürgen" into "JÃ¼rgen" and some UTF-8 bytes into C1
     * controls: such a value is decoded again from its bytes. A value that is plain ASCII, holds
     * characters beyond ISO-8859-1 (already decoded) or is not valid UTF-8 is returned as it is.
     *
     * @param value a header value as a container returned it
     * @return the value as the proxy meant it
     */
    public static String fromWire(String value) {
        boolean ascii = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value;
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return value;
        }
    }

    /** Strips spaces and tabs only, so that a CR, LF or NUL stays visible to the checks. */
    public static String trimSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    private static String text(Function<String, ? extends Collection<?>> headers, String name) {
        String value = single(headers, name);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw invalid("the " + name + " header is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && ControlCharacters.isControl(c)) {
                throw invalid("the " + name + " header contains a control character");
            }
        }
        return value;
    }

    /**
     * A header lookup over a map whose keys may differ from the header's name in case; a value may
     * be a {@code CharSequence}, a {@code Collection} or an array of them.
     *
     * @param headers the request headers
     * @return a lookup of every value of the named header (empty when absent); it throws {@link
     *     IllegalArgumentException} for a value of another type
     */
    public static Function<String, List<Object>> lookup(Map<String, ?> headers) {
        Objects.requireNonNull(headers, "headers");
        return name -> {
            List<Object> values = new ArrayList<>(1);
            for (Map.Entry<String, ?> entry : headers.entrySet()) {
                if (name.equalsIgnoreCase(entry.getKey())) {
                    collect(name, entry.getValue(), values);
                }
            }
            return values;
        };
    }

    /**
     * A header lookup over a function that returns one value per name, such as {@code
     * request::getHeader}.
     *
     * @param header returns the named header's value, or {@code null}
     * @return a lookup of the named header's value (empty when absent)
     */
    public static Function<String, List<String>> lookup(Function<String, String> header) {
        Objects.requireNonNull(header, "header");
        return name -> {
            String value = header.apply(name);
            return value == null ? List.of() : List.of(value);
        };
    }

    private static void collect(String name, Object value, List<Object> into) {
        if (value == null) {
            return;
        }
        if (value instanceof CharSequence) {
            into.add(value);
        } else if (value instanceof Collection<?> many) {
            many.forEach(v -> collect(name, v, into));
        } else if (value instanceof Object[] many) {
            for (Object v : many) {
                collect(name, v, into);
            }
        } else {
            throw new IllegalArgumentException("Unsupported value type for header " + name + ": "
                    + value.getClass().getName() + " (use String, Collection or String[])");
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static AuthError invalid(String reason) {
        return new AuthError(ErrorCodes.IDENTITY_INVALID, ErrorText.IDENTITY_INVALID.with(": " + reason));
    }
}
