package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.errors.AuthError;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.RecordedRequest;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/** forRequest and forUser against the emulator, over real HTTP. */
class RequestScopingTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo);

    @Test
    void aScopedViewGetsTheUsersTokenAndTheRootTheDeployments(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        String alices = emulator.user("alice").connect("google");
        String deployments = emulator.deployment().connect("google");
        Vendo alice = root.forRequest(Map.of("X-Vendo-User-JWT", emulator.mintUserJwt("alice")));
        assertEquals(alices, alice.token("google"));
        assertEquals(deployments, root.token("google"));
        assertNotEquals(alices, deployments);
    }

    @Test
    void everyCallOfAViewCarriesTheUserJwtAndNoCallOfTheRootDoes(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("bob").connect("google");
        emulator.user("bob").connect("notion");
        emulator.deployment().connect("google");
        String jwt = emulator.mintUserJwt("bob");
        Vendo bob = root.forUser(jwt);
        bob.token("google");
        bob.tokens(List.of("notion"));
        bob.billing().balance();
        root.token("google");
        root.connections().list();
        List<RecordedRequest> requests = emulator.requests();
        assertEquals(5, requests.size());
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest r = requests.get(i);
            boolean user = i < 3; // bob's three calls came first
            assertEquals(user ? jwt : null, r.header("X-Vendo-User-JWT"), r.path());
            assertEquals(user ? 1 : 0, r.headers("X-Vendo-User-JWT").size());
            assertEquals("Bearer " + emulator.apiKey(), r.header("Authorization"));
            assertEquals("2026-05-15", r.header("Vendo-API-Version"), "the default API version");
            assertEquals("application/json", r.header("Accept"));
            assertTrue(r.header("User-Agent").startsWith("vendo-java/"), r.header("User-Agent"));
        }
        assertEquals(2, requests.stream().filter(r -> "bob".equals(r.identity())).count(),
                "the credentials worker resolves bob, billing answers for the tenant");
    }

    @Test
    void theLookupFunctionFormWorksLikeTheMap(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        String token = emulator.user("carol").connect("slack");
        String jwt = emulator.mintUserJwt("carol");
        Vendo carol = root.forRequest(name -> name.equalsIgnoreCase("x-vendo-user-jwt") ? jwt : null);
        assertEquals(token, carol.token("slack"));
    }

    @Test
    void ossModeRefusesScopingBeforeLookingAtTheHeader() {
        try (Vendo oss = Vendo.builder().environment(Map.of()).build()) {
            assertFalse(oss.isVendoMode());
            assertEquals("vendo_only_feature",
                    assertThrows(VendoOnlyFeature.class, () -> oss.forRequest(Map.of())).code());
            assertThrows(VendoOnlyFeature.class, () -> oss.forRequest(name -> null));
            assertThrows(VendoOnlyFeature.class, () -> oss.forUser("garbage"));
            assertThrows(VendoOnlyFeature.class, oss::connections);
        }
    }

    @Test
    void aMissingHeaderIsIdentityNotPresentAndBadTokensAreAuthErrorsWithoutAnyCall(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        assertThrows(IdentityNotPresent.class, () -> root.forRequest(Map.of("Accept", "text/plain")));
        assertThrows(IdentityNotPresent.class, () -> root.forRequest(Map.of("X-Vendo-User-JWT", " ")));
        AuthError expired = assertThrows(AuthError.class,
                () -> root.forUser(emulator.jwt("dave").expiresIn(Duration.ofMinutes(-5)).sign()));
        assertEquals("identity_expired", expired.code());
        assertEquals("identity_invalid", assertThrows(AuthError.class, () -> root.forUser("not-a-jwt")).code());
        assertThrows(AuthError.class, () -> root.forUser(""));
        assertThrows(AuthError.class, () -> root.forRequest(Map.of("X-Vendo-User-JWT",
                List.of(emulator.mintUserJwt("dave"), emulator.mintUserJwt("erin")))));
        assertEquals(0, emulator.calls());
    }

    @Test
    void aViewOwnsNothingAndDiesWithItsRoot() {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("frank").connect("google");
        String jwt = emulator.mintUserJwt("frank");
        Vendo root = EmulatorClients.client(emulator);
        Vendo frank = root.forUser(jwt);
        frank.close(); // a no-op on a view
        String token = frank.token("google");
        // A second view of the same token shares the root's cache: no second call.
        assertEquals(token, root.forUser(jwt).token("google"));
        assertEquals(1, emulator.tokenCalls("frank", "google"));
        assertEquals(0, ClientInternals.leasedConnections(root));
        root.close();
        root.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> frank.token("google"));
        assertThrows(IllegalStateException.class, () -> root.token("google"));
        assertThrows(IllegalStateException.class, () -> root.forUser(emulator.mintUserJwt("frank")));
        assertThrows(IllegalStateException.class, () -> frank.connections());
        assertThrows(IllegalStateException.class, () -> frank.tokens(List.of("google")));
        assertThrows(IllegalStateException.class, () -> frank.invalidate("google"));
    }

    @Test
    void aViewRefusesWhatVendoAnswersForTheDeploymentOnly(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("gina").connect("notion");
        emulator.deployment().connect("openai");
        Vendo gina = root.forUser(emulator.mintUserJwt("gina"));
        for (Runnable call : List.<Runnable>of(() -> gina.connections().list(),
                () -> gina.connections().get("notion"), () -> gina.events().subscribe(e -> { }),
                () -> gina.data().execute("NOTION_CREATE_PAGE"))) {
            VendoError e = assertThrows(VendoError.class, call::run);
            assertEquals(ErrorCodes.DEPLOYMENT_ONLY, e.code());
            assertTrue(e.getMessage().contains("root client"), e.getMessage());
        }
        assertEquals(0, emulator.requests().size(), "refused before any call");
        assertFalse(gina.token("notion").isEmpty(), "tokens stay the user's");
        assertTrue(root.connections().list().stream().anyMatch(c -> c.slug().equals("openai")));
    }

    @Test
    void toStringNeverShowsCredentials(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        String jwt = emulator.mintUserJwt("hank");
        Vendo hank = root.forUser(jwt);
        for (String text : new String[] {root.toString(), hank.toString()}) {
            assertFalse(text.contains(emulator.apiKey()));
            assertFalse(text.contains(jwt));
        }
    }
}
