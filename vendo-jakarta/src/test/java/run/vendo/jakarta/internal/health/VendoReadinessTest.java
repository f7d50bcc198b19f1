package run.vendo.jakarta.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.jakarta.testsupport.TestContainer;
import run.vendo.testing.VendoEmulatorExtension;

/** The readiness check in a Weld container against the emulator over loopback. */
class VendoReadinessTest {

    /** Started before all tests, reset before each, closed after all. */
    @RegisterExtension
    static final VendoEmulatorExtension VENDO = new VendoEmulatorExtension();

    private static Map<String, String> vendoMode(String apiKey) {
        Map<String, String> settings = new HashMap<>();
        settings.put("vendo.api-key", apiKey);
        settings.put("vendo.base-url", VENDO.emulator().baseUrl());
        settings.put("vendo.credentials-url", VENDO.emulator().credentialsUrl());
        settings.put("vendo.max-attempts", "1");
        return settings;
    }

    private static HealthCheckResponse check(Map<String, String> settings) {
        try (TestContainer container = TestContainer.start(settings, VendoReadiness.class)) {
            return container.get(VendoReadiness.class, Readiness.Literal.INSTANCE).call();
        }
    }

    private static Object data(HealthCheckResponse response, String key) {
        return response.getData().orElse(Map.of()).get(key);
    }

    @Test
    void upWhenVendoAcceptsTheAppKeyAndTheKeySetCanBeFetched() {
        Map<String, String> settings = vendoMode(VENDO.emulator().apiKey());
        settings.put("vendo.jwt.jwks-url", VENDO.emulator().jwksUrl());
        HealthCheckResponse response = check(settings);
        assertEquals("vendo", response.getName());
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("vendo", data(response, "mode"));
        assertEquals("on", data(response, "verification"));
        assertEquals(1, VENDO.emulator().calls("/api/deployments/me/connections"));
        assertEquals(1, VENDO.emulator().jwksCalls());
    }

    @Test
    void downWithTheReasonWhenTheAppKeyIsRefused() {
        HealthCheckResponse response = check(vendoMode("vendo_sk_not_the_emulators"));
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        // The connections route refuses an unknown key with the documented bare 401, no code.
        assertEquals("http_401", data(response, "reason"));
        assertFalse(response.getData().orElse(Map.of()).toString().contains("vendo_sk_"), "never the key");
    }

    @Test
    void downWhenTheKeySetCannotBeFetched() {
        Map<String, String> settings = vendoMode(VENDO.emulator().apiKey());
        settings.put("vendo.jwt.jwks-url", VENDO.emulator().baseUrl() + "/no/such/jwks.json");
        HealthCheckResponse response = check(settings);
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("identity_verifier_unavailable", data(response, "reason"));
    }

    @Test
    void aResultAnswersProbesForAWhileWithoutAskingVendoAgain() {
        String apiKey = VENDO.emulator().apiKey();
        try (TestContainer container = TestContainer.start(vendoMode(apiKey), VendoReadiness.class)) {
            VendoReadiness readiness = container.get(VendoReadiness.class, Readiness.Literal.INSTANCE);
            for (int i = 0; i < 5; i++) {
                assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
            }
            assertEquals(1, VENDO.emulator().calls("/api/deployments/me/connections"));
        }
    }

    @Test
    void ossModeIsUpWithoutACall() {
        HealthCheckResponse response = check(Map.of());
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("oss", data(response, "mode"));
        assertEquals(0, VENDO.emulator().requests().size());
    }
}
