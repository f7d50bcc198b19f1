package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static run.vendo.jakarta.it.VendoAssertions.assertVendoError;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
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
 * A deployment without an API key (OSS mode) whose identity-token verification points at a JWKS
 * that cannot be reached (a closed loopback port). Two behaviours, one server start:
 * <ul>
 *   <li>OSS mode: {@code @VendoUser Vendo} answers 501 {@code vendo_only_feature}, with or without
 *       a user; {@code VENDO_TOKEN_<SLUG>} overrides still work. No {@code VENDO_API_KEY} may be set
 *       in failsafe's environment for this to hold.
 *   <li>Verification fails closed: a well-formed, correctly signed JWT gets 503 {@code
 *       identity_verifier_unavailable}, never a 200, and the resource does not run.
 *   <li>Remapping: the WAR's {@code web.xml} maps {@code VendoIdentityFilter} to the user resources
 *       only, which replaces the fragment's {@code /*}: on other paths a token is not even looked
 *       at (no 503 there although the JWKS is down).
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
class OssModeIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";

    /** Only mints tokens: the deployment never talks to it. */
    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    /** The filter on the user resources only; {@code /api/job/*} and {@code /api/runs} are left out. */
    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                     version="6.0">
              <filter-mapping>
                <filter-name>VendoIdentityFilter</filter-name>
                <url-pattern>/api/user/*</url-pattern>
                <url-pattern>/api/app-user/*</url-pattern>
                <url-pattern>/api/me</url-pattern>
              </filter-mapping>
            </web-app>
            """;

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("vendo.jwt.jwks-url", "http://127.0.0.1:" + closedPort() + "/auth/v1/.well-known/jwks.json");
        settings.put("vendo.jwt.issuer", EMULATOR.issuer());
        settings.put("vendo.connect-timeout", "2s");
        return VendoWars.app("oss-mode.war", settings).setWebXML(new StringAsset(WEB_XML));
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(OssModeIT.class, EMULATOR);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void vendoUserIsAVendoOnlyFeature() {
        assertVendoError(Http.get(base, "api/user/token/google"), 501, "vendo_only_feature");
        assertVendoError(Http.get(base, "api/app-user/token/google"), 501, "vendo_only_feature");
    }

    @Test
    void tokenOverridesWorkInOssMode() {
        assertEquals("from-env", Http.getOk(base, "api/job/deployment-token/envslug"));
    }

    @Test
    void unreachableJwksFailsClosed() {
        int runsBefore = resourceRuns();
        String jwt = EMULATOR.mintUserJwt("alice");
        for (String path : new String[] {"api/user/token/google", "api/app-user/token/google", "api/me"}) {
            HttpResponse<String> response = Http.get(base, path, JWT_HEADER, jwt);
            assertVendoError(response, 503, "identity_verifier_unavailable");
            assertTrue(response.headers().firstValue("Retry-After").isPresent(), () -> describe(response));
        }
        assertEquals(runsBefore, resourceRuns(), "a resource ran although the token could not be verified");
    }

    @Test
    void requestWithoutTokenStillPassesWhileTheJwksIsDown() {
        String body = Http.getOk(base, "api/me");
        assertTrue(body.contains("present=false\n"), body);
    }

    @Test
    void remappedFilterIgnoresTokensOutsideItsPatterns() {
        assumeFalse(ItServer.isLiberty(), "Open Liberty adds a web.xml filter-mapping to the jar's fragment mapping"
                + " (/*) instead of replacing it; there, remap by leaving 'vendo' out of <absolute-ordering>");
        HttpResponse<String> job = Http.get(base, "api/job/deployment-token/envslug", JWT_HEADER, "not-a-jwt");
        assertEquals(200, job.statusCode(), () -> describe(job));
        assertEquals("from-env", job.body());
        HttpResponse<String> runs = Http.get(base, "api/runs", JWT_HEADER, EMULATOR.mintUserJwt("bob"));
        assertEquals(200, runs.statusCode(), () -> describe(runs));
        // ... while a mapped path still fails closed on the very same bad token.
        assertVendoError(Http.get(base, "api/me", JWT_HEADER, "not-a-jwt"), 401, "identity_invalid");
    }

    private int resourceRuns() {
        return Integer.parseInt(Http.getOk(base, "api/runs").trim());
    }

    /** A loopback port that was free a moment ago and has nothing listening now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
