package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API key and API version checks, routing and request recording. */
class AuthenticationTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    private static HttpRequest.Builder bare(VendoEmulator emulator, String path) {
        return HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
    }

    @Test
    void aMissingApiKeyIsAnswered401AppUnknownInHeaderAndFlatBody() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google");
        HttpResponse<String> r = TestHttp.send(bare(emulator, "/credentials/google")
                .header("Vendo-API-Version", TestHttp.API_VERSION));
        TestHttp.assertWorkerError(r, 401, "app_unknown");
        assertEquals(0, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
    }

    @Test
    void aWrongApiKeyOrSchemeIsRejectedAndNeverEchoed() {
        VendoEmulator emulator = vendo.emulator();
        for (String auth : List.of("Bearer vendo_sk_test_wrong", emulator.apiKey(), "Basic " + emulator.apiKey(),
                "Bearer " + emulator.apiKey() + "x")) {
            HttpResponse<String> r = TestHttp.send(bare(emulator, "/credentials/google")
                    .header("Authorization", auth)
                    .header("Vendo-API-Version", TestHttp.API_VERSION));
            assertEquals(401, r.statusCode(), "rejected");
            assertEquals("app_unknown", TestHttp.errorCode(r));
            assertFalse(r.body().contains(emulator.apiKey()));
        }
        assertEquals(4, emulator.calls());
        assertNull(emulator.requests().get(0).identity());
        assertEquals(401, emulator.requests().get(0).status());
    }

    @Test
    void noEndpointRequiresAnApiVersionAsOnVendo() {
        VendoEmulator emulator = vendo.emulator();
        String token = emulator.deployment().connect("google");
        HttpResponse<String> r = TestHttp.send(bare(emulator, "/credentials/google")
                .header("Authorization", "Bearer " + emulator.apiKey()));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(token, TestHttp.json(r).getString("access_token"));
        for (String path : List.of("/credentials/_bulk?slugs=google", "/api/deployments/me/connections",
                "/api/billing/balance", "/api/integrations")) {
            HttpResponse<String> answer = TestHttp.send(bare(emulator, path)
                    .header("Authorization", "Bearer " + emulator.apiKey()));
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        }
        HttpResponse<String> anyVersion = TestHttp.send(bare(emulator, "/credentials/google")
                .header("Authorization", "Bearer " + emulator.apiKey()).header("Vendo-API-Version", "1999-01-01"));
        assertEquals(200, anyVersion.statusCode());
    }

    @Test
    void jwksNeedsNoAuthAndIsCountedApart() {
        VendoEmulator emulator = vendo.emulator();
        HttpResponse<String> r = TestHttp.send(bare(emulator, "/auth/v1/.well-known/jwks.json"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals(2, TestHttp.json(r).getJsonArray("keys").size());
        assertEquals(1, emulator.jwksCalls());
        assertEquals(0, emulator.calls());
        assertEquals(1, emulator.calls("/auth/v1/.well-known/jwks.json"));
        assertEquals(1, emulator.requests().size());
    }

    @Test
    void unknownPathsAre404NotFoundAfterAuthentication() {
        VendoEmulator emulator = vendo.emulator();
        HttpResponse<String> r = TestHttp.get(emulator, "/api/nothing/here");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", TestHttp.errorCode(r));
        assertEquals(404, TestHttp.get(emulator, "/credentials/").statusCode());
        assertEquals(404, TestHttp.get(emulator, "/credentials/a/b").statusCode());
        HttpResponse<String> anonymous = TestHttp.send(bare(emulator, "/api/nothing/here"));
        assertEquals(401, anonymous.statusCode());
        assertEquals(4, emulator.calls());
    }

    @Test
    void otherMethodsAre405() {
        VendoEmulator emulator = vendo.emulator();
        HttpResponse<String> r = TestHttp.send(TestHttp.authorized(emulator, "/credentials/google")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(405, r.statusCode());
        assertEquals("GET", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void requestsAreRecordedInOrderWithHeadersQueryIdentityAndStatus() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google");
        emulator.user("rec").connect("notion");
        TestHttp.get(emulator, "/credentials/google");
        TestHttp.getAs(emulator, "/credentials/_bulk?slugs=notion,slack", emulator.mintUserJwt("rec"));
        TestHttp.send(bare(emulator, "/credentials/google"));
        List<RecordedRequest> requests = emulator.requests();
        assertEquals(3, requests.size());
        RecordedRequest first = requests.get(0);
        assertEquals("GET", first.method());
        assertEquals("/credentials/google", first.path());
        assertNull(first.query());
        assertEquals(TestHttp.API_VERSION, first.header("vendo-api-version"));
        assertEquals("Bearer " + emulator.apiKey(), first.header("AUTHORIZATION"));
        assertEquals(List.of(), first.headers("X-Vendo-User-JWT"));
        assertEquals(VendoEmulator.DEPLOYMENT, first.identity());
        assertEquals(200, first.status());
        assertFalse(first.toString().contains(emulator.apiKey()));
        RecordedRequest second = requests.get(1);
        assertEquals("slugs=notion,slack", second.query());
        assertEquals("rec", second.identity());
        assertEquals(1, second.headers("x-vendo-user-jwt").size());
        assertTrue(second.sequence() > first.sequence());
        assertNull(requests.get(2).identity());
        assertEquals(401, requests.get(2).status());
    }
}
