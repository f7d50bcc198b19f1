package run.vendo.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static run.vendo.testing.RawJwts.base64Url;
import static run.vendo.testing.RawJwts.expiringAt;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.errors.AuthError;
import run.vendo.testing.RawJwts;

class UserJwtParserTest {

    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");
    private final UserJwtParser parser = new UserJwtParser(Clock.fixed(NOW, ZoneOffset.UTC), 100);

    @Test
    void acceptsAWellFormedUnexpiredToken() {
        String token = expiringAt("alice", NOW.plusSeconds(3600));
        UserIdentity identity = parser.parse(token);
        assertEquals(token, identity.jwt());
        assertEquals(NOW.plusSeconds(3600), identity.expiresAt());
    }

    @Test
    void keysTheCacheByTheWholeTokenNotBySub() {
        UserIdentity a = parser.parse(expiringAt("alice", NOW.plusSeconds(3600)));
        UserIdentity b = parser.parse(expiringAt("alice", NOW.plusSeconds(3601)));
        assertNotEquals(a.cacheKey(), b.cacheKey());
        assertEquals(a.cacheKey(), parser.parse(a.jwt()).cacheKey());
        assertFalse(a.cacheKey().contains("alice"));
        assertFalse(a.toString().contains(a.jwt()));
    }

    @Test
    void aRememberedTokenStillExpiresOnTime() {
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(NOW);
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        UserJwtParser remembering = new UserJwtParser(moving, 100);
        String token = expiringAt("alice", NOW.plusSeconds(600));
        UserIdentity first = remembering.parse(token);
        assertEquals(first, remembering.parse(token), "the second parse is served from memory");
        now.set(NOW.plusSeconds(600).plus(UserJwtParser.LEEWAY).plusSeconds(1));
        assertEquals("identity_expired", assertThrows(AuthError.class, () -> remembering.parse(token)).code());
        assertEquals("identity_expired", assertThrows(AuthError.class, () -> remembering.parse(token)).code());
    }

    @Test
    void rejectsAnExpiredTokenAsExpired() {
        AuthError e = assertThrows(AuthError.class, () -> parser.parse(expiringAt("alice", NOW.minusSeconds(120))));
        assertEquals("identity_expired", e.code());
    }

    @Test
    void allowsASmallClockSkewButNoMore() {
        parser.parse(expiringAt("alice", NOW.minus(UserJwtParser.LEEWAY)));
        AuthError e = assertThrows(AuthError.class,
                () -> parser.parse(expiringAt("alice", NOW.minus(UserJwtParser.LEEWAY).minusSeconds(1))));
        assertEquals("identity_expired", e.code());
    }

    @Test
    void rejectsAFutureNotBefore() {
        String token = RawJwts.of("{\"alg\":\"RS256\"}", "{\"exp\":" + NOW.plusSeconds(3600).getEpochSecond()
                + ",\"nbf\":" + NOW.plusSeconds(600).getEpochSecond() + "}");
        assertEquals("identity_invalid", assertThrows(AuthError.class, () -> parser.parse(token)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "abc", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.",
        "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjR9.sig with space",
        "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjR9.sig\r\nX-Evil: 1",
        "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjR9.s\u00efg",
        "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjR9.sig\u0000",
        "eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjR9.c2ln+/=="
    })
    void rejectsMalformedShapes(String token) {
        AuthError e = assertThrows(AuthError.class, () -> parser.parse(token));
        assertEquals("identity_invalid", e.code());
    }

    @Test
    void rejectsHeaderOrPayloadThatIsNotAJsonObject() {
        long exp = NOW.plusSeconds(3600).getEpochSecond();
        for (String token : new String[] {
            RawJwts.of("[1,2]", "{\"exp\":" + exp + "}"),
            RawJwts.of("{\"alg\":\"ES256\"}", "\"just a string\""),
            RawJwts.of("{\"alg\":\"ES256\"}", "{\"exp\":" + exp),
            RawJwts.of("{\"alg\":\"ES256\"}", "{\"exp\":" + exp + "} trailing"),
            base64Url("not json") + "." + base64Url("{\"exp\":" + exp + "}") + ".c2ln",
            "@@@@" + "." + base64Url("{\"exp\":" + exp + "}") + ".c2ln"
        }) {
            AuthError e = assertThrows(AuthError.class, () -> parser.parse(token), token);
            assertEquals("identity_invalid", e.code());
        }
    }

    @Test
    void rejectsAHeaderOrPayloadThatIsNotUtf8() {
        long exp = NOW.plusSeconds(3600).getEpochSecond();
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        byte[] latin1 = "{\"alg\":\"ES256\u00ff\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] utf16 = "{\"alg\":\"ES256\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        String payload = base64Url("{\"exp\":" + exp + "}");
        for (String token : new String[] {
            b64.encodeToString(latin1) + "." + payload + ".c2ln",
            b64.encodeToString(utf16) + "." + payload + ".c2ln",
            base64Url("{\"alg\":\"ES256\"}") + "." + b64.encodeToString(("{\"exp\":" + exp + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_16BE)) + ".c2ln"
        }) {
            assertEquals("identity_invalid", assertThrows(AuthError.class, () -> parser.parse(token)).code());
        }
    }

    @Test
    void rejectsMissingOrNonNumericExp() {
        assertEquals("identity_invalid", assertThrows(AuthError.class,
                () -> parser.parse(RawJwts.of("{\"alg\":\"ES256\"}", "{\"sub\":\"alice\"}"))).code());
        assertEquals("identity_invalid", assertThrows(AuthError.class,
                () -> parser.parse(RawJwts.of("{\"alg\":\"ES256\"}", "{\"exp\":\"tomorrow\"}"))).code());
        assertEquals("identity_invalid", assertThrows(AuthError.class,
                () -> parser.parse(RawJwts.of("{\"alg\":\"ES256\"}", "{\"exp\":1e999}"))).code());
    }

    @Test
    void rejectsAlgNoneAndAMissingAlg() {
        long exp = NOW.plusSeconds(3600).getEpochSecond();
        assertThrows(AuthError.class, () -> parser.parse(RawJwts.of("{\"alg\":\"none\"}", "{\"exp\":" + exp + "}")));
        assertThrows(AuthError.class, () -> parser.parse(RawJwts.of("{\"alg\":\"NONE\"}", "{\"exp\":" + exp + "}")));
        assertThrows(AuthError.class, () -> parser.parse(RawJwts.of("{\"typ\":\"JWT\"}", "{\"exp\":" + exp + "}")));
    }

    @Test
    void rejectsOversizedTokensBeforeDecoding() {
        String padding = "a".repeat(JwtShape.MAX_LENGTH);
        String token = RawJwts.of("{\"alg\":\"ES256\",\"pad\":\"" + padding + "\"}",
                "{\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}");
        AuthError e = assertThrows(AuthError.class, () -> parser.parse(token));
        assertEquals("identity_invalid", e.code());
    }

    @Test
    void messagesNeverContainTheToken() {
        String expired = expiringAt("alice", NOW.minusSeconds(3600));
        String noAlg = RawJwts.of("{\"typ\":\"JWT\"}", "{\"exp\":1}");
        for (String token : new String[] {expired, noAlg}) {
            AuthError e = assertThrows(AuthError.class, () -> parser.parse(token));
            assertFalse(e.getMessage().contains(token));
            assertFalse(e.getMessage().contains(token.substring(token.lastIndexOf('.') + 1)));
        }
    }

    @Test
    void whatTheJsonParserRefusesIsAnInvalidTokenNeverAnotherException() {
        long exp = NOW.plusSeconds(3600).getEpochSecond();
        String header = "{\"alg\":\"ES256\"}";
        String deep = RawJwts.of(header, "{\"exp\":" + exp + ",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}");
        String huge = RawJwts.of(header, "{\"exp\":" + exp + ",\"x\":" + "9".repeat(1200) + "}");
        for (String token : new String[] {deep, huge}) {
            AuthError e = assertThrows(AuthError.class, () -> parser.parse(token));
            assertEquals("identity_invalid", e.code());
        }
    }

    @Test
    void refusesATokenThatLivesLongerThanTheMaximum() {
        long now = NOW.getEpochSecond();
        long most = UserJwtParser.MAX_LIFETIME.plus(UserJwtParser.LEEWAY).getSeconds();
        assertEquals(65 * 60 + 60, most);
        parser.parse(lifetime("\"iat\":" + now + ",\"exp\":" + (now + 3600)));
        parser.parse(lifetime("\"iat\":" + now + ",\"exp\":" + (now + most)));
        parser.parse(lifetime("\"exp\":" + (now + most)));
        for (String claims : new String[] {
            "\"iat\":" + now + ",\"exp\":" + (now + most + 1),
            "\"iat\":" + (now - 86_400) + ",\"exp\":" + (now + 1800),
            "\"exp\":" + (now + most + 1),
            "\"exp\":" + 10_000_000_000_000_000L,
            "\"iat\":" + now + ",\"exp\":" + 30_000_000_000_000_000L,
            "\"iat\":" + (now + 365 * 86_400) + ",\"exp\":" + (now + 365 * 86_400 + 3600),
            "\"iat\":\"yesterday\",\"exp\":" + (now + 3600),
            "\"iat\":1e999,\"exp\":" + (now + 3600),
        }) {
            AuthError e = assertThrows(AuthError.class, () -> parser.parse(lifetime(claims)), claims);
            assertEquals("identity_invalid", e.code(), claims);
        }
    }

    @Test
    void theTwoEcdsaSpellingsOfATokenShareOneCacheKeyAndKeepTheirText() {
        String input = RawJwts.base64Url("{\"alg\":\"ES256\"}") + "."
                + RawJwts.base64Url("{\"exp\":" + NOW.plusSeconds(3600).getEpochSecond() + "}") + ".";
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 8; i++) {
            byte[] signature = new byte[64];
            random.nextBytes(signature);
            signature[32] = (byte) (i % 2 == 0 ? 0x10 : 0xf0); // low-s and high-s in turn
            String jwt = input + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
            String twin = RawJwts.es256Twin(jwt);
            UserIdentity a = parser.parse(jwt);
            UserIdentity b = parser.parse(twin);
            assertEquals(a.cacheKey(), b.cacheKey());
            assertEquals(jwt, a.jwt(), "sent on as received");
            assertEquals(twin, b.jwt());
        }
    }

    private static String lifetime(String claims) {
        return RawJwts.of("{\"alg\":\"ES256\"}", "{\"sub\":\"alice\"," + claims + "}");
    }
}
