package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link VendoEmulator#environment()}: what a deployment on Vendo sees, pointing at the emulator. */
class EnvironmentTest {

    @Test
    void givesEveryVariableADeploymentOnVendoHasInAFixedOrder() {
        try (VendoEmulator emulator = VendoEmulator.builder().apiKey("vendo_sk_test_env").start()) {
            Map<String, String> env = emulator.environment();
            assertEquals(List.of("VENDO_API_KEY", "VENDO_BASE_URL", "VENDO_CREDENTIALS_URL", "VENDO_DATA_PROXY_URL",
                    "VENDO_DEPLOYMENT_ID", "VENDO_TENANT_ID", "VENDO_DEPLOYMENT_SLUG", "VENDO_AUTH",
                    "VENDO_WEBHOOK_SECRET"), List.copyOf(env.keySet()));
            assertEquals("vendo_sk_test_env", env.get("VENDO_API_KEY"));
            assertEquals(emulator.baseUrl(), env.get("VENDO_BASE_URL"));
            assertEquals(emulator.credentialsUrl(), env.get("VENDO_CREDENTIALS_URL"));
            assertEquals(emulator.dataProxyUrl(), env.get("VENDO_DATA_PROXY_URL"));
            assertEquals(emulator.deploymentId(), env.get("VENDO_DEPLOYMENT_ID"));
            assertEquals(emulator.deploymentId(), UUID.fromString(emulator.deploymentId()).toString());
            assertEquals(emulator.tenantId(), env.get("VENDO_TENANT_ID"));
            assertEquals(emulator.tenantId(), UUID.fromString(emulator.tenantId()).toString());
            assertNotEquals(emulator.tenantId(), emulator.deploymentId());
            assertEquals(emulator.deploymentSlug(), env.get("VENDO_DEPLOYMENT_SLUG"));
            assertTrue(emulator.deploymentSlug().matches("emulator-[0-9a-f]{8}"), emulator.deploymentSlug());
            assertEquals("1", env.get("VENDO_AUTH"));
            assertEquals(emulator.webhookSecret(), env.get("VENDO_WEBHOOK_SECRET"));
            assertTrue(emulator.webhookSecret().matches("whsec_[0-9a-f]{32}"));
            assertThrows(UnsupportedOperationException.class, () -> env.put("VENDO_AUTH", "0"));

            // The deployment id is the one the emulator's own connect links name.
            String setupUrl = TestHttp.json(TestHttp.get(emulator, "/api/deployments/me/connections"))
                    .getJsonArray("connections").getJsonObject(0).getString("setup_url");
            assertTrue(setupUrl.endsWith("?app=" + env.get("VENDO_DEPLOYMENT_ID")), setupUrl);
        }
    }

    @Test
    void eachEmulatorIsItsOwnDeploymentAndKeepsAChosenWebhookSecret() {
        try (VendoEmulator a = VendoEmulator.start();
             VendoEmulator b = VendoEmulator.builder().webhookSecret("whsec_chosen").start()) {
            assertNotEquals(a.deploymentId(), b.deploymentId());
            assertNotEquals(a.tenantId(), b.tenantId());
            assertNotEquals(a.webhookSecret(), b.webhookSecret());
            assertEquals("whsec_chosen", b.environment().get("VENDO_WEBHOOK_SECRET"));
        }
    }
}
