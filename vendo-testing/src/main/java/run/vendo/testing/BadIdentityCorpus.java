package run.vendo.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generated corpus of {@code X-Vendo-User-JWT} values that no server may accept: well over a
 * thousand malformed, forged, expired and otherwise unacceptable identity tokens, for hardening
 * tests of anything that reads the header (the core client's {@code forRequest} / {@code forUser},
 * a servlet filter, your own endpoint).
 *
 * <pre>{@code
 * BadIdentityCorpus corpus = BadIdentityCorpus.generate(emulator, 42);
 * for (BadIdentityCorpus.Case c : corpus.cases()) {
 *     // send c.values() as X-Vendo-User-JWT (one header line per value); expect a 401, never a 5xx
 * }
 * }</pre>
 *
 * <p>What it holds ({@link Kind}): random bytes and text, truncated and padded segments, wrong
 * segment counts, characters outside base64url, header or payload that is not a JSON object,
 * unacceptable headers and claims, {@code alg: none}, HS256 keyed with the public key's bytes, an
 * unknown {@code kid}, a valid token re-signed by another key, tampered tokens, expired tokens and a
 * future {@code nbf}, a wrong issuer or audience, 8 KiB and 64 KiB values, CR, LF and NUL inside,
 * non-ASCII characters, the header sent twice with two different values, JSON nested 1,000 deep
 * and 1,200-digit numbers, segments in non-canonical base64url (unused bits set), ES256 signatures
 * changed by ECDSA arithmetic, lifetimes far beyond Vendo's hour, and a valid token sent with
 * another identity header ({@code X-Vendo-User-Name}, …) that holds a control character. Signed
 * cases are signed with the emulator's own keys where the signature is meant to verify, so that
 * only the defect the case names makes it unacceptable.
 *
 * <p>Deterministic: the same seed gives the same cases in the same order (names, kinds and every
 * unsigned value). Signatures and time claims depend on the emulator's keys and clock, so signed
 * values differ between emulators. Signed cases expire one hour after generation (those meant to be
 * expired already are): generate the corpus when the test starts.
 *
 * <p>Every value is non-blank and starts and ends with a visible character, so that it reaches a
 * server as the value (no stripping turns it into a valid token or an absent header); CR, LF, NUL
 * and other control characters sit strictly inside. {@link Case#toString()} never prints a value.
 */
public final class BadIdentityCorpus {

    /** What makes a case unacceptable. */
    public enum Kind {
        /** Random bytes (each char U+0000 to U+00FF stands for one byte). */
        RANDOM_BYTES,
        /** Random printable ASCII text. */
        RANDOM_TEXT,
        /** Three random base64url segments that decode to no JSON. */
        RANDOM_SEGMENTS,
        /** A valid token cut short: in its header, payload or signature, or as a whole. */
        TRUNCATED,
        /** Base64 {@code =} padding, trailing bytes after the JSON, or extra signature bytes. */
        PADDED,
        /** One, two, four or more segments, or empty ones. */
        SEGMENT_COUNT,
        /** A character outside the base64url alphabet inside the token. */
        NOT_BASE64URL,
        /** A header or payload that decodes to something other than a JSON object. */
        NOT_JSON_OBJECT,
        /**
         * A JSON-object header that is unacceptable: no or odd {@code alg}, odd {@code kid}, {@code crit},
         * {@code jwk}.
         */
        BAD_HEADER,
        /** Claims of the wrong type or out of range: {@code exp}, {@code nbf}, {@code sub}. */
        BAD_CLAIMS,
        /** {@code alg: none}, with or without a signature segment. */
        ALG_NONE,
        /** HS256/384/512 keyed with the bytes of the issuer's public key (algorithm confusion). */
        HMAC_WITH_PUBLIC_KEY,
        /** Signed by the issuer's key but naming a {@code kid} its key set does not have. */
        UNKNOWN_KID,
        /** A valid token re-signed by another key, with the issuer's or another {@code kid}. */
        UNKNOWN_KEY,
        /** Payload, header or signature changed after signing. */
        TAMPERED,
        /** Signed and well-formed but {@code exp} has passed (by two minutes or more). */
        EXPIRED,
        /** Signed and well-formed but {@code nbf} is ten minutes or more in the future. */
        NOT_YET_VALID,
        /** Signed, but another, a missing or a non-string {@code iss}. */
        WRONG_ISSUER,
        /** Signed, but another, a missing or a non-string {@code aud}. */
        WRONG_AUDIENCE,
        /** 8 KiB and 64 KiB values, and one just over 4 KiB. */
        OVERSIZED,
        /** CR, LF, CRLF, NUL, tab, DEL and other control characters inside a valid token. */
        CONTROL_CHARS,
        /** Non-ASCII characters inside a valid token. */
        NON_ASCII,
        /** The header sent twice with two different values. */
        REPEATED,
        /** JSON nested 1,000 levels deep (arrays) in the header or payload of an unsigned token. */
        DEEP_NESTING,
        /**
         * A 1,200-digit number in the header or payload of an unsigned token, or as the {@code exp},
         * {@code iat} or {@code nbf} of a signed one.
         */
        HUGE_NUMBER,
        /**
         * A valid token with a segment in non-canonical base64url: the unused low bits of its last
         * character set (in the signature, the same bytes: a second spelling of a valid signature),
         * or a segment length that base64 never produces.
         */
        NON_CANONICAL_BASE64URL,
        /**
         * An ES256 signature changed by ECDSA arithmetic: {@code r} or {@code s} zero (the "psychic
         * signature"), the group order {@code n} or {@code 2^256 - 1}, {@code r} and {@code s}
         * swapped, and the twin {@code (r, n - s)} of a token that is unacceptable for another reason.
         * The twin of a valid token is not here: it verifies, and is the same token.
         */
        ECDSA_MALLEATED,
        /**
         * Signed, but living far longer than Vendo's one-hour tokens: {@code exp - iat} or {@code exp -
         * now} from 67 minutes to 3e16 seconds, with {@code iat}, without, or with an {@code iat} in the
         * future.
         */
        EXCESSIVE_LIFETIME,
        /**
         * A valid token sent with another identity header that holds a control character: C1
         * (U+0080 to U+009F, as the raw byte or in UTF-8), C0 or DEL. The defect is in {@link
         * Case#headers()}, not in the token.
         */
        HEADER_CONTROL_CHARS
    }

    /**
     * One unacceptable header value, or two for {@link Kind#REPEATED}, with the other identity
     * headers sent alongside, if any.
     *
     * @param name a short description, unique within the corpus, that never contains the value
     * @param kind what makes it unacceptable
     * @param values the header values, one per header line (two only for {@link Kind#REPEATED})
     * @param needsKeys true when only a verifier that holds the issuer's keys (and knows the
     *     expected issuer and audience) can tell that the value is bad: the shape, the JSON and the
     *     times are fine. A check of shape and time alone (the core client's) must refuse every
     *     other case whose {@code headers} are empty.
     * @param headers other identity headers to send with the value, by name (one line each); when
     *     not empty, the value is a valid token and the defect is in these headers, which a check
     *     of the token alone ({@code forUser}) cannot see
     */
    public record Case(String name, Kind kind, List<String> values, boolean needsKeys, Map<String, String> headers) {

        /**
         * Creates a case.
         *
         * @param name a short description, unique within the corpus, that never contains the value
         * @param kind what makes it unacceptable
         * @param values the header values, one per header line
         * @param needsKeys true when only a verifier that holds the issuer's keys can tell that the value is bad
         * @param headers other identity headers to send with the value, by name
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code values} is empty
         */
        public Case {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a case has at least one value");
            }
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /**
         * Creates a case that sends no other identity header.
         *
         * @param name a short description, unique within the corpus, that never contains the value
         * @param kind what makes it unacceptable
         * @param values the header values, one per header line
         * @param needsKeys whether only a verifier that holds the issuer's keys can tell
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException if {@code values} is empty
         */
        public Case(String name, Kind kind, List<String> values, boolean needsKeys) {
            this(name, kind, values, needsKeys, Map.of());
        }

        /**
         * Returns the first (usually the only) value.
         *
         * @return the value
         */
        public String value() {
            return values.get(0);
        }

        /**
         * Tells whether the case sends the header more than once.
         *
         * @return true for two values
         */
        public boolean repeated() {
            return values.size() > 1;
        }

        /**
         * Tells whether every value, the other headers' included, is printable ASCII (U+0020 to
         * U+007E) of at most 6 KiB: values that any HTTP client sends as they are. Send the others
         * as raw bytes ({@link BadIdentityCorpus#wireBytes(String)}).
         *
         * @return true when an ordinary HTTP client can send the case
         */
        public boolean printableAscii() {
            List<String> all = new ArrayList<>(values);
            all.addAll(headers.values());
            for (String v : all) {
                if (v.length() > 6 * 1024 || !v.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                    return false;
                }
            }
            return true;
        }

        /** The name and kind only: values may be long, binary or signed. */
        @Override
        public String toString() {
            return "Case[" + name + ", " + kind + (needsKeys ? ", needs keys" : "")
                    + (headers.isEmpty() ? "" : ", with " + headers.keySet()) + "]";
        }
    }

    /** The {@code sub} of the signed cases. */
    public static final List<String> SUBJECTS = List.of("mallory", "trudy", "eve");

    private static final char[] NOT_BASE64URL = "+/=!\"#$%&'()*,:;<>?@[\\]^`{|}~ ".toCharArray();
    private static final String[] CONTROL = {
        "\r", "\n", "\r\n", "\u0000", "\t", "\u007f", "\u000b", "\u000c", "\u001b", "\u0001", "\u0007", "\r\n ",
        "\n\n", "\r\r", "\u0085"
    };
    private static final String[] NON_ASCII = {
        "\u00e9", "\u00df", "\u00fc", "\u00a0", "\u00ff", "\u0100", "\u65e5\u672c", "\ud83d\ude00", "\uff0e",
        "\u200b", "\ufeff", "\u202e", "\u0435", "\u0391", "\u2028", "\ufffd", "\ud800"
    };

    private final List<Case> cases;

    private BadIdentityCorpus(List<Case> cases) {
        this.cases = Collections.unmodifiableList(cases);
    }

    /**
     * Generates the corpus for tokens issued by {@code emulator} (its keys, issuer, audience and
     * clock).
     *
     * @param emulator the issuer whose keys sign the signed cases
     * @param seed the seed of every random choice
     * @return the corpus: more than 1,000 cases
     */
    public static BadIdentityCorpus generate(VendoEmulator emulator, long seed) {
        return new BadIdentityCorpus(new Generator(emulator, seed).all());
    }

    /**
     * Returns every case, in generation order.
     *
     * @return an unmodifiable list
     */
    public List<Case> cases() {
        return cases;
    }

    /**
     * Returns the number of cases.
     *
     * @return the size
     */
    public int size() {
        return cases.size();
    }

    /**
     * Returns how many cases each kind has.
     *
     * @return counts in {@link Kind} order
     */
    public Map<Kind, Integer> countByKind() {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (Case c : cases) {
            counts.merge(c.kind(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The bytes of a value on the wire: ISO-8859-1 (one byte per char) when every char is at most
     * U+00FF, which is how {@link Kind#RANDOM_BYTES} and {@link Kind#HEADER_CONTROL_CHARS} cases
     * stand for raw bytes; UTF-8 otherwise.
     *
     * @param value a header value
     * @return its bytes
     */
    public static byte[] wireBytes(String value) {
        boolean latin1 = value.chars().allMatch(c -> c <= 0xff);
        return value.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Builds the cases; one instance per corpus. */
    private static final class Generator {

        private final Random random;
        private final String issuer;
        private final long now;
        private final JwtKey ecKey;
        private final JwtKey rsaKey;
        private final JwtKey foreignEcKey;
        private final JwtKey foreignRsaKey;
        private final String jwksJson;
        private final List<Case> out = new ArrayList<>();
        private final Map<String, Integer> names = new LinkedHashMap<>();

        Generator(VendoEmulator emulator, long seed) {
            this.random = new Random(seed);
            this.issuer = emulator.issuer();
            this.now = emulator.clock().instant().getEpochSecond();
            this.ecKey = emulator.keys().ecKey();
            this.rsaKey = emulator.keys().rsaKey();
            this.jwksJson = emulator.jwksJson();
            // Same kid as the issuer's keys: only the signature gives them away.
            this.foreignEcKey = ecKey.impostor();
            this.foreignRsaKey = rsaKey.impostor();
        }

        List<Case> all() {
            randomBytes(120);
            randomText(60);
            randomSegments(60);
            truncated(150);
            padded(80);
            segmentCounts();
            notBase64Url(80);
            notJsonObject();
            badHeaders();
            badClaims();
            algNone();
            hmacWithPublicKey();
            unknownKid(40);
            unknownKey(60);
            tampered(60);
            expired(40);
            notYetValid(30);
            wrongIssuer();
            wrongAudience();
            oversized();
            controlChars(60);
            nonAscii(60);
            repeated(40);
            deepNesting(24);
            hugeNumbers();
            nonCanonicalBase64Url(60);
            ecdsaMalleated(36);
            excessiveLifetime();
            headerControlChars(48);
            for (Case c : out) {
                List<String> all = new ArrayList<>(c.values());
                all.addAll(c.headers().values());
                for (String v : all) {
                    if (v.isBlank() || !visible(v.charAt(0)) || !visible(v.charAt(v.length() - 1))) {
                        throw new IllegalStateException("generated a value without visible ends: " + c);
                    }
                }
            }
            return out;
        }

        // ------------------------------------------------------------ kinds

        private void randomBytes(int n) {
            for (int i = 0; i < n; i++) {
                char[] chars = new char[1 + random.nextInt(200)];
                for (int j = 0; j < chars.length; j++) {
                    chars[j] = (char) random.nextInt(256);
                }
                chars[0] = visibleAscii();
                chars[chars.length - 1] = visibleAscii();
                add(Kind.RANDOM_BYTES, chars.length + " bytes", new String(chars));
            }
        }

        private void randomText(int n) {
            for (int i = 0; i < n; i++) {
                char[] chars = new char[1 + random.nextInt(300)];
                for (int j = 0; j < chars.length; j++) {
                    chars[j] = (char) (0x20 + random.nextInt(0x5f));
                }
                chars[0] = visibleAscii();
                chars[chars.length - 1] = visibleAscii();
                add(Kind.RANDOM_TEXT, chars.length + " chars", new String(chars));
            }
        }

        private void randomSegments(int n) {
            for (int i = 0; i < n; i++) {
                String value = randomBase64Url(2 + random.nextInt(120)) + "." + randomBase64Url(2 + random.nextInt(200))
                        + "." + randomBase64Url(2 + random.nextInt(120));
                add(Kind.RANDOM_SEGMENTS, "three random segments", value);
            }
        }

        private void truncated(int n) {
            for (int i = 0; i < n; i++) {
                String token = validToken(i);
                String[] s = token.split("\\.");
                switch (i % 4) {
                    case 0 -> add(Kind.TRUNCATED, "header cut", cut(s[0]) + "." + s[1] + "." + s[2]);
                    case 1 -> add(Kind.TRUNCATED, "payload cut", s[0] + "." + cut(s[1]) + "." + s[2]);
                    case 2 -> addNeedingKeys(Kind.TRUNCATED, "signature cut", s[0] + "." + s[1] + "." + cut(s[2]));
                    default -> {
                        int at = 1 + random.nextInt(token.length() - 1);
                        String prefix = token.substring(0, at);
                        int signatureStart = s[0].length() + s[1].length() + 2;
                        // Ending on a dot leaves an empty segment; visible ends need another cut.
                        if (prefix.endsWith(".")) {
                            prefix = prefix.substring(0, prefix.length() - 1);
                        }
                        if (at > signatureStart) {
                            addNeedingKeys(Kind.TRUNCATED, "token cut in the signature", prefix);
                        } else {
                            add(Kind.TRUNCATED, "token cut before the signature", prefix);
                        }
                    }
                }
            }
        }

        private void padded(int n) {
            for (int i = 0; i < n; i++) {
                String[] s = validToken(i).split("\\.");
                String header = json(validHeader(i));
                String payload = json(claims(subject(i)));
                switch (i % 8) {
                    case 0 -> add(Kind.PADDED, "base64 padding on the header", s[0] + "==." + s[1] + "." + s[2]);
                    case 1 -> add(Kind.PADDED, "base64 padding on the payload", s[0] + "." + s[1] + "=." + s[2]);
                    case 2 -> add(Kind.PADDED, "base64 padding on the signature",
                            s[0] + "." + s[1] + "." + s[2] + "==");
                    case 3 -> {
                        String standard = Base64.getEncoder().encodeToString(utf8(header)) + "."
                                + Base64.getEncoder().encodeToString(utf8(payload));
                        // Without '+', '/' or '=' standard base64 is base64url: pad it then.
                        add(Kind.PADDED, "standard base64 with padding",
                                (standard.matches(".*[+/=].*") ? standard : standard + "=") + "." + s[2]);
                    }
                    case 4 -> add(Kind.PADDED, "bytes after the header JSON",
                            b64(header + "x") + "." + s[1] + "." + s[2]);
                    case 5 -> add(Kind.PADDED, "bytes after the payload JSON",
                            s[0] + "." + b64(payload + "\u0000\u0000\u0000") + "." + s[2]);
                    case 6 -> add(Kind.PADDED, "a second JSON object after the payload",
                            s[0] + "." + b64(payload + payload) + "." + s[2]);
                    default -> addNeedingKeys(Kind.PADDED, "bytes appended to the signature",
                            s[0] + "." + s[1] + "." + s[2] + randomBase64Url(4 * (1 + random.nextInt(8))));
                }
            }
        }

        private void segmentCounts() {
            for (int i = 0; i < 24; i++) {
                String[] s = validToken(i).split("\\.");
                add(Kind.SEGMENT_COUNT, "one segment", s[i % 3]);
                add(Kind.SEGMENT_COUNT, "two segments", s[0] + "." + s[1]);
                add(Kind.SEGMENT_COUNT, "four segments", s[0] + "." + s[1] + "." + s[2] + "." + s[2]);
                add(Kind.SEGMENT_COUNT, "five segments (JWE shape)",
                        s[0] + "." + randomBase64Url(43) + "." + randomBase64Url(16) + "." + s[1]
                                + "." + randomBase64Url(22));
                add(Kind.SEGMENT_COUNT, "an empty middle segment", s[0] + ".." + s[2]);
            }
            String[] s = validToken(0).split("\\.");
            add(Kind.SEGMENT_COUNT, "a lone dot between letters", "a.b");
            add(Kind.SEGMENT_COUNT, "ten segments", String.join(".", Collections.nCopies(10, s[0])));
            add(Kind.SEGMENT_COUNT, "header and payload only, signature dropped", s[0] + "." + s[1]);
            add(Kind.SEGMENT_COUNT, "segments separated by two dots", s[0] + ".." + s[1] + ".." + s[2]);
        }

        private void notBase64Url(int n) {
            for (int i = 0; i < n; i++) {
                String token = validToken(i);
                char c = NOT_BASE64URL[i % NOT_BASE64URL.length];
                add(Kind.NOT_BASE64URL, "'" + printable(c) + "' inside", insertInside(token, String.valueOf(c)));
            }
            add(Kind.NOT_BASE64URL, "two tokens joined by a comma", validToken(0) + ", " + validToken(1));
            add(Kind.NOT_BASE64URL, "two tokens joined by a space", validToken(2) + " " + validToken(3));
            add(Kind.NOT_BASE64URL, "Bearer prefix", "Bearer " + validToken(4));
            add(Kind.NOT_BASE64URL, "quoted", "\"" + validToken(5) + "\"");
            add(Kind.NOT_BASE64URL, "percent-encoded dots", validToken(6).replace(".", "%2E"));
        }

        private void notJsonObject() {
            String[] notObjects = {
                "[]", "[1,2]", "\"ES256\"", "42", "null", "true", "{", "}", "{\"alg\":\"ES256\"",
                "{\"alg\":\"ES256\"}}",
                "{\"alg\":\"ES256\",}", "{'alg':'ES256'}", " ", "{\"alg\":\"ES256\"} trailing", "NaN", "{alg:ES256}",
                "{\"alg\" \"ES256\"}", "\u0000", "{\"alg\":\"ES256\"\u0000}",
                "[" + "[".repeat(900) + "]".repeat(900) + "]"
            };
            for (int i = 0; i < notObjects.length; i++) {
                String[] s = validToken(i).split("\\.");
                String bad = b64(notObjects[i]);
                add(Kind.NOT_JSON_OBJECT, "header is " + printable(notObjects[i]), bad + "." + s[1] + "." + s[2]);
                add(Kind.NOT_JSON_OBJECT, "payload is " + printable(notObjects[i]), s[0] + "." + bad + "." + s[2]);
                // Signed by the issuer's key: the signature verifies, the JSON does not.
                add(Kind.NOT_JSON_OBJECT, "signed payload is " + printable(notObjects[i]),
                        signRaw(json(validHeader(i)), notObjects[i], i % 2 == 0));
            }
            byte[] invalidUtf8 = {'{', '"', 'a', 'l', 'g', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
            String[] s = validToken(0).split("\\.");
            add(Kind.NOT_JSON_OBJECT, "header is invalid UTF-8",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(invalidUtf8) + "." + s[1] + "." + s[2]);
            add(Kind.NOT_JSON_OBJECT, "header is a deeply nested object",
                    b64("{\"a\":".repeat(400) + "1" + "}".repeat(400)) + "." + s[1] + "." + s[2]);
        }

        private void badHeaders() {
            String ecKid = quote(ecKey.kid());
            String[] structural = {
                "{}", "{\"alg\":null}", "{\"alg\":256}", "{\"alg\":[]}", "{\"alg\":{}}", "{\"alg\":\"\"}",
                "{\"alg\":\" \"}", "{\"alg\":true}", "{\"typ\":\"JWT\",\"kid\":" + ecKid + "}",
                "{\"alg\":\"ES256\",\"alg\":\"none\"}", "{\"alg\":[\"ES256\"],\"kid\":" + ecKid + "}"
            };
            for (int i = 0; i < structural.length; i++) {
                add(Kind.BAD_HEADER, "header " + structural[i].replace(ecKey.kid(), "<kid>"),
                        signRaw(structural[i], json(claims(subject(i))), true));
            }
            String[] unsupported = {"HS512", "PS256", "ES384", "ES512", "RS512", "EdDSA", "ES256K", "dir", "RSA-OAEP",
                "es256", "ES256 ", "RS256\u0000"};
            for (int i = 0; i < unsupported.length; i++) {
                String header = "{\"alg\":" + quote(unsupported[i]) + ",\"typ\":\"JWT\",\"kid\":" + ecKid + "}";
                addNeedingKeys(Kind.BAD_HEADER, "alg " + printable(unsupported[i]),
                        b64(header) + "." + b64(json(claims(subject(i)))) + "." + randomBase64Url(86));
            }
            String[] oddKids = {"123", "-1", "1e400", "{}", "{\"kid\":" + ecKid + "}", "[]", "[" + ecKid + "]",
                "true", "\"\""};
            for (int i = 0; i < oddKids.length; i++) {
                boolean ec = i % 2 == 0;
                String header = "{\"alg\":\"" + (ec ? "ES256" : "RS256") + "\",\"typ\":\"JWT\",\"kid\":"
                        + oddKids[i] + "}";
                addNeedingKeys(Kind.BAD_HEADER, "kid " + oddKids[i].replace(ecKey.kid(), "<kid>"),
                        signRaw(header, json(claims(subject(i))), ec));
            }
            String[] extras = {
                "\"crit\":[\"exp\"]", "\"crit\":[\"x-unknown\"],\"x-unknown\":1", "\"crit\":\"exp\"",
                "\"crit\":{\"exp\":1}", "\"b64\":false,\"crit\":[\"b64\"]",
            };
            for (int i = 0; i < extras.length; i++) {
                boolean ec = i % 2 == 0;
                String header = "{\"alg\":\"" + (ec ? "ES256" : "RS256") + "\",\"kid\":"
                        + quote(ec ? ecKey.kid() : rsaKey.kid()) + "," + extras[i] + "}";
                String claims = json(claims(subject(i)));
                addNeedingKeys(Kind.BAD_HEADER, "header with " + extras[i], signRaw(header, claims, ec));
            }
            // The token carries its own key and is signed by it: a verifier must ignore both.
            JwtKey attacker = ecKey.impostor();
            for (int i = 0; i < 4; i++) {
                String header = "{\"alg\":\"ES256\",\"kid\":" + ecKid + ",\"jwk\":"
                        + attacker.publicJwkJson()
                        + (i % 2 == 0 ? "" : ",\"jku\":\"http://127.0.0.1:9/jwks.json\"") + "}";
                addNeedingKeys(Kind.BAD_HEADER, "embedded attacker jwk" + (i % 2 == 0 ? "" : " and jku"),
                        RawJwts.signed(attacker, header, json(claims(subject(i)))));
            }
        }

        private void badClaims() {
            String[] exps = {"\"2099-01-01T00:00:00Z\"", "1e30", "9223372036854775807", "-9223372036854775808",
                "1e400", "true", "null", "[]", "{}", "\"\"", "\"" + (now + 3600) + "\""};
            for (int i = 0; i < exps.length; i++) {
                Map<String, String> claims = claims(subject(i));
                claims.put("exp", exps[i]);
                add(Kind.BAD_CLAIMS, "exp " + exps[i], signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
            for (int i = 0; i < 3; i++) {
                Map<String, String> claims = claims(subject(i));
                claims.remove("exp");
                add(Kind.BAD_CLAIMS, "no exp", signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
            String[] nbfs = {"\"soon\"", "1e30", "9223372036854775807", "true", "[]"};
            for (int i = 0; i < nbfs.length; i++) {
                Map<String, String> claims = claims(subject(i));
                claims.put("nbf", nbfs[i]);
                add(Kind.BAD_CLAIMS, "nbf " + nbfs[i], signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
            String[] subs = {null, "42", "\"\"", "\"  \"", "[]", "{}", "null", "true"};
            for (int i = 0; i < subs.length; i++) {
                Map<String, String> claims = claims(subject(i));
                if (subs[i] == null) {
                    claims.remove("sub");
                } else {
                    claims.put("sub", subs[i]);
                }
                addNeedingKeys(Kind.BAD_CLAIMS, subs[i] == null ? "no sub" : "sub " + subs[i],
                        signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
        }

        private void algNone() {
            String[] algs = {"none", "None", "NONE", "nOnE"};
            for (int i = 0; i < 32; i++) {
                String alg = algs[i % algs.length];
                String input = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + b64(json(claims(subject(i))));
                switch (i % 4) {
                    case 0 -> add(Kind.ALG_NONE, "alg " + alg + ", no signature segment", input + ".");
                    case 1 -> add(Kind.ALG_NONE, "alg " + alg + ", junk signature", input + "." + randomBase64Url(43));
                    case 2 -> add(Kind.ALG_NONE, "alg " + alg + ", a real signature",
                            input + "." + validToken(i).split("\\.")[2]);
                    default -> add(Kind.ALG_NONE, "alg " + alg + " with kid, junk signature",
                            b64("{\"alg\":\"" + alg + "\",\"kid\":" + quote(ecKey.kid()) + "}") + "."
                                    + b64(json(claims(subject(i)))) + "." + randomBase64Url(86));
                }
            }
        }

        private void hmacWithPublicKey() {
            Map<String, byte[]> keys = new LinkedHashMap<>();
            byte[] rsaDer = rsaKey.publicKeyBytes();
            byte[] ecDer = ecKey.publicKeyBytes();
            keys.put("RSA public key, DER", rsaDer);
            keys.put("RSA public key, PEM", utf8(pem(rsaDer)));
            keys.put("RSA public key, PEM without final newline", utf8(pem(rsaDer).strip()));
            keys.put("RSA public JWK", utf8(rsaKey.publicJwkJson()));
            keys.put("RSA modulus", rsaKey.jwk().toRSAKey().getModulus().decode());
            keys.put("EC public key, DER", ecDer);
            keys.put("EC public key, PEM", utf8(pem(ecDer)));
            keys.put("EC public JWK", utf8(ecKey.publicJwkJson()));
            keys.put("the whole JWKS", utf8(jwksJson));
            String[] algs = {"HS256", "HS384", "HS512"};
            int i = 0;
            for (Map.Entry<String, byte[]> key : keys.entrySet()) {
                for (int a = 0; a < (i < 3 ? 3 : 2); a++) {
                    String alg = algs[(i + a) % algs.length];
                    String kid = key.getKey().startsWith("EC") ? ecKey.kid() : rsaKey.kid();
                    String input = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":" + quote(kid) + "}") + "."
                            + b64(json(claims(subject(i))));
                    addNeedingKeys(Kind.HMAC_WITH_PUBLIC_KEY, alg + " keyed with the " + key.getKey(),
                            input + "." + hmac(alg, key.getValue(), input));
                }
                i++;
            }
        }

        private void unknownKid(int n) {
            for (int i = 0; i < n; i++) {
                boolean ec = i % 2 == 0;
                String kid = switch (i % 8) {
                    case 0, 1 -> "unknown-" + random.nextInt(1_000_000);
                    case 2, 3 -> "";
                    case 4 -> ec ? rsaKey.kid() : ecKey.kid(); // the other key type's kid
                    case 5 -> "../../" + (ec ? ecKey.kid() : rsaKey.kid());
                    case 6 -> "k".repeat(500);
                    default -> (ec ? ecKey.kid() : rsaKey.kid()).toUpperCase(java.util.Locale.ROOT);
                };
                String header = "{\"alg\":\"" + (ec ? "ES256" : "RS256") + "\",\"typ\":\"JWT\",\"kid\":"
                        + quote(kid) + "}";
                addNeedingKeys(Kind.UNKNOWN_KID, (ec ? "ES256" : "RS256") + " kid " + (kid.length() > 40
                        ? kid.length() + " chars" : kid.isEmpty() ? "empty"
                        : "'" + kid.replace(rsaKey.kid(), "<rsa kid>")
                                .replace(ecKey.kid(), "<ec kid>") + "'"),
                        signRaw(header, json(claims(subject(i))), ec));
            }
        }

        private void unknownKey(int n) {
            for (int i = 0; i < n; i++) {
                boolean ec = i % 2 == 0;
                String header = json(validHeader(i));
                String payload = json(claims(subject(i)));
                JwtKey signer = ec ? foreignEcKey : foreignRsaKey;
                String alg = signer.algorithm();
                if (i % 3 == 2) {
                    header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"attacker-" + i + "\"}";
                    addNeedingKeys(Kind.UNKNOWN_KEY, alg + " signed by another key with its own kid",
                            RawJwts.signed(signer, header, payload));
                } else {
                    addNeedingKeys(Kind.UNKNOWN_KEY, alg + " re-signed by another key with the issuer's kid",
                            RawJwts.signed(signer, header, payload));
                }
            }
        }

        private void tampered(int n) {
            for (int i = 0; i < n; i++) {
                String[] a = validToken(i).split("\\.");
                String[] b = validToken(i + 1).split("\\.");
                switch (i % 5) {
                    case 0 -> addNeedingKeys(Kind.TAMPERED, "payload of another user's token",
                            a[0] + "." + b[1] + "." + a[2]);
                    case 1 -> {
                        Map<String, String> claims = claims("admin");
                        addNeedingKeys(Kind.TAMPERED, "sub changed after signing",
                                a[0] + "." + b64(json(claims)) + "." + a[2]);
                    }
                    case 2 -> addNeedingKeys(Kind.TAMPERED, "one signature character changed",
                            a[0] + "." + a[1] + "." + flipInside(a[2]));
                    case 3 -> addNeedingKeys(Kind.TAMPERED, "one payload character changed",
                            a[0] + "." + flipInside(a[1]) + "." + a[2]);
                    default -> {
                        // An RS256 signature under an ES256 header, and the other way round.
                        String[] other = validToken(i % 2 == 0 ? 1 : 0).split("\\.");
                        addNeedingKeys(Kind.TAMPERED, "signature of the other algorithm",
                                a[0] + "." + a[1] + "." + other[2]);
                    }
                }
            }
        }

        private void expired(int n) {
            long[] agoSeconds = {120, 300, 600, 86_400, 365L * 86_400, now};
            for (int i = 0; i < n; i++) {
                Map<String, String> claims = claims(subject(i));
                long ago = agoSeconds[i % agoSeconds.length];
                claims.put("exp", Long.toString(now - ago));
                claims.put("iat", Long.toString(now - ago - 3600));
                add(Kind.EXPIRED, "expired " + ago + " s ago", signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
        }

        private void notYetValid(int n) {
            long[] aheadSeconds = {600, 3600, 86_400};
            for (int i = 0; i < n; i++) {
                Map<String, String> claims = claims(subject(i));
                long ahead = aheadSeconds[i % aheadSeconds.length];
                claims.put("nbf", Long.toString(now + ahead));
                add(Kind.NOT_YET_VALID, "nbf in " + ahead + " s",
                        signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
        }

        private void wrongIssuer() {
            String[] issuers = {"\"https://evil.example/auth/v1\"", quote(issuer + "/"), quote(issuer.replace("http:", "https:")),
                quote(issuer.toUpperCase(java.util.Locale.ROOT)), quote(issuer.replace("/auth/v1", "")), "\"\"", null,
                "42", "[" + quote(issuer) + "]", "{}"};
            for (int i = 0; i < 30; i++) {
                Map<String, String> claims = claims(subject(i));
                String iss = issuers[i % issuers.length];
                if (iss == null) {
                    claims.remove("iss");
                } else {
                    claims.put("iss", iss);
                }
                addNeedingKeys(Kind.WRONG_ISSUER, iss == null ? "no iss" : "iss " + iss.replace(issuer, "<issuer>"),
                        signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
        }

        private void wrongAudience() {
            String[] audiences = {"\"someone-else\"", "[\"a\",\"b\"]", null, "\"\"", "\"Authenticated\"", "42", "[]",
                "\"authenticated \"", "{}", "[42]"};
            for (int i = 0; i < 30; i++) {
                Map<String, String> claims = claims(subject(i));
                String aud = audiences[i % audiences.length];
                if (aud == null) {
                    claims.remove("aud");
                } else {
                    claims.put("aud", aud);
                }
                addNeedingKeys(Kind.WRONG_AUDIENCE, aud == null ? "no aud" : "aud " + aud,
                        signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
        }

        private void oversized() {
            int[] sizes = {4097, 8 * 1024, 64 * 1024};
            for (int i = 0; i < sizes.length; i++) {
                int size = sizes[i];
                String label = size == 4097 ? "4 KiB + 1" : (size / 1024) + " KiB";
                add(Kind.OVERSIZED, label + " signed token", signedOfLength(size, i % 2 == 0));
                add(Kind.OVERSIZED, label + " of A", "A".repeat(size));
                add(Kind.OVERSIZED, label + " random segments", randomBase64Url(size / 3)
                        + "." + randomBase64Url(size / 3) + "." + randomBase64Url(size - 2 - 2 * (size / 3)));
                add(Kind.OVERSIZED, label + " of repeated tokens", repeatTo(validToken(i) + ",", size));
                String[] s = validToken(i).split("\\.");
                add(Kind.OVERSIZED, label + " signature", s[0] + "." + s[1] + "."
                        + randomBase64Url(size - s[0].length() - s[1].length() - 2));
            }
            for (int i = 0; i < 5; i++) {
                add(Kind.OVERSIZED, "64 KiB random printable text", randomPrintable(64 * 1024));
            }
        }

        private void controlChars(int n) {
            for (int i = 0; i < n; i++) {
                String c = CONTROL[i % CONTROL.length];
                add(Kind.CONTROL_CHARS, printable(c) + " inside", insertInside(validToken(i), c));
            }
        }

        private void nonAscii(int n) {
            for (int i = 0; i < n; i++) {
                String c = NON_ASCII[i % NON_ASCII.length];
                String token = validToken(i);
                String value = i % 4 == 3 ? replaceInside(token, c) : insertInside(token, c);
                add(Kind.NON_ASCII, printable(c) + " inside", value);
            }
        }

        private void repeated(int n) {
            for (int i = 0; i < n; i++) {
                String mine = validToken(i);
                List<String> values = switch (i % 6) {
                    case 0 -> List.of(mine, validToken(i + 1)); // two users
                    case 1 -> List.of(mine, validTokenFor(subject(i), i + 1)); // the same user, other key
                    case 2 -> List.of(mine, "not-a-jwt");
                    case 3 -> List.of("not-a-jwt", mine);
                    case 4 -> {
                        Map<String, String> claims = claims(subject(i));
                        claims.put("exp", Long.toString(now - 600));
                        yield List.of(mine, signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
                    }
                    default -> List.of(mine, mine.substring(0, mine.length() - 5));
                };
                String what = switch (i % 6) {
                    case 0 -> "two users' valid tokens";
                    case 1 -> "one user's two valid tokens";
                    case 2 -> "a valid token, then garbage";
                    case 3 -> "garbage, then a valid token";
                    case 4 -> "a valid and an expired token";
                    default -> "a valid token and its truncation";
                };
                out.add(new Case(unique("repeated/" + what), Kind.REPEATED, values, false));
            }
        }

        private void deepNesting(int n) {
            for (int i = 0; i < n; i++) {
                boolean ec = i % 2 == 0;
                int depth = 1000 + 2 * (i % 4);
                String nest = "[".repeat(depth) + "]".repeat(depth);
                Map<String, String> header = validHeader(i);
                Map<String, String> claims = claims(subject(i));
                String where = i % 3 == 1 ? "header" : i % 3 == 0 ? "payload" : "payload's app_metadata";
                if (i % 3 == 1) {
                    header.put("x", nest);
                } else if (i % 3 == 0) {
                    claims.put("x", nest);
                } else {
                    claims.put("app_metadata", "{\"tenant_id\":" + nest + "}");
                }
                boolean borrowed = i % 4 >= 2;
                String signature = borrowed ? validToken(i).split("\\.")[2] : junkSignature(ec);
                add(Kind.DEEP_NESTING, depth + " nested arrays in the " + where
                                + (borrowed ? ", a valid token's signature" : ", a junk signature"),
                        b64(json(header)) + "." + b64(json(claims)) + "." + signature);
            }
        }

        private void hugeNumbers() {
            StringBuilder digits = new StringBuilder("1");
            while (digits.length() < 1200) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            String huge = digits.toString();
            String[] unsignedValues = {huge, "-" + huge, "0." + huge, huge + "e5", "[" + huge + "]"};
            for (int i = 0; i < unsignedValues.length * 2; i++) {
                boolean ec = i % 2 == 0;
                String value = unsignedValues[i / 2];
                Map<String, String> header = validHeader(i);
                Map<String, String> claims = claims(subject(i));
                String where;
                if (i % 4 == 1) {
                    header.put("x", value);
                    where = "header";
                } else {
                    claims.put(i % 4 == 3 ? "exp" : "x", value);
                    where = i % 4 == 3 ? "exp" : "payload";
                }
                String shape = value.startsWith("[") ? "in an array" : value.startsWith("-") ? "negative"
                        : value.startsWith("0.") ? "as a fraction" : value.endsWith("e5") ? "with an exponent"
                        : "whole";
                add(Kind.HUGE_NUMBER, "1,200 digits " + shape + " in the " + where + ", unsigned",
                        b64(json(header)) + "." + b64(json(claims)) + "." + junkSignature(ec));
            }
            String[][] signed = {{"exp", huge}, {"exp", "-" + huge}, {"iat", huge}, {"iat", "-" + huge},
                {"nbf", huge}};
            for (int i = 0; i < signed.length * 2; i++) {
                String[] claim = signed[i / 2];
                Map<String, String> claims = claims(subject(i));
                claims.put(claim[0], claim[1]);
                add(Kind.HUGE_NUMBER, "signed " + claim[0] + " of 1,200 digits" + (claim[1].startsWith("-")
                        ? ", negative" : ""), signRaw(json(validHeader(i)), json(claims), i % 2 == 0));
            }
        }

        private void nonCanonicalBase64Url(int n) {
            for (int i = 0; i < n; i++) {
                boolean ec = i % 2 == 0;
                String alg = ec ? "ES256" : "RS256";
                switch (i % 6) {
                    case 0, 1, 2 -> {
                        String[] s = validToken(i).split("\\.");
                        add(Kind.NON_CANONICAL_BASE64URL, alg + " signature with its unused bits set",
                                s[0] + "." + s[1] + "." + unusedBitsSet(s[2]));
                    }
                    case 3 -> {
                        Map<String, String> header = validHeader(i);
                        for (int pad = 0; b64(json(header)).length() % 4 == 0; pad++) {
                            header.put("x", quote("p".repeat(pad)));
                        }
                        String[] s = signRaw(json(header), json(claims(subject(i))), ec).split("\\.");
                        add(Kind.NON_CANONICAL_BASE64URL, alg + " header with its unused bits set",
                                unusedBitsSet(s[0]) + "." + s[1] + "." + s[2]);
                    }
                    case 4 -> {
                        Map<String, String> claims = claims(subject(i));
                        for (int pad = 0; b64(json(claims)).length() % 4 == 0; pad++) {
                            claims.put("x", quote("p".repeat(pad)));
                        }
                        String[] s = signRaw(json(validHeader(i)), json(claims), ec).split("\\.");
                        add(Kind.NON_CANONICAL_BASE64URL, alg + " payload with its unused bits set",
                                s[0] + "." + unusedBitsSet(s[1]) + "." + s[2]);
                    }
                    default -> {
                        String[] s = validToken(i).split("\\.");
                        int segment = (i / 6) % 3;
                        // 4k + 1 characters encode no whole number of bytes.
                        while (s[segment].length() % 4 != 1) {
                            s[segment] = s[segment] + randomBase64Url(1);
                        }
                        String part = segment == 0 ? "header" : segment == 1 ? "payload" : "signature";
                        add(Kind.NON_CANONICAL_BASE64URL, alg + " " + part + " of 4k + 1 characters",
                                s[0] + "." + s[1] + "." + s[2]);
                    }
                }
            }
        }

        private void ecdsaMalleated(int n) {
            BigInteger order = RawJwts.P256_ORDER;
            BigInteger allOnes = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
            BigInteger zero = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                int even = 2 * i; // ES256
                String valid = validToken(even);
                String[] s = valid.split("\\.");
                BigInteger[] signature = RawJwts.es256Signature(valid);
                BigInteger r = signature[0];
                BigInteger sv = signature[1];
                switch (i % 12) {
                    case 0 -> addNeedingKeys(Kind.ECDSA_MALLEATED, "r = s = 0 (psychic signature)",
                            RawJwts.withEs256Signature(valid, zero, zero));
                    case 1 -> addNeedingKeys(Kind.ECDSA_MALLEATED, "r = 0",
                            RawJwts.withEs256Signature(valid, zero, sv));
                    case 2 -> addNeedingKeys(Kind.ECDSA_MALLEATED, "s = 0", RawJwts.withEs256Signature(valid, r, zero));
                    case 3 -> addNeedingKeys(Kind.ECDSA_MALLEATED, "r = s = n",
                            RawJwts.withEs256Signature(valid, order, order));
                    case 4 -> addNeedingKeys(Kind.ECDSA_MALLEATED, "s = n",
                            RawJwts.withEs256Signature(valid, r, order));
                    case 5 -> addNeedingKeys(Kind.ECDSA_MALLEATED, "s = 2^256 - 1",
                            RawJwts.withEs256Signature(valid, r, allOnes));
                    case 6 -> addNeedingKeys(Kind.ECDSA_MALLEATED, "r and s swapped",
                            RawJwts.withEs256Signature(valid, sv, r));
                    case 7 -> {
                        Map<String, String> claims = claims(subject(even));
                        claims.put("exp", Long.toString(now - 600));
                        claims.put("iat", Long.toString(now - 4200));
                        add(Kind.ECDSA_MALLEATED, "(r, n - s) of an expired token",
                                RawJwts.es256Twin(signRaw(json(validHeader(even)), json(claims), true)));
                    }
                    case 8 -> {
                        String other = validToken(even + 2).split("\\.")[1];
                        addNeedingKeys(Kind.ECDSA_MALLEATED, "(r, n - s) over another user's payload",
                                RawJwts.es256Twin(s[0] + "." + other + "." + s[2]));
                    }
                    case 9 -> {
                        Map<String, String> claims = claims(subject(even));
                        claims.put("iss", "\"https://evil.example/auth/v1\"");
                        addNeedingKeys(Kind.ECDSA_MALLEATED, "(r, n - s) of a token of another issuer",
                                RawJwts.es256Twin(signRaw(json(validHeader(even)), json(claims), true)));
                    }
                    case 10 -> {
                        Map<String, String> claims = claims(subject(even));
                        claims.put("aud", "\"someone-else\"");
                        addNeedingKeys(Kind.ECDSA_MALLEATED, "(r, n - s) of a token for another audience",
                                RawJwts.es256Twin(signRaw(json(validHeader(even)), json(claims), true)));
                    }
                    default -> addNeedingKeys(Kind.ECDSA_MALLEATED, "(r, n - s) of a token signed by another key",
                            RawJwts.es256Twin(RawJwts.signed(foreignEcKey, json(validHeader(even)),
                                    json(claims(subject(even))))));
                }
            }
        }

        private void excessiveLifetime() {
            long minute = 60;
            long day = 86_400;
            // {label, iat (null: none), exp}
            Object[][] lifetimes = {
                {"67 minutes", now, now + 67 * minute},
                {"2 hours", now, now + 120 * minute},
                {"1 day", now, now + day},
                {"30 days", now, now + 30 * day},
                {"1 year", now, now + 365 * day},
                {"1e10 s", now, now + 10_000_000_000L},
                {"exp 3e16 (the year 950 million)", now, 30_000_000_000_000_000L},
                {"2 hours without iat", null, now + 120 * minute},
                {"1 day without iat", null, now + day},
                {"exp 1e16 without iat", null, 10_000_000_000_000_000L},
                {"issued 10 days ago, expiring in 30 minutes", now - 10 * day, now + 30 * minute},
                {"issued in a year, living an hour", now + 365 * day, now + 365 * day + 60 * minute},
                {"issued in 2 hours, living an hour", now + 120 * minute, now + 180 * minute},
                {"iat = exp, two days ahead", now + 2 * day, now + 2 * day},
            };
            for (int i = 0; i < lifetimes.length * 2; i++) {
                Object[] lifetime = lifetimes[i / 2];
                Map<String, String> claims = claims(subject(i));
                if (lifetime[1] == null) {
                    claims.remove("iat");
                } else {
                    claims.put("iat", lifetime[1].toString());
                }
                claims.put("exp", lifetime[2].toString());
                boolean ec = i % 2 == 0;
                add(Kind.EXCESSIVE_LIFETIME, (ec ? "ES256 " : "RS256 ") + lifetime[0],
                        signRaw(json(validHeader(i)), json(claims), ec));
            }
        }

        private void headerControlChars(int n) {
            String[] headers = {"X-Vendo-User-Name", "X-Vendo-Tenant-Id", "X-Vendo-Role", "X-Vendo-User-Email",
                "X-Vendo-User-Id"};
            // Chars up to U+00FF stand for bytes on the wire: "\u00c2\u0085" is NEL in UTF-8.
            String[] controls = {"\u0085", "\u0080", "\u009f", "\u008d", "\u009b", "\u0090", "\u00c2\u0085",
                "\u00c2\u009b", "\u0001", "\u001b", "\u007f", "\u0008"};
            for (int i = 0; i < n; i++) {
                String header = headers[i % headers.length];
                String control = controls[i % controls.length];
                String subject = subject(i);
                String plain = switch (header) {
                    case "X-Vendo-User-Name" -> "User " + subject;
                    case "X-Vendo-Tenant-Id" -> "tenant-" + subject;
                    case "X-Vendo-Role" -> "authenticated";
                    case "X-Vendo-User-Email" -> subject + "@example.test";
                    default -> subject;
                };
                String what = header + " with " + printable(control) + (control.length() > 1 ? " (UTF-8)" : "");
                out.add(new Case(unique("header_control_chars/" + what), Kind.HEADER_CONTROL_CHARS,
                        List.of(validToken(i)), false, Map.of(header, insertInside(plain, control))));
            }
        }

        // ------------------------------------------------------------ tokens

        private String subject(int i) {
            return SUBJECTS.get(Math.floorMod(i, SUBJECTS.size()));
        }

        /** A valid token (not a case): ES256 for even, RS256 for odd {@code i}. */
        private String validToken(int i) {
            return validTokenFor(subject(i), i);
        }

        private String validTokenFor(String subject, int i) {
            return signRaw(json(validHeader(i)), json(claims(subject)), i % 2 == 0);
        }

        private Map<String, String> validHeader(int i) {
            Map<String, String> header = new LinkedHashMap<>();
            boolean ec = i % 2 == 0;
            header.put("alg", ec ? "\"ES256\"" : "\"RS256\"");
            header.put("typ", "\"JWT\"");
            header.put("kid", quote(ec ? ecKey.kid() : rsaKey.kid()));
            return header;
        }

        /** Claims the emulator would mint for {@code subject}, as raw JSON values by name. */
        private Map<String, String> claims(String subject) {
            Map<String, String> claims = new LinkedHashMap<>();
            claims.put("iss", quote(issuer));
            claims.put("sub", quote(subject));
            claims.put("aud", quote(VendoEmulator.AUDIENCE));
            claims.put("iat", Long.toString(now));
            claims.put("exp", Long.toString(now + 3600));
            claims.put("email", quote(subject + "@example.test"));
            claims.put("role", "\"authenticated\"");
            return claims;
        }

        private String signedOfLength(int length, boolean ec) {
            Map<String, String> claims = claims(subject(length));
            claims.put("pad", "\"\"");
            int base = signRaw(json(validHeader(ec ? 0 : 1)), json(claims), ec).length();
            // Each 3 bytes of padding claim add 4 characters.
            claims.put("pad", quote("p".repeat(Math.max(0, (length - base) * 3 / 4 + 3))));
            return signRaw(json(validHeader(ec ? 0 : 1)), json(claims), ec);
        }

        private String signRaw(String headerJson, String payloadJson, boolean ec) {
            return RawJwts.signed(ec ? ecKey : rsaKey, headerJson, payloadJson);
        }

        private static String hmac(String alg, byte[] key, String input) {
            String javaName = "Hmac" + alg.replace("HS", "SHA");
            try {
                Mac mac = Mac.getInstance(javaName);
                mac.init(new SecretKeySpec(key, javaName));
                return Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot compute " + alg, e);
            }
        }

        /** Random bytes of a signature's length in canonical base64url: 64 bytes for ES256, 256 for RS256. */
        private String junkSignature(boolean ec) {
            byte[] bytes = new byte[ec ? 64 : 256];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        /** The same segment with some of the unused low bits of its last character set. */
        private String unusedBitsSet(String segment) {
            List<String> spellings = RawJwts.unusedBitsSpellings(segment);
            if (spellings.isEmpty()) {
                throw new IllegalStateException("a segment of " + segment.length() + " characters has no unused bits");
            }
            return spellings.get(random.nextInt(spellings.size()));
        }

        // ------------------------------------------------------------ text

        private void add(Kind kind, String what, String value) {
            out.add(new Case(unique(kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + what),
                    kind, List.of(value), false));
        }

        private void addNeedingKeys(Kind kind, String what, String value) {
            out.add(new Case(unique(kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + what),
                    kind, List.of(value), true));
        }

        private String unique(String name) {
            int n = names.merge(name, 1, Integer::sum);
            return name + " #" + n;
        }

        /** Cuts a segment to a random shorter, non-empty length. */
        private String cut(String segment) {
            return segment.substring(0, 1 + random.nextInt(segment.length() - 1));
        }

        /** Inserts {@code s} strictly inside {@code value}, never at either end. */
        private String insertInside(String value, String s) {
            int at = 1 + random.nextInt(value.length() - 1);
            return value.substring(0, at) + s + value.substring(at);
        }

        /** Replaces one character strictly inside {@code value}. */
        private String replaceInside(String value, String s) {
            int at = 1 + random.nextInt(value.length() - 2);
            return value.substring(0, at) + s + value.substring(at + 1);
        }

        /** Changes one base64url character well inside a segment (never the last, whose low bits may be unused). */
        private String flipInside(String segment) {
            int at = 1 + random.nextInt(segment.length() - 3);
            char c = segment.charAt(at);
            char replacement = c == 'A' ? 'B' : 'A';
            return segment.substring(0, at) + replacement + segment.substring(at + 1);
        }

        private String randomBase64Url(int length) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return sb.toString();
        }

        private String randomPrintable(int length) {
            StringBuilder sb = new StringBuilder(length);
            sb.append(visibleAscii());
            for (int i = 1; i < length - 1; i++) {
                sb.append((char) (0x20 + random.nextInt(0x5f)));
            }
            return sb.append(visibleAscii()).toString();
        }

        private char visibleAscii() {
            return (char) (0x21 + random.nextInt(0x5e));
        }

        private static boolean visible(char c) {
            return c > 0x20 && c != 0x7f && !Character.isWhitespace(c) && !Character.isISOControl(c)
                    && !Character.isSpaceChar(c);
        }

        private static String repeatTo(String unit, int length) {
            StringBuilder sb = new StringBuilder(length + unit.length());
            while (sb.length() < length) {
                sb.append(unit);
            }
            sb.setLength(length);
            // Keep a visible last character.
            if (sb.charAt(length - 1) == ',') {
                sb.setCharAt(length - 1, 'A');
            }
            return sb.toString();
        }

        private static String pem(byte[] der) {
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        }

        private static String json(Map<String, String> members) {
            StringBuilder sb = new StringBuilder("{");
            members.forEach((name, raw) -> sb.append(sb.length() == 1 ? "" : ",")
                    .append(quote(name)).append(':').append(raw));
            return sb.append('}').toString();
        }

        private static String quote(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.append('"').toString();
        }

        private static String b64(String text) {
            return RawJwts.base64Url(text);
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        /** A readable form of short special text for case names: escapes, never a token. */
        private static String printable(String s) {
            UnaryOperator<String> shorten = t -> t.length() > 24 ? t.substring(0, 24) + "…(" + t.length() + ")" : t;
            StringBuilder sb = new StringBuilder();
            for (char c : s.toCharArray()) {
                sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
            return shorten.apply(sb.toString());
        }

        private static String printable(char c) {
            return printable(String.valueOf(c));
        }
    }
}
