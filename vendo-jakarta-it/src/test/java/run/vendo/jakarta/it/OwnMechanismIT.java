package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static run.vendo.jakarta.it.VendoAssertions.assertOk;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.app.HeaderMechanism;
import run.vendo.testing.VendoEmulator;

/**
 * An application with its own Jakarta Security mechanism and {@code vendo.security.enabled} left
 * off: its mechanism alone decides who the caller is, the deployment has no second mechanism to
 * choose from, and the Vendo user is still in {@code VendoUserContext}.
 */
@ExtendWith(ArquillianExtension.class)
class OwnMechanismIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";

    private static final VendoEmulator EMULATOR = VendoEmulator.start();
    private static final String JWT = EMULATOR.jwt("alice")
            .claim("app_metadata", Map.of("roles", List.of("owner"))).sign();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ContainerSecurityIT.withRoles(VendoWars.app("own-mechanism.war", VendoWars.emulatorSettings(EMULATOR)))
                .addClass(HeaderMechanism.class);
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(OwnMechanismIT.class, EMULATOR, List.of(JWT));
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void theApplicationsMechanismDecidesWhoTheCallerIs() {
        assertOk("security=carol servlet=carol rest=carol owner=true rest-owner=true",
                Http.get(base, "api/secured/caller", JWT_HEADER, JWT, "X-Test-Caller", "carol"));
        assertOk("security=anonymous servlet=anonymous rest=anonymous owner=false rest-owner=false",
                Http.get(base, "api/secured/caller", JWT_HEADER, JWT));
        HttpResponse<String> me = Http.get(base, "api/me", JWT_HEADER, JWT, "X-Test-Caller", "carol");
        assertTrue(me.body().contains("userId=alice"), () -> describe(me));
    }
}
