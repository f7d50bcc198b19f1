package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.app.OutboundResource;
import run.vendo.jakarta.it.app.ProviderClient;
import run.vendo.testing.VendoEmulator;

/**
 * {@code @VendoToken} on a MicroProfile Rest Client and {@code VendoTokenFilter} on a plain Jakarta
 * REST client, calling the emulator's stand-in provider, which echoes whose token it received: the
 * request's user's inside a request (each user's own under concurrent requests), the deployment's
 * in a job and where the annotation says so, never a user's outside a request; a token the provider
 * refuses is dropped, so the next call fetches a fresh one.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundTokenIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";

    private static final VendoEmulator EMULATOR = VendoEmulator.start().autoConnect("google");
    private static final List<String> MINTED = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = VendoWars.emulatorSettings(EMULATOR);
        settings.put("provider/mp-rest/url", EMULATOR.providerUrl());
        return VendoWars.app("outbound.war", settings).addClasses(ProviderClient.class, OutboundResource.class);
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(OutboundTokenIT.class, EMULATOR, MINTED);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void eachConcurrentRequestCarriesItsOwnUsersToken() throws Exception {
        int users = 8;
        int rounds = 6;
        List<String> jwts = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            jwts.add(mint("concurrent-" + u));
        }
        ExecutorService pool = Executors.newFixedThreadPool(users);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (String jwt : jwts) {
                    answers.add(pool.submit(() -> Http.get(base, "api/outbound/whoami", JWT_HEADER, jwt)));
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                assertWhoami("concurrent-" + (i % users), answers.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int u = 0; u < users; u++) {
            assertEquals(1, EMULATOR.tokenCalls("concurrent-" + u, "google"), "one fetch per user, then the cache");
        }
    }

    @Test
    void theAnnotationOnTheMethodWinsAndAPlainClientFiltersTheSame() {
        String jwt = mint("annotated");
        assertWhoami("deployment", Http.get(base, "api/outbound/whoami/deployment", JWT_HEADER, jwt));
        assertWhoami("annotated", Http.get(base, "api/outbound/whoami/plain", JWT_HEADER, jwt));
    }

    @Test
    void aJobOutsideARequestCarriesTheDeploymentsTokenAndNeverAUsersByDefault() {
        assertWhoami("deployment", Http.get(base, "api/outbound/job/whoami", JWT_HEADER, mint("job-caller")));
        HttpResponse<String> asUser = Http.get(base, "api/outbound/job/whoami-as-user", JWT_HEADER, mint("job-user"));
        assertEquals(500, asUser.statusCode(), () -> describe(asUser));
        assertTrue(asUser.body().contains("java.lang.IllegalStateException: @VendoToken(identity = USER)"),
                asUser::body);
        assertEquals(0, EMULATOR.tokenCalls("job-user", "google"));
    }

    @Test
    void aTokenTheProviderRefusesIsDroppedAndTheNextCallFetchesAnew() {
        String jwt = mint("revoked");
        assertWhoami("revoked", Http.get(base, "api/outbound/whoami", JWT_HEADER, jwt));
        assertEquals(1, EMULATOR.tokenCalls("revoked", "google"));

        EMULATOR.user("revoked").rotate("google"); // the provider now refuses the cached token
        HttpResponse<String> refused = Http.get(base, "api/outbound/whoami", JWT_HEADER, jwt);
        assertEquals(502, refused.statusCode(), () -> describe(refused));
        assertEquals("provider answered 401", refused.body());
        assertEquals(1, EMULATOR.tokenCalls("revoked", "google"), "the refused call is not repeated by us");

        assertWhoami("revoked", Http.get(base, "api/outbound/whoami", JWT_HEADER, jwt));
        assertEquals(2, EMULATOR.tokenCalls("revoked", "google"), "the next call fetched the new token");
        assertWhoami("revoked", Http.get(base, "api/outbound/whoami", JWT_HEADER, jwt));
        assertEquals(2, EMULATOR.tokenCalls("revoked", "google"), "and kept it");
    }

    @Test
    void aRequestWithoutAUserGetsVendosErrorNotTheDeploymentsToken() {
        HttpResponse<String> anonymous = Http.get(base, "api/outbound/whoami");
        assertEquals(500, anonymous.statusCode(), () -> describe(anonymous));
        assertTrue(anonymous.body().contains(NO_USER), anonymous::body);
        HttpResponse<String> plain = Http.get(base, "api/outbound/whoami/plain");
        assertEquals(500, plain.statusCode(), () -> describe(plain));
        assertTrue(plain.body().contains(NO_USER), plain::body);
    }

    private static String mint(String userId) {
        String jwt = EMULATOR.mintUserJwt(userId);
        synchronized (MINTED) {
            MINTED.add(jwt);
        }
        return jwt;
    }

    private static final String NO_USER = "run.vendo.errors.IdentityNotPresent: No user is signed in";

    private static void assertWhoami(String identity, HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> describe(response));
        String body = response.body().replace(" ", "");
        assertEquals("{\"identity\":\"" + identity + "\",\"slug\":\"google\"}", body, () -> "whoami of " + identity);
    }
}
