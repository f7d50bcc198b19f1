package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static run.vendo.jakarta.it.VendoAssertions.assertVendoError;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.testing.VendoEmulator;

/**
 * A deployment whose {@code web.xml} switches the identity filter off (context parameter {@code
 * run.vendo.jakarta.FILTER_ENABLED=false}), in Vendo mode with verification configured: the filter
 * neither reads nor rejects identity tokens.
 *
 * <p>The same deployment (one server start fewer on Payara) checks where settings come from:
 * {@code VENDO_TOKEN_<SLUG>} read through MicroProfile Config from the environment (failsafe's
 * {@code VENDO_TOKEN_ENVSLUG}, {@code VENDO_TOKEN_SYSPROP}), a server system property ({@code
 * -DVENDO_TOKEN_SYSPROP} in arquillian.xml) and the WAR's {@code microprofile-config.properties},
 * with MicroProfile Config's precedence: system property over environment over the file.
 */
@ExtendWith(ArquillianExtension.class)
class FilterConfigurationIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";

    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                     version="6.0">
              <context-param>
                <param-name>run.vendo.jakarta.FILTER_ENABLED</param-name>
                <param-value>false</param-value>
              </context-param>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = VendoWars.emulatorSettings(EMULATOR);
        settings.put("VENDO_TOKEN_MPSLUG", "from-microprofile-config-properties");
        settings.put("VENDO_TOKEN_ENVSLUG", "from-microprofile-config-properties");
        return VendoWars.app("filter-off.war", settings)
                .setWebXML(new StringAsset(WEB_XML));
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(FilterConfigurationIT.class, EMULATOR);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void disabledFilterLeavesTheUserContextEmpty() {
        HttpResponse<String> me = Http.get(base, "api/me", JWT_HEADER, EMULATOR.mintUserJwt("alice"),
                "X-Vendo-User-Id", "alice");
        assertEquals(200, me.statusCode(), () -> describe(me));
        assertTrue(me.body().contains("present=false\n") && me.body().contains("userId=\n"), me.body());
    }

    @Test
    void disabledFilterDoesNotRejectABadToken() {
        HttpResponse<String> me = Http.get(base, "api/me", JWT_HEADER, "not-a-jwt");
        assertEquals(200, me.statusCode(), () -> describe(me));
        assertTrue(me.body().contains("present=false\n"), me.body());
    }

    @Test
    void vendoUserSeesNobodyWithoutTheFilter() {
        EMULATOR.user("bob").connect("google");
        assertVendoError(Http.get(base, "api/user/token/google", JWT_HEADER, EMULATOR.mintUserJwt("bob")),
                401, "identity_not_present");
        assertEquals(0, EMULATOR.tokenCalls("bob", "google"));
    }

    @Test
    void tokenOverrideFromTheEnvironmentWinsOverTheWarFile() {
        assertEquals("from-env", Http.getOk(base, "api/job/deployment-token/envslug"));
    }

    @Test
    void tokenOverrideFromASystemPropertyWinsOverTheEnvironment() {
        assertEquals("from-sysprop", Http.getOk(base, "api/job/deployment-token/sysprop"));
    }

    @Test
    void tokenOverrideFromMicroprofileConfigProperties() {
        assertEquals("from-microprofile-config-properties", Http.getOk(base, "api/job/deployment-token/mpslug"));
    }

    @Test
    void overridesNeverCallUpstream() {
        int before = EMULATOR.calls();
        Http.getOk(base, "api/job/deployment-token/envslug");
        Http.getOk(base, "api/job/deployment-token/mpslug");
        assertEquals(before, EMULATOR.calls());
    }
}
