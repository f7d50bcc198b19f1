package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static run.vendo.jakarta.it.VendoAssertions.assertToken;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.mpjwt.MpJwtApplication;
import run.vendo.jakarta.it.mpjwt.MpJwtResource;
import run.vendo.testing.VendoEmulator;

/**
 * An application that turns on the server's own MicroProfile JWT ({@code @LoginConfig(authMethod =
 * "MP-JWT")}, keys from the emulator's JWKS) next to the Vendo jar, whose SmallRye JWT copy is
 * shaded: the WAR deploys (no ambiguous {@code JsonWebToken} bean, WELD-001409), the injected
 * {@code JsonWebToken} is the server's, built from the bearer token, and {@code @VendoUser} still works.
 */
@ExtendWith(ArquillianExtension.class)
class MpJwtCoexistenceIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";

    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = VendoWars.emulatorSettings(EMULATOR);
        settings.put("mp.jwt.verify.publickey.location", EMULATOR.jwksUrl());
        settings.put("mp.jwt.verify.issuer", EMULATOR.issuer());
        return VendoWars.withSettings(ShrinkWrap.create(WebArchive.class, "mp-jwt.war")
                .addClasses(MpJwtApplication.class, MpJwtResource.class)
                .addClasses(VendoWars.RESOURCES)
                .addAsWebInfResource("smoke/beans.xml", "beans.xml")
                .addAsLibraries(WarLibraries.all()), settings);
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(MpJwtCoexistenceIT.class, EMULATOR);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    /** An RS256 identity token with the claims MP-JWT implementations look for. */
    private static String bearerFor(String user) {
        return EMULATOR.jwt(user).rs256()
                .claim("upn", user)
                .claim("groups", List.of("user"))
                .claim("jti", UUID.randomUUID().toString())
                .sign();
    }

    /**
     * Open Liberty's MP-JWT authenticates a request, and so gives it a {@code JsonWebToken}, only for a
     * protected resource; {@code api/mp-jwt} is unprotected on purpose (it reads the token where one is sent).
     */
    private static final String LIBERTY_MP_JWT = "Open Liberty's MP-JWT injects a JsonWebToken into protected"
            + " resources only, and api/mp-jwt is unprotected";

    @Test
    void serverMpJwtInjectsTheRealToken() {
        assumeFalse(ItServer.isLiberty(), LIBERTY_MP_JWT);
        HttpResponse<String> response = Http.get(base, "api/mp-jwt", "Authorization", "Bearer " + bearerFor("alice"));
        assertEquals(200, response.statusCode(), () -> describe(response));
        assertTrue(response.body().contains("subject=alice\n"), response.body());
        assertTrue(response.body().contains("name=alice\n"), response.body());
    }

    @Test
    void vendoUserWorksNextToMpJwt() {
        String token = EMULATOR.user("bob").connect("google");
        String jwt = bearerFor("bob");

        assertToken(token, Http.get(base, "api/user/token/google", JWT_HEADER, jwt, "Authorization", "Bearer " + jwt),
                "bob's token with both headers");
        assertToken(token, Http.get(base, "api/app-user/token/google", JWT_HEADER, EMULATOR.mintUserJwt("bob")),
                "bob's token with the identity header only");

        assumeFalse(ItServer.isLiberty(), LIBERTY_MP_JWT + "; the Vendo user was checked above");
        HttpResponse<String> mpJwt = Http.get(base, "api/mp-jwt", JWT_HEADER, jwt, "Authorization", "Bearer " + jwt);
        assertEquals(200, mpJwt.statusCode(), () -> describe(mpJwt));
        assertTrue(mpJwt.body().contains("subject=bob\n"), mpJwt.body());
    }

    @Test
    void vendoFilterStillRejectsABadIdentityToken() {
        VendoAssertions.assertVendoError(Http.get(base, "api/user/token/google", JWT_HEADER, "not-a-jwt"), 401,
                "identity_invalid");
    }
}
