package run.vendo.internal.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import run.vendo.errors.AuthError;
import run.vendo.errors.ErrorCodes;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.text.ErrorText;

/**
 * Checks the shape and time of an end user's identity token: three non-empty canonical base64url
 * segments, a JSON-object header naming an algorithm other than {@code none}, a JSON-object payload
 * with an {@code exp} that has not passed and no {@code nbf} in the future (both with a small
 * leeway), and a lifetime ({@code exp - iat}, {@code exp - now}) of at most {@link
 * JwtShape#DEFAULT_MAX_LIFETIME}. The signature is not checked here; that needs the issuer's keys
 * (the Jakarta filter does it).
 */
public final class UserJwtParser {

    /** Clock skew tolerated on {@code exp} and {@code nbf}: the most allowed, as in the Jakarta filter's default. */
    static final Duration LEEWAY = JwtShape.MAX_LEEWAY;

    /** The longest lifetime accepted: the core has no settings, the default applies. */
    static final Duration MAX_LIFETIME = JwtShape.DEFAULT_MAX_LIFETIME;

    private final Clock clock;
    /** Tokens recently parsed; a user sends the same one on every request until it expires. */
    private final Cache<String, UserIdentity> parsed;

    /**
     * @param clock the time the checks use
     * @param remembered how many parsed tokens to keep: the token cache's bound, so that a user
     *     whose token is cached is not parsed again on every request
     */
    public UserJwtParser(Clock clock, long remembered) {
        this.clock = clock;
        this.parsed = Caffeine.newBuilder().maximumSize(remembered).build();
    }

    /**
     * Parses a token, or returns the identity parsed from the same text before; the time checks
     * are repeated either way, so a remembered token still expires on time.
     */
    public UserIdentity parse(String jwt) {
        UserIdentity known = jwt == null ? null : parsed.getIfPresent(jwt);
        if (known != null) {
            if (clock.instant().isAfter(known.expiresAt().plus(LEEWAY))) {
                parsed.invalidate(jwt);
                throw expired(known.expiresAt());
            }
            return known;
        }
        UserIdentity identity = parseNew(jwt);
        parsed.put(jwt, identity);
        return identity;
    }

    private UserIdentity parseNew(String jwt) {
        if (jwt == null || jwt.isBlank()) {
            throw invalid("the identity token is blank");
        }
        String problem = JwtShape.problem(jwt);
        if (problem != null) {
            throw invalid("the identity token " + problem);
        }
        int first = jwt.indexOf('.');
        int second = jwt.indexOf('.', first + 1);
        JsonObject header = decodeObject(jwt.substring(0, first), "header");
        JsonObject payload = decodeObject(jwt.substring(first + 1, second), "payload");

        JsonValue alg = header.get("alg");
        if (!(alg instanceof JsonString algName) || algName.getString().isBlank()
                || "none".equalsIgnoreCase(algName.getString())) {
            throw invalid("the identity token's header names no signature algorithm");
        }
        Instant now = clock.instant();
        Instant expiresAt = epochSeconds(payload, "exp");
        if (expiresAt == null) {
            throw invalid("the identity token has no numeric 'exp' claim");
        }
        if (now.isAfter(expiresAt.plus(LEEWAY))) {
            throw expired(expiresAt);
        }
        if (payload.containsKey("nbf")) {
            Instant notBefore = epochSeconds(payload, "nbf");
            if (notBefore == null || now.plus(LEEWAY).isBefore(notBefore)) {
                throw invalid("the identity token is not valid before "
                        + (notBefore == null ? "an unreadable time" : notBefore));
            }
        }
        Instant issuedAt = null;
        if (payload.containsKey("iat")) {
            issuedAt = epochSeconds(payload, "iat");
            if (issuedAt == null) {
                throw invalid("the identity token's 'iat' claim is not a readable time");
            }
        }
        String lifetime = JwtShape.lifetimeProblem(expiresAt, issuedAt, now, MAX_LIFETIME, LEEWAY);
        if (lifetime != null) {
            throw invalid("the identity token " + lifetime);
        }
        String canonical = "ES256".equals(algName.getString()) ? JwtShape.lowS(jwt) : jwt;
        return new UserIdentity(jwt, canonical, expiresAt);
    }

    private static JsonObject decodeObject(String segment, String part) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw invalid("the identity token's " + part + " is not base64url");
        }
        String text;
        try {
            // JOSE JSON is UTF-8 (RFC 7515): no replacement characters, no guessing of UTF-16.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the identity token's " + part + " is not UTF-8");
        }
        JsonValue value;
        try {
            value = JsonSupport.read(text);
        } catch (RuntimeException e) {
            // Parsers refuse deep nesting and huge numbers with their own runtime exceptions.
            throw invalid("the identity token's " + part + " is not JSON");
        }
        if (!(value instanceof JsonObject object)) {
            throw invalid("the identity token's " + part + " is not a JSON object");
        }
        return object;
    }

    private static Instant epochSeconds(JsonObject payload, String claim) {
        if (!(payload.get(claim) instanceof JsonNumber number)) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(number.bigDecimalValue().setScale(0, RoundingMode.FLOOR).longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static AuthError expired(Instant expiresAt) {
        return new AuthError(ErrorCodes.IDENTITY_EXPIRED, ErrorText.IDENTITY_EXPIRED.with(" (at " + expiresAt + ")"));
    }

    private static AuthError invalid(String why) {
        return new AuthError(ErrorCodes.IDENTITY_INVALID, ErrorText.IDENTITY_INVALID.with(": " + why));
    }
}
