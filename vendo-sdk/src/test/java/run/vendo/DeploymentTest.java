package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 3a, deployment: {@code VENDO_TENANT_ID}, {@code VENDO_DEPLOYMENT_ID} and {@code
 * VENDO_DEPLOYMENT_SLUG} from the builder's environment, in any mode; running on Vendo when the
 * deployment id is set.
 */
class DeploymentTest {

    private static Deployment deployment(Map<String, String> env) {
        return Vendo.builder().environment(env).build().deployment();
    }

    @Test
    void readsTheBuildersEnvironment() {
        Deployment d = deployment(Map.of("VENDO_TENANT_ID", "ten_1", "VENDO_DEPLOYMENT_ID", " dep_1 ",
                "VENDO_DEPLOYMENT_SLUG", "crm"));
        assertEquals(Optional.of("ten_1"), d.tenantId());
        assertEquals(Optional.of("dep_1"), d.deploymentId());
        assertEquals(Optional.of("crm"), d.deploymentSlug());
        assertTrue(d.isRunningOnVendo());
    }

    @Test
    void nothingSetOrBlankIsEmptyAndNotOnVendo() {
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("VENDO_TENANT_ID", " ",
                "VENDO_DEPLOYMENT_ID", "", "VENDO_DEPLOYMENT_SLUG", "\t"))) {
            Deployment d = deployment(env);
            assertEquals(Optional.empty(), d.tenantId());
            assertEquals(Optional.empty(), d.deploymentId());
            assertEquals(Optional.empty(), d.deploymentSlug());
            assertFalse(d.isRunningOnVendo());
        }
    }

    @Test
    void onlyTheDeploymentIdSaysRunningOnVendo() {
        assertFalse(deployment(Map.of("VENDO_TENANT_ID", "ten_1", "VENDO_DEPLOYMENT_SLUG", "crm")).isRunningOnVendo());
        assertTrue(deployment(Map.of("VENDO_DEPLOYMENT_ID", "dep_1")).isRunningOnVendo());
    }

    @Test
    void worksInVendoModeAndNotOnAClosedClient() {
        Vendo vendo = Vendo.builder().environment(Map.of("VENDO_DEPLOYMENT_ID", "dep_1")).apiKey("vendo_sk_test")
                .build();
        assertEquals(Optional.of("dep_1"), vendo.deployment().deploymentId());
        vendo.close();
        assertThrows(IllegalStateException.class, vendo::deployment);
    }
}
