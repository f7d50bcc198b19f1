package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.testing.RecordedRequest;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * Every integrations and billing call of a scoped view carries the user's JWT (Vendo answers them
 * for the tenant, the same for every user); the data proxy, which acts on the deployment's binding,
 * is refused on a view; no call of the root carries a JWT.
 */
class PlatformCallsScopingTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo);

    /** One of each call that reaches Vendo, in this order. */
    private static final List<String> PATHS = List.of("/api/integrations", "/api/integrations/google",
            "/api/billing/balance", "/api/billing/spend-caps", "/api/billing/usage", "/api/billing/usage",
            "/data-proxy/v1/execute", "/data-proxy/v1/execute");

    private static void everyCall(Vendo client) {
        everyTenantCall(client);
        client.data().execute("SLACK_POST_MESSAGE", Map.of("channel", "#general"));
        client.data().execute("SLACK_POST_MESSAGE");
    }

    private static void everyTenantCall(Vendo client) {
        client.integrations().list();
        client.integrations().get("google");
        client.integrations().envVars("openai");
        client.billing().balance();
        client.billing().spendCaps();
        client.billing().usage(Billing.Period.DAY);
        client.billing().usage();
    }

    @Test
    void aViewSendsTheUsersJwtOnEveryCall(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("tess").connect("slack");
        emulator.dataProxy().action("SLACK_POST_MESSAGE", "slack", "{\"ok\": true}");
        String jwt = emulator.mintUserJwt("tess");
        everyTenantCall(root.forUser(jwt));
        assertEveryRequest(emulator, PATHS.subList(0, 6),
                r -> assertEquals(List.of(jwt), r.headers("X-Vendo-User-JWT"), r.toString()));
        assertEquals("period=month", emulator.requests().get(5).query(), "usage() is this month's");
    }

    @Test
    void theRootNeverSendsOne(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("slack");
        emulator.dataProxy().action("SLACK_POST_MESSAGE", "slack", "{\"ok\": true}");
        root.forUser(emulator.mintUserJwt("uma")); // a view made first changes nothing for the root
        everyCall(root);
        assertEveryRequest(emulator, PATHS, r -> assertNull(r.header("X-Vendo-User-JWT"), r.toString()));
    }

    private static void assertEveryRequest(VendoEmulator emulator, List<String> paths,
            Consumer<RecordedRequest> check) {
        List<RecordedRequest> requests = emulator.requests();
        assertEquals(paths, requests.stream().map(RecordedRequest::path).toList());
        requests.forEach(r -> assertEquals(200, r.status(), r.toString()));
        requests.forEach(check);
    }
}
