package run.vendo;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import run.vendo.errors.AuthError;
import run.vendo.errors.ErrorCodes;

/**
 * DESIGN.md section 3a, SSO: enabled when {@code VENDO_AUTH=1}; the identity read from the proxy's
 * {@code X-Vendo-*} headers whatever {@code VENDO_AUTH} says, by the rules of {@code forRequest}
 * (malformed or ambiguous is an {@code identity_invalid} {@link AuthError}); empty without {@code
 * X-Vendo-User-Id}.
 */
class SsoTest {

    private static final Map<String, String> ALL = Map.of("X-Vendo-User-Id", "u_1", "X-Vendo-User-Email",
            "ada@example.test", "X-Vendo-User-Name", "Ada Lovelace", "X-Vendo-Tenant-Id", "ten_1",
            "X-Vendo-Role", "owner");

    private static Sso sso(Map<String, String> env) {
        return Vendo.builder().environment(env).build().sso();
    }

    private static Sso sso() {
        return sso(Map.of());
    }

    @Test
    void enabledOnlyWhenVendoAuthIsOne() {
        assertTrue(sso(Map.of("VENDO_AUTH", "1")).isEnabled());
        assertTrue(sso(Map.of("VENDO_AUTH", " 1 ")).isEnabled());
        for (String other : new String[] {"0", "true", "yes", "", "11"}) {
            assertFalse(sso(Map.of("VENDO_AUTH", other)).isEnabled(), other);
        }
        assertFalse(sso().isEnabled());
    }

    @Test
    void readsEveryHeaderInAnyCaseAndEveryForm() {
        VendoIdentity expected = new VendoIdentity("u_1", "ada@example.test", "Ada Lovelace", "ten_1", "owner");
        assertEquals(Optional.of(expected), sso().identity(ALL));

        Map<String, Object> odd = Map.of("x-vendo-user-id", List.of("u_1", "u_1"), "X-VENDO-USER-EMAIL",
                new String[] {"ada@example.test"}, "x-Vendo-User-Name", " Ada Lovelace ", "x-vendo-tenant-id", "ten_1",
                "X-Vendo-Role", "owner");
        assertEquals(Optional.of(expected), sso().identity(odd));

        TreeMap<String, String> servlet = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        servlet.putAll(ALL);
        assertEquals(Optional.of(expected), sso().identity(servlet::get));
    }

    @Test
    void readsWhateverVendoAuthSays() {
        assertEquals("u_1", sso(Map.of("VENDO_AUTH", "0")).identity(ALL).orElseThrow().userId());
    }

    @Test
    void withoutAUserIdThereIsNoIdentity() {
        Map<String, String> noId = Map.of("X-Vendo-User-Email", "ada@example.test", "X-Vendo-Role", "owner");
        assertEquals(Optional.empty(), sso().identity(noId));
        assertEquals(Optional.empty(), sso().identity(Map.of("X-Vendo-User-Id", "  ")));
        assertEquals(Optional.empty(), sso().identity(name -> null));
    }

    @Test
    void onlyTheUserIdIsRequired() {
        VendoIdentity identity = sso().identity(Map.of("X-Vendo-User-Id", "u_2")).orElseThrow();
        assertEquals(new VendoIdentity("u_2", null, null, null, null), identity);
        assertTrue(identity.email().isEmpty() && identity.role().isEmpty());
    }

    @Test
    void aRoleOutsideTheDocumentedOnesIsPassedOnAsSent() {
        assertEquals(Optional.of("admin"),
                sso().identity(Map.of("X-Vendo-User-Id", "u_1", "X-Vendo-Role", "admin")).orElseThrow().role());
    }

    @Test
    void malformedOrAmbiguousHeadersAreRefusedAsForRequest() {
        List<Map<String, ?>> bad = List.of(
                Map.of("X-Vendo-User-Id", List.of("u_1", "u_2")),
                Map.of("X-Vendo-User-Id", "u_1", "x-vendo-user-id", "u_2"),
                Map.of("X-Vendo-User-Id", "u_1", "X-Vendo-User-Name", "Ada\r\nSet-Cookie: x=y"),
                Map.of("X-Vendo-User-Id", "u_1\u0000"),
                Map.of("X-Vendo-User-Id", "u_1", "X-Vendo-Tenant-Id", "t".repeat(1025)),
                Map.of("X-Vendo-User-Id", "u_1", "X-Vendo-User-JWT", "not-a-jwt"));
        for (Map<String, ?> headers : bad) {
            AuthError e = assertThrows(AuthError.class, () -> sso().identity(headers), headers.keySet().toString());
            assertEquals(ErrorCodes.IDENTITY_INVALID, e.code());
            assertFalse(e.getMessage().contains("Set-Cookie"), e.getMessage());
        }
        assertThrows(AuthError.class, () -> sso().identity(name -> "X-Vendo-Role".equals(name) ? "owner\u0085" : "u"));
    }

    @Test
    void aNameAServletDecodedAsIso88591IsReadAsTheProxysUtf8() {
        String onTheWire = new String("Jürgen Łukasz".getBytes(UTF_8), ISO_8859_1);
        TreeMap<String, String> servlet = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        servlet.put("X-Vendo-User-Id", "u_1");
        servlet.put("X-Vendo-User-Name", onTheWire);
        assertEquals(Optional.of("Jürgen Łukasz"), sso().identity(servlet::get).orElseThrow().name());
        assertEquals(Optional.of("Jürgen Łukasz"), sso().identity(servlet).orElseThrow().name());
        assertEquals(Optional.of("José"), sso().identity(Map.of("X-Vendo-User-Id", "u_1", "X-Vendo-User-Name",
                "José")).orElseThrow().name(), "already decoded text stays");
    }

    @Test
    void notOnAClosedClient() {
        Vendo vendo = Vendo.builder().environment(Map.of()).build();
        vendo.close();
        assertThrows(IllegalStateException.class, vendo::sso);
    }
}
