package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static run.vendo.jakarta.it.VendoAssertions.anonymousRefusalStatus;
import static run.vendo.jakarta.it.VendoAssertions.assertOk;
import static run.vendo.jakarta.it.VendoAssertions.assertVendoError;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.app.OwnerEjbResource;
import run.vendo.jakarta.it.app.OwnerOnlyBean;
import run.vendo.jakarta.it.app.SecuredResource;
import run.vendo.testing.UserJwtBuilder;
import run.vendo.testing.VendoEmulator;

/**
 * {@code vendo.security.enabled=true} with verified identity tokens and {@code
 * vendo.security.groups-claim=app_metadata.roles}: the Vendo user is the caller of Jakarta
 * Security, the servlet request and Jakarta REST, and {@code @RolesAllowed} on a resource method
 * and (on Payara and Liberty, which have an EJB container) an EJB admits a role from the verified claim
 * and refuses one the proxy's header asserts.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerSecurityIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";
    private static final String ROLE_HEADER = "X-Vendo-Role";

    private static final boolean HAS_EJB = ItServer.isPayara() || ItServer.isLiberty();

    private static final VendoEmulator EMULATOR = VendoEmulator.start();
    private static final List<String> MINTED = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive vendoSecurity() {
        Map<String, String> settings = VendoWars.emulatorSettings(EMULATOR);
        settings.put("vendo.security.enabled", "true");
        settings.put("vendo.security.groups-claim", "app_metadata.roles");
        return withRoles(VendoWars.app("secured.war", settings));
    }

    /**
     * The resources, and the descriptor RESTEasy needs to enforce {@code @RolesAllowed} on them. The
     * EJB only where there is an EJB container: WildFly's MicroProfile configuration has none.
     */
    static WebArchive withRoles(WebArchive war) {
        if (HAS_EJB) {
            war.addClasses(OwnerEjbResource.class, OwnerOnlyBean.class);
        }
        return war.addClass(SecuredResource.class).addAsWebInfResource(new StringAsset("""
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <context-param>
                    <param-name>resteasy.role.based.security</param-name>
                    <param-value>true</param-value>
                  </context-param>
                  <security-role><role-name>owner</role-name></security-role>
                </web-app>
                """), "web.xml");
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(ContainerSecurityIT.class, EMULATOR, MINTED);
        EMULATOR.close();
    }

    @ArquillianResource
    URL vendo;

    @Test
    void aRoleFromTheVerifiedClaimIsAdmittedEverywhere() {
        String jwt = mint(EMULATOR.jwt("alice").claim("app_metadata", Map.of("roles", List.of("owner", "billing"))));
        assertOk("security=alice servlet=alice rest=alice owner=true rest-owner=true",
                Http.get(vendo, "api/secured/caller", JWT_HEADER, jwt));
        assertOk("owner alice", Http.get(vendo, "api/secured/owner", JWT_HEADER, jwt));
        if (HAS_EJB) {
            assertOk("owner alice", Http.get(vendo, "api/secured-ejb/owner", JWT_HEADER, jwt));
        }
    }

    @Test
    void aRoleOnlyTheProxysHeaderAssertsIsRefused() {
        String jwt = mint(EMULATOR.jwt("bob"));
        assertOk("security=bob servlet=bob rest=bob owner=false rest-owner=false",
                Http.get(vendo, "api/secured/caller", JWT_HEADER, jwt, ROLE_HEADER, "owner"));
        HttpResponse<String> resource = Http.get(vendo, "api/secured/owner", JWT_HEADER, jwt, ROLE_HEADER, "owner");
        assertEquals(403, resource.statusCode(), () -> describe(resource));
        if (HAS_EJB) {
            HttpResponse<String> ejb = Http.get(vendo, "api/secured-ejb/owner", JWT_HEADER, jwt, ROLE_HEADER, "owner");
            assertEquals(403, ejb.statusCode(), () -> describe(ejb));
        }
    }

    @Test
    void aRequestWithoutIdentityIsAnonymousAndRefusedWhereARoleIsRequired() {
        assertOk("security=anonymous servlet=anonymous rest=anonymous owner=false rest-owner=false",
                Http.get(vendo, "api/secured/caller"));
        HttpResponse<String> resource = Http.get(vendo, "api/secured/owner", ROLE_HEADER, "owner");
        assertEquals(anonymousRefusalStatus(), resource.statusCode(), () -> describe(resource));
        if (HAS_EJB) {
            HttpResponse<String> ejb = Http.get(vendo, "api/secured-ejb/owner", ROLE_HEADER, "owner");
            assertEquals(403, ejb.statusCode(), () -> describe(ejb));
        }
    }

    @Test
    void aBadIdentityIsRefusedBeforeTheApplication() {
        assertVendoError(Http.get(vendo, "api/secured/caller", JWT_HEADER, "not.a.jwt"), 401, "identity_invalid");
        String forged = EMULATOR.jwt("mallory").claim("app_metadata", Map.of("roles", List.of("owner")))
                .signedByUnknownKey().sign();
        assertVendoError(Http.get(vendo, "api/secured/owner", JWT_HEADER, forged), 401, "identity_invalid");
    }

    private static String mint(UserJwtBuilder builder) {
        String jwt = builder.sign();
        MINTED.add(jwt);
        return jwt;
    }
}
