package run.vendo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.testing.RawJwts;
import run.vendo.testing.VendoEmulator;

/**
 * DESIGN.md section 3a, {@code connectUrl}: {@code {baseUrl}/connections/connect/{slug}} with {@code
 * deployment_id}, {@code return_to} and {@code state}, each percent-encoded; never the App Key;
 * Vendo mode only; no deployment id is an {@link IllegalStateException} naming the variable.
 */
class ConnectUrlTest {

    private static final String API_KEY = "vendo_sk_never_in_a_url";

    private static Vendo client(Map<String, String> env) {
        return Vendo.builder().environment(env).baseUrl("https://vendo.test/prefix").apiKey(API_KEY).build();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
        return query;
    }

    @Test
    void namesTheDeploymentByItsId() {
        try (Vendo vendo = client(Map.of("VENDO_DEPLOYMENT_ID", "dep_123"))) {
            assertEquals("https://vendo.test/prefix/connections/connect/google?deployment_id=dep_123",
                    vendo.connectUrl("google"));
            assertEquals(vendo.connectUrl("google"), vendo.connectUrl("google", null, null));
            assertEquals("https://vendo.test/prefix/connections/connect/google?deployment_id=dep_123&state=s1",
                    vendo.connectUrl("google", null, "s1"));
            assertEquals("https://vendo.test/prefix/connections/connect/google?deployment_id=dep_123"
                    + "&return_to=https%3A%2F%2Fapp.test%2Fdone&state=s1",
                    vendo.connectUrl("google", "https://app.test/done", "s1"));
        }
    }

    @Test
    void anEmptyReturnToOrStateIsLeftOut() {
        try (Vendo vendo = client(Map.of("VENDO_DEPLOYMENT_ID", "dep_123"))) {
            assertEquals(vendo.connectUrl("google"), vendo.connectUrl("google", "", ""));
        }
    }

    @Test
    void aBaseUrlEndingInApiLeadsToTheSite() {
        try (Vendo vendo = Vendo.builder().environment(Map.of("VENDO_DEPLOYMENT_ID", "dep_123"))
                .baseUrl("https://vendo.test/api").apiKey(API_KEY).build()) {
            assertEquals("https://vendo.test/connections/connect/google?deployment_id=dep_123",
                    vendo.connectUrl("google"));
        }
    }

    @Test
    void everyPartIsPercentEncoded() {
        String returnTo = "https://app.test/after?x=1&y=a b#frag";
        String state = "a+b=c/d?é&deployment_id=evil";
        try (Vendo vendo = client(Map.of("VENDO_DEPLOYMENT_ID", "dep 1&x=y"))) {
            String url = vendo.connectUrl("google drive/../x", returnTo, state);
            URI uri = URI.create(url);
            assertEquals("/prefix/connections/connect/google%20drive%2F..%2Fx", uri.getRawPath());
            assertEquals(Map.of("deployment_id", "dep 1&x=y", "return_to", returnTo, "state", state), query(url));
            assertEquals(3, uri.getRawQuery().split("&").length, url);
            assertTrue(url.chars().allMatch(c -> c > 0x20 && c < 0x7f), url);
            assertFalse(url.contains("#"), url);
        }
    }

    @Test
    void neverCarriesTheAppKeyOrTheUsersToken() {
        String jwt = RawJwts.expiringAt("alice", Instant.now().plusSeconds(3600));
        try (Vendo vendo = client(Map.of("VENDO_DEPLOYMENT_ID", "dep_123"))) {
            Vendo alice = vendo.forUser(jwt);
            String url = alice.connectUrl("google", "https://app.test/", "s");
            assertEquals(vendo.connectUrl("google", "https://app.test/", "s"), url);
            assertFalse(url.contains(API_KEY) || url.contains("vendo_sk") || url.contains("app_key"), url);
            assertFalse(url.contains(jwt) || url.contains(jwt.substring(0, jwt.indexOf('.'))), url);
        }
    }

    @Test
    void makesNoCallOnTheRootOrAView() {
        try (VendoEmulator emulator = VendoEmulator.start();
                Vendo vendo = EmulatorClients.builder(emulator, Map.of("VENDO_DEPLOYMENT_ID", "dep_123")).build()) {
            String url = vendo.forUser(emulator.mintUserJwt("alice")).connectUrl("google");
            assertEquals(emulator.baseUrl() + "/connections/connect/google?deployment_id=dep_123", url);
            assertEquals(0, emulator.calls());
        }
    }

    @Test
    void isAVendoOnlyFeature() {
        Vendo oss = Vendo.builder().environment(Map.of("VENDO_DEPLOYMENT_ID", "dep_123")).build();
        VendoOnlyFeature e = assertThrows(VendoOnlyFeature.class, () -> oss.connectUrl("google"));
        assertEquals(ErrorCodes.VENDO_ONLY_FEATURE, e.code());
        assertTrue(e.getMessage().contains("connectUrl"), e.getMessage());
        assertThrows(VendoOnlyFeature.class, () -> oss.connectUrl(" ", null, null), "the mode is checked first");
    }

    @Test
    void withoutADeploymentIdItNamesTheVariable() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("VENDO_DEPLOYMENT_ID", " "))) {
            try (Vendo vendo = client(env)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> vendo.connectUrl("google"));
                assertTrue(e.getMessage().contains("VENDO_DEPLOYMENT_ID"), e.getMessage());
                assertFalse(e.getMessage().contains(API_KEY), e.getMessage());
            }
        }
    }

    @Test
    void aBlankSlugOrAClosedClientIsRefused() {
        Vendo vendo = client(Map.of("VENDO_DEPLOYMENT_ID", "dep_123"));
        assertThrows(IllegalArgumentException.class, () -> vendo.connectUrl(" "));
        assertThrows(IllegalArgumentException.class, () -> vendo.connectUrl(null, "https://app.test/", null));
        assertEquals("https://vendo.test/prefix/connections/connect/google?deployment_id=dep_123",
                vendo.connectUrl(" google "));
        vendo.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> vendo.connectUrl("google"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
