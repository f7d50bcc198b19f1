package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static run.vendo.jakarta.it.VendoAssertions.assertVendoError;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import java.io.File;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.testing.VendoEmulator;

/**
 * The sample application's WAR, exactly as its build makes it, deployed with the emulator's
 * settings: what an attacker who reaches it directly can and cannot make it do.
 */
@ExtendWith(ArquillianExtension.class)
class SampleIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";
    private static final String JSON = "application/json";

    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("it.sample-war"));
        return VendoWars.withSettings(ShrinkWrap.createFromZipFile(WebArchive.class, war),
                VendoWars.emulatorSettings(EMULATOR));
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(SampleIT.class, EMULATOR);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    private HttpResponse<String> job(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = JSON;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.post(base, "api/jobs", body, all);
    }

    @Test
    void aJobRunsForTheUserOfAVerifiedBodyJwtAndAnswersPlainJson() {
        String token = EMULATOR.user("job-user").connect("openai");
        HttpResponse<String> answer = job("{\"jwt\":\"" + EMULATOR.mintUserJwt("job-user") + "\"}");
        assertEquals(200, answer.statusCode(), () -> describe(answer));
        assertEquals(JSON, answer.headers().firstValue("Content-Type").orElse(""), "no server-internal parameter");
        assertTrue(answer.body().contains(token), () -> describe(answer));
    }

    @Test
    void malformedJobBodiesAreA400NotAServerError() {
        String jwt = EMULATOR.mintUserJwt("job-user");
        List<String> bodies = List.of(
                "{\"jwt\":\"" + jwt,                                   // truncated
                "\uFEFF{\"jwt\":\"" + jwt + "\"}",                     // byte-order mark
                "{\"jwt\":[\"" + jwt + "\"]}",                         // an array for jwt
                "[\"" + jwt + "\"]",                                   // not an object
                "[".repeat(5000) + "]".repeat(5000),                   // deep nesting
                "{\"jwt\":\"" + jwt + "\",\"slug\":" + "9".repeat(2000) + "}",
                "{\"jwt\":\"" + jwt + "\",\"slug\":\"\"}",
                "");
        for (String body : bodies) {
            HttpResponse<String> answer = job(body);
            assertEquals(400, answer.statusCode(), () -> describe(answer));
            assertTrue(answer.body().startsWith("{\"error\":{"), () -> describe(answer));
            assertFalse(answer.body().contains("Exception"), () -> describe(answer));
        }
    }

    @Test
    void aJobRefusesAForgedJwtAndAnotherUsersJwt() {
        EMULATOR.user("victim").connect("openai");
        String forged = EMULATOR.jwt("victim").signedByUnknownKey().sign();
        assertVendoError(job("{\"jwt\":\"" + forged + "\"}"), 401, "identity_invalid");
        String unsigned = EMULATOR.jwt("victim").unsigned();
        assertVendoError(job("{\"jwt\":\"" + unsigned + "\"}"), 401, "identity_invalid");

        String victims = EMULATOR.mintUserJwt("victim");
        HttpResponse<String> answer = job("{\"jwt\":\"" + victims + "\"}", JWT_HEADER,
                EMULATOR.mintUserJwt("attacker"));
        assertVendoError(answer, 403, "job_for_another_user");
        assertEquals(0, EMULATOR.tokenCalls("victim", "openai"), "nothing was fetched for the victim");
    }

    @Test
    void claimsTooDeepOrTooLargeAreRefusedNotAServerError() {
        Object deep = "bottom";
        for (int i = 0; i < 999; i++) {
            deep = List.of(deep);
        }
        String deepJwt = EMULATOR.jwt("deep").claim("x", deep).sign();
        assertVendoError(Http.get(base, "api/me", JWT_HEADER, deepJwt), 401, "identity_invalid");
        String hugeJwt = EMULATOR.jwt("huge").claim("n", new BigDecimal("1e999999999")).sign();
        assertVendoError(Http.get(base, "api/me", JWT_HEADER, hugeJwt), 401, "identity_invalid");

        String nested = EMULATOR.jwt("nested").claim("app_metadata", Map.of("a", List.of(Map.of("b", 1)))).sign();
        HttpResponse<String> me = Http.get(base, "api/me", JWT_HEADER, nested);
        assertEquals(200, me.statusCode(), () -> describe(me));
        assertTrue(me.body().contains("\"userId\":\"nested\""), () -> describe(me));
    }

    @Test
    void theDeploymentsTokensAreNeverServed() {
        String deploymentToken = EMULATOR.deployment().connect("notion");
        HttpResponse<String> old = Http.get(base, "api/deployment/token/notion");
        assertEquals(404, old.statusCode(), () -> describe(old));
        HttpResponse<String> listed = Http.get(base, "api/deployment/connections");
        assertEquals(200, listed.statusCode(), () -> describe(listed));
        assertTrue(listed.body().contains("\"slug\":\"notion\""), () -> describe(listed));
        assertFalse(listed.body().contains(deploymentToken), "no token in the listing");
    }

    @Test
    void answersCarryingAUsersTokenAreNotStorable() {
        EMULATOR.user("cached").connect("google");
        HttpResponse<String> answer = Http.get(base, "api/calendar", JWT_HEADER, EMULATOR.mintUserJwt("cached"));
        assertEquals(200, answer.statusCode(), () -> describe(answer));
        assertEquals(List.of("private, no-store"), answer.headers().allValues("Cache-Control"));
        assertTrue(answer.headers().allValues("Vary").stream().anyMatch(v -> v.contains(JWT_HEADER)),
                () -> describe(answer));
    }
}
