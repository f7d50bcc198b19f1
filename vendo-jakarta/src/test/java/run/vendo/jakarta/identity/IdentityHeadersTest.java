package run.vendo.jakarta.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static IdentityResult.Rejected rejected(IdentityResult result) {
        IdentityResult.Rejected rejected = assertInstanceOf(IdentityResult.Rejected.class, result);
        assertEquals(401, rejected.status());
        assertEquals("identity_invalid", rejected.code());
        return rejected;
    }

    @Test
    void noHeadersMeansNobody() {
        assertSame(IdentityResult.ABSENT, IdentityHeaders.read(headers()));
        assertSame(IdentityResult.ABSENT, IdentityHeaders.read(name -> null));
    }

    @Test
    void otherHeadersWithoutATokenMeanNobody() {
        assertSame(IdentityResult.ABSENT, IdentityHeaders.read(headers("X-Vendo-User-Id", "u1", "X-Vendo-Role", "admin")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "   \t "})
    void blankTokenIsAbsent(String blank) {
        assertSame(IdentityResult.ABSENT, IdentityHeaders.read(headers("X-Vendo-User-JWT", blank)));
    }

    @Test
    void readsEveryHeader() {
        IdentityResult result = IdentityHeaders.read(headers(
                "x-vendo-user-jwt", " " + JWT + " ",
                "X-Vendo-User-Id", "user-1",
                "X-VENDO-USER-EMAIL", "a@example.com",
                "X-Vendo-User-Name", "Ada Lovelace",
                "X-Vendo-Tenant-Id", "tenant-9",
                "X-Vendo-Role", "member"));
        RequestIdentity identity = assertInstanceOf(IdentityResult.Present.class, result).identity();
        assertEquals(JWT, identity.jwt());
        assertEquals("user-1", identity.userId());
        assertEquals("a@example.com", identity.email());
        assertEquals("Ada Lovelace", identity.name());
        assertEquals("tenant-9", identity.tenantId());
        assertEquals("member", identity.role());
        assertTrue(identity.claims().isEmpty());
        assertFalse(identity.verified());
    }

    @Test
    void missingOptionalHeadersAreNull() {
        RequestIdentity identity = assertInstanceOf(IdentityResult.Present.class,
                IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-Role", "  "))).identity();
        assertNull(identity.userId());
        assertNull(identity.role());
    }

    @Test
    void identicalRepeatsAreFine() {
        assertInstanceOf(IdentityResult.Present.class,
                IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "x-vendo-user-jwt", JWT, "X-Vendo-User-JWT", "")));
    }

    @Test
    void twoDifferentTokensAreRejected() {
        IdentityResult.Rejected rejected =
                rejected(IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-JWT", JWT + "x")));
        assertTrue(rejected.message().contains("two different"), rejected.message());
        assertFalse(rejected.message().contains(JWT));
    }

    @Test
    void twoDifferentUserIdsAreRejected() {
        IdentityResult.Rejected rejected = rejected(IdentityHeaders.read(
                headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Id", "a", "X-Vendo-User-Id", "b")));
        assertTrue(rejected.message().contains("X-Vendo-User-Id"), rejected.message());
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
        "a.b\u0000.c",
        "a.b.c\u007f",
        "a.\u00e9.c",
        "a.b.\u2603",
    })
    void malformedTokensAreRejectedEarly(String token) {
        IdentityResult.Rejected rejected = rejected(IdentityHeaders.read(headers("X-Vendo-User-JWT", token)));
        assertFalse(rejected.message().contains(token), "the message names the header, never its value");
        assertTrue(rejected.message().contains("X-Vendo-User-JWT"), rejected.message());
    }

    @Test
    void oversizedTokenIsRejected() {
        String big = "a".repeat(3000) + "." + "b".repeat(1000) + "." + "c".repeat(200);
        IdentityResult.Rejected rejected = rejected(IdentityHeaders.read(headers("X-Vendo-User-JWT", big)));
        assertTrue(rejected.message().contains("4096"), rejected.message());
    }

    @Test
    void tokenAtTheSizeLimitIsAccepted() {
        String atLimit = "a".repeat(4094 - 2) + ".b.c";
        assertEquals(4096, atLimit.length());
        assertInstanceOf(IdentityResult.Present.class, IdentityHeaders.read(headers("X-Vendo-User-JWT", atLimit)));
    }

    @Test
    void controlCharactersInOtherHeadersAreRejected() {
        rejected(IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Name", "Ada\r\nX: y")));
        rejected(IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-Tenant-Id", "t\u0000")));
        rejected(IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Email", "x".repeat(1025))));
    }

    @Test
    void nonAsciiNamesAreKept() {
        RequestIdentity identity = assertInstanceOf(IdentityResult.Present.class,
                IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Name", "José Ñúñez"))).identity();
        assertEquals("José Ñúñez", identity.name());
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
    void toStringNeverPrintsTheToken() {
        RequestIdentity identity = assertInstanceOf(IdentityResult.Present.class,
                IdentityHeaders.read(headers("X-Vendo-User-JWT", JWT, "X-Vendo-User-Id", "u1"))).identity();
        assertFalse(identity.toString().contains(JWT));
        assertTrue(identity.toString().contains("u1"));
    }

    @Test
    void verifiedClaimsFillTheUserId() {
        RequestIdentity identity = new RequestIdentity(JWT, null, null, null, null, null, Map.of(), false)
                .withVerifiedClaims(Map.of("sub", "from-token"));
        assertEquals("from-token", identity.userId());
        assertTrue(identity.verified());
    }
}
