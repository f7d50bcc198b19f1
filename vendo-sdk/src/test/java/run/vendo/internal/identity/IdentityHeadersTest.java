package run.vendo.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.Vendo;
import run.vendo.errors.AuthError;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.internal.identity.IdentityHeaders.ProxyHeaders;

class IdentityHeadersTest {

    static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";

    /** A case-insensitive header map, as a servlet container presents headers. */
    private static Function<String, Collection<String>> headers(String... nameValuePairs) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.computeIfAbsent(nameValuePairs[i], k -> new ArrayList<>()).add(nameValuePairs[i + 1]);
        }
        return map::get;
    }

    private static AuthError rejected(Function<String, Collection<String>> headers) {
        AuthError e = assertThrows(AuthError.class, () -> IdentityHeaders.read(headers));
        assertEquals("identity_invalid", e.code());
        return e;
    }

    @Test
    void noHeadersMeansNobody() {
        assertSame(ProxyHeaders.NONE, IdentityHeaders.read(headers()));
        assertSame(ProxyHeaders.NONE, IdentityHeaders.read(name -> null));
        assertFalse(ProxyHeaders.NONE.namesUser());
    }

    @Test
    void aUserIdWithoutATokenNamesAUser() {
        ProxyHeaders sso = IdentityHeaders.read(headers("X-Vendo-User-Id", "u1", "X-Vendo-Role", "member"));
        assertTrue(sso.namesUser());
        assertNull(sso.jwt());
        assertFalse(IdentityHeaders.read(headers("X-Vendo-Role", "owner")).namesUser());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "   \t "})
    void blankTokenIsAbsent(String blank) {
        assertSame(ProxyHeaders.NONE, IdentityHeaders.read(headers("X-Vendo-User-JWT", blank)));
    }

    @Test
    void readsEveryHeader() {
        ProxyHeaders identity = IdentityHeaders.read(headers(
                "x-vendo-user-jwt", " " + JWT + " ",
                "X-Vendo-User-Id", "user-1",
                "X-VENDO-USER-EMAIL", "a@example.com",
                "X-Vendo-User-Name", "Ada Lovelace",
                "X-Vendo-Tenant-Id", "tenant-9",
                "X-Vendo-Role", "member"));
        assertEquals(new ProxyHeaders(JWT, "user-1", "a@example.com", "Ada Lovelace", "tenant-9", "member"), identity);
    }

    @Test
    void missingOptionalHeadersAreNull() {
        ProxyHeaders identity = IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-Role", "  "));
        assertNull(identity.userId());
        assertNull(identity.role());
    }

    @Test
    void identicalRepeatsAreFine() {
        assertEquals(JWT, IdentityHeaders.read(
                headers("X-Vendo-User-JWT", JWT, "x-vendo-user-jwt", JWT, "X-Vendo-User-JWT", "")).jwt());
    }

    @Test
    void twoDifferentTokensAreRejected() {
        AuthError e = rejected(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-JWT", JWT + "x"));
        assertTrue(e.getMessage().contains("two different"), e.getMessage());
        assertFalse(e.getMessage().contains(JWT));
    }

    @Test
    void twoDifferentUserIdsAreRejected() {
        AuthError e = rejected(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Id", "a", "X-Vendo-User-Id", "b"));
        assertTrue(e.getMessage().contains("X-Vendo-User-Id"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not-a-jwt",
        "a.b",
        "a.b.c.d",
        "a.b.c.d.e",
        ".b.c",
        "a..c",
        "a.b.",
        "a.b.c=",
        "a+b.c.d",
        "a/b.c.d",
        "a b.c.d",
        "a.b.c\r\nX-Injected: 1",
        "a.b.c\n",
        "a.b.c\r\n",
        "\na.b.c",
        "a.b\u0000.c",
        "a.b.c\u007f",
        "a.b.c\u0085",
        "a.\u00e9.c",
        "a.b.\u2603",
    })
    void malformedTokensAreRejectedEarly(String token) {
        AuthError e = rejected(headers("X-Vendo-User-JWT", token));
        assertFalse(e.getMessage().contains(token), "the message names the header, never its value");
        assertTrue(e.getMessage().contains("X-Vendo-User-JWT"), e.getMessage());
    }

    @Test
    void oversizedTokenIsRejected() {
        String big = "a".repeat(3000) + "." + "b".repeat(1000) + "." + "c".repeat(200);
        AuthError e = rejected(headers("X-Vendo-User-JWT", big));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void tokenAtTheSizeLimitIsAccepted() {
        // Segment lengths base64url can produce (not 4k + 1), last characters without unused bits set.
        String atLimit = "a".repeat(4096 - 8) + ".bA.cccc";
        assertEquals(JwtShape.MAX_LENGTH, atLimit.length());
        assertEquals(atLimit, IdentityHeaders.read(headers("X-Vendo-User-JWT", atLimit)).jwt());
    }

    @Test
    void controlCharactersInOtherHeadersAreRejected() {
        rejected(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Name", "Ada\r\nX: y"));
        rejected(headers("X-Vendo-User-JWT", JWT, "X-Vendo-Tenant-Id", "t\u0000"));
        rejected(headers("X-Vendo-User-JWT", JWT, "X-Vendo-Role", "owner\u0085"));
        rejected(headers("X-Vendo-User-Id", "u1\u009b"));
        rejected(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Email", "x".repeat(1025)));
    }

    @Test
    void nonAsciiNamesAreKept() {
        assertEquals("José Ñúñez",
                IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Name", "José Ñúñez")).name());
    }

    @Test
    void headerLookupIsCalledWithTheDocumentedNames() {
        List<String> asked = new ArrayList<>();
        IdentityHeaders.read(name -> {
            asked.add(name.toLowerCase(Locale.ROOT));
            return name.equalsIgnoreCase("X-Vendo-User-JWT") ? List.of(JWT) : List.of();
        });
        assertEquals(Arrays.asList("x-vendo-user-jwt", "x-vendo-user-id", "x-vendo-user-email", "x-vendo-user-name",
                "x-vendo-tenant-id", "x-vendo-role"), asked);
    }

    @Test
    void toStringNeverPrintsTheTokenOrTheAddress() {
        ProxyHeaders identity = IdentityHeaders.read(
                headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Id", "u1", "X-Vendo-User-Email", "a@example.com"));
        assertFalse(identity.toString().contains(JWT));
        assertFalse(identity.toString().contains("a@example.com"));
        assertTrue(identity.toString().contains("u1"));
    }

    // The map form, used by Vendo.forRequest(Map).

    @Test
    void findsAHeaderInAMapWhateverItsCaseAndShape() {
        assertEquals("t1", IdentityHeaders.single(Map.of("x-vendo-user-jwt", "t1"), "X-Vendo-User-JWT"));
        assertEquals("t1", IdentityHeaders.single(Map.of("X-VENDO-USER-JWT", "t1"), "X-Vendo-User-JWT"));
        assertEquals("t1", IdentityHeaders.single(Map.of("X-Vendo-User-JWT", List.of("t1")), "X-Vendo-User-JWT"));
        assertEquals("t1", IdentityHeaders.single(Map.of("X-Vendo-User-JWT", new String[] {"t1"}), "X-Vendo-User-JWT"));
        assertEquals("t1", IdentityHeaders.single(Map.of("X-Vendo-User-JWT", Set.of("t1")), "X-Vendo-User-JWT"));
    }

    @Test
    void aMapAcceptsIdenticalRepeatsAndRejectsDifferentValuesInAnyShape() {
        Map<String, Object> sameTwice = new LinkedHashMap<>();
        sameTwice.put("X-Vendo-User-JWT", "t1");
        sameTwice.put("x-vendo-user-jwt", List.of("t1", " "));
        assertEquals("t1", IdentityHeaders.single(sameTwice, "X-Vendo-User-JWT"));
        Map<String, Object> twoKeys = new LinkedHashMap<>();
        twoKeys.put("X-Vendo-User-JWT", "t1");
        twoKeys.put("x-vendo-user-jwt", "t2");
        for (Map<String, ?> headers : List.<Map<String, ?>>of(
                Map.of("X-Vendo-User-JWT", List.of("t1", "t2")),
                Map.of("X-Vendo-User-JWT", new String[] {"t1", "t2"}),
                twoKeys)) {
            AuthError e = assertThrows(AuthError.class, () -> IdentityHeaders.single(headers, "X-Vendo-User-JWT"));
            assertEquals("identity_invalid", e.code());
        }
        assertThrows(IllegalArgumentException.class,
                () -> IdentityHeaders.single(Map.of("X-Vendo-User-JWT", 42), "X-Vendo-User-JWT"));
    }

    @Test
    void aHeaderOutsideTheIdentityHeadersGetsTheCallersErrorForTwoValues() {
        Function<String, List<Object>> lookup = IdentityHeaders.lookup(Map.of("vendo-timestamp", List.of("1", "2")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IdentityHeaders.single(lookup, "Vendo-Timestamp", IllegalStateException::new));
        assertTrue(e.getMessage().contains("two different Vendo-Timestamp values"), e.getMessage());
        assertEquals("1", IdentityHeaders.single(IdentityHeaders.lookup(Map.of("Vendo-Timestamp", List.of("1", " 1"))),
                "Vendo-Timestamp", IllegalStateException::new));
    }

    @Test
    void aOneValueLookupTurnsNullIntoNoValue() {
        Function<String, List<String>> lookup = IdentityHeaders.lookup(name -> name.equals("A") ? " a " : null);
        assertEquals(List.of(" a "), lookup.apply("A"));
        assertEquals(List.of(), lookup.apply("B"));
        assertEquals("a", IdentityHeaders.single(lookup, "A"));
        assertNull(IdentityHeaders.single(lookup, "B"));
    }

    @Test
    void forRequestTreatsAbsentNullAndBlankAsNotPresent() {
        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("X-Vendo-User-JWT", null);
        try (Vendo vendo = Vendo.builder().apiKey("vendo_sk_test").environment(Map.of()).build()) {
            for (Map<String, ?> headers : List.<Map<String, ?>>of(
                    Map.of(), Map.of("Authorization", "Bearer x"), withNull, Map.of("X-Vendo-User-JWT", "  "),
                    Map.of("X-Vendo-User-JWT", List.of()), Map.of("X-Vendo-User-JWT", List.of("", " ")),
                    Map.of("X-Vendo-User-JWT", new String[0]))) {
                IdentityNotPresent e = assertThrows(IdentityNotPresent.class, () -> vendo.forRequest(headers));
                assertEquals("identity_not_present", e.code());
            }
            assertThrows(IdentityNotPresent.class, () -> vendo.forRequest((Map<String, ?>) null));
            assertThrows(IdentityNotPresent.class, () -> vendo.forRequest(name -> null));
            assertThrows(IdentityNotPresent.class, () -> vendo.forRequest(name -> " "));
        }
    }

    @Test
    void forRequestAndTheFilterShareTheStrictLineBreakRule() {
        try (Vendo vendo = Vendo.builder().apiKey("vendo_sk_test").environment(Map.of()).build()) {
            String withCrLf = JWT + "\r\n";
            AuthError viaMap = assertThrows(AuthError.class,
                    () -> vendo.forRequest(Map.of("X-Vendo-User-JWT", withCrLf)));
            AuthError viaLookup = assertThrows(AuthError.class, () -> vendo.forRequest(name -> withCrLf));
            AuthError viaForUser = assertThrows(AuthError.class, () -> vendo.forUser(withCrLf));
            for (AuthError e : List.of(viaMap, viaLookup, viaForUser)) {
                assertEquals("identity_invalid", e.code());
                assertTrue(e.getMessage().contains("control character"), e.getMessage());
            }
            rejected(headers("X-Vendo-User-JWT", withCrLf));
        }
    }

    @Test
    void headerBytesAreReadAsTheProxysUtf8() {
        String onTheWire = new String("Łukasz Jürgen".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertTrue(onTheWire.chars().anyMatch(c -> c >= 0x80 && c <= 0x9f), "a UTF-8 byte read as a C1 control");
        assertEquals("Łukasz Jürgen", IdentityHeaders.fromWire(onTheWire));
        assertEquals("plain", IdentityHeaders.fromWire("plain"));
        assertEquals("José", IdentityHeaders.fromWire("José"), "Latin-1 that is not UTF-8 stays");
        assertEquals("Łukasz", IdentityHeaders.fromWire("Łukasz"), "already decoded");
        rejected(headers("X-Vendo-User-Id", IdentityHeaders.fromWire("u\u00c2\u0085")));
    }
}
