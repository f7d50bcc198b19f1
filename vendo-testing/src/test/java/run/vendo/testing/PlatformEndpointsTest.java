package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The integrations, billing and data proxy endpoints, over plain HTTP. */
class PlatformEndpointsTest {

    static VendoEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = VendoEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    @Test
    void integrationsAreListedInTheCanonicalAnonymousShapeAndLookedUpBySlug() {
        HttpResponse<String> r = TestHttp.get(emulator, "/api/integrations");
        assertEquals(200, r.statusCode());
        JsonObject body = TestHttp.json(r);
        assertEquals(List.of("integrations"), List.copyOf(body.keySet()));
        List<JsonObject> all = body.getJsonArray("integrations").getValuesAs(JsonObject.class);
        assertEquals(emulator.integrations().slugs(), all.stream().map(i -> i.getString("provider")).toList());
        for (JsonObject row : all) {
            assertEquals(List.of("provider", "name", "description", "category", "default_profile",
                    "supported_profiles", "logo_url", "icon_name", "docs_url", "env_bootstrap"),
                    List.copyOf(row.keySet()), row.getString("provider"));
        }
        JsonObject openrouter = all.stream().filter(i -> i.getString("provider").equals("openrouter")).findFirst()
                .orElseThrow();
        assertEquals("OpenRouter", openrouter.getString("name"));
        assertEquals("Unified gateway for LLM providers.", openrouter.getString("description"));
        assertEquals("llm", openrouter.getString("category"));
        assertEquals("vendo_managed_pool", openrouter.getString("default_profile"));
        assertEquals(List.of("vendo_managed_pool"), openrouter.getJsonArray("supported_profiles")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(openrouter.isNull("icon_name"));
        assertEquals("https://openrouter.ai/docs", openrouter.getString("docs_url"));
        assertEquals("gateway", openrouter.getJsonObject("env_bootstrap").getString("restart"));
        assertEquals("composio_managed", all.stream().filter(i -> i.getString("provider").equals("google"))
                .findFirst().orElseThrow().getString("default_profile"));

        assertEquals(openrouter, TestHttp.json(TestHttp.get(emulator, "/api/integrations/openrouter")));
        assertEquals(1, emulator.calls("/api/integrations"));
        assertEquals(1, emulator.calls("/api/integrations/openrouter"));

        HttpResponse<String> missing = TestHttp.get(emulator, "/api/integrations/no-such-tool");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"Not found\"}", missing.body());
        assertTrue(missing.headers().firstValue("Vendo-Error-Code").isEmpty());
    }

    @Test
    void integrationsCanBeReplacedAddedAndRemoved() {
        emulator.integrations().put("{\"provider\": \"linear\", \"logo_url\": \"javascript:alert(1)\"}");
        assertEquals("javascript:alert(1)",
                TestHttp.json(TestHttp.get(emulator, "/api/integrations/linear")).getString("logo_url"));
        emulator.integrations().remove("linear");
        assertEquals(404, TestHttp.get(emulator, "/api/integrations/linear").statusCode());
        assertFalse(emulator.integrations().slugs().contains("linear"));
        emulator.integrations().put("{\"slug\": \"legacy\", \"enabled\": true}");
        assertEquals("{\"slug\":\"legacy\",\"enabled\":true}",
                TestHttp.get(emulator, "/api/integrations/legacy").body(), "another shape, served as given");
        emulator.integrations().remove("legacy");
        assertThrows(IllegalArgumentException.class, () -> emulator.integrations().put("{\"name\": \"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> emulator.integrations().put("{\"provider\": \" \"}"));
        assertThrows(IllegalArgumentException.class, () -> emulator.integrations().put("[1]"));
    }

    @Test
    void billingServesItsDefaultsThenWhatWasSet() {
        JsonObject balance = TestHttp.json(TestHttp.get(emulator, "/api/billing/balance"));
        assertEquals(5_000_000, balance.getJsonNumber("credits_remaining_micros").longValue());
        assertEquals("USD", balance.getString("currency"));
        JsonObject caps = TestHttp.json(TestHttp.get(emulator, "/api/billing/spend-caps"));
        assertTrue(caps.isNull("daily_micros"));
        assertTrue(caps.isNull("monthly_micros"));

        emulator.billing().balance(42, "EUR", null).spendCaps(7L, null, 3, 4)
                .usage("month", "{\"total_micros\": 9}");
        balance = TestHttp.json(TestHttp.get(emulator, "/api/billing/balance"));
        assertEquals(42, balance.getJsonNumber("credits_remaining_micros").longValue());
        assertEquals("EUR", balance.getString("currency"));
        assertFalse(balance.containsKey("top_up_url"));
        caps = TestHttp.json(TestHttp.get(emulator, "/api/billing/spend-caps"));
        assertEquals(7, caps.getJsonNumber("daily_micros").longValue());
        assertEquals(3, caps.getJsonNumber("used_today_micros").longValue());
        assertEquals(9, TestHttp.json(TestHttp.get(emulator, "/api/billing/usage?period=month"))
                .getJsonNumber("total_micros").longValue());
        assertEquals("day", TestHttp.json(TestHttp.get(emulator, "/api/billing/usage?period=day"))
                .getString("period"));
        assertEquals(400, TestHttp.get(emulator, "/api/billing/usage?period=year").statusCode());
        assertEquals(3, emulator.calls("/api/billing/usage"));
    }

    @Test
    void theDataProxyNeedsTheToolkitConnectedThroughComposioForTheDeploymentWhateverUserJwtComes() {
        emulator.dataProxy().action("LINEAR_LIST_ISSUES", "linear", "[{\"id\": 1}]");
        String body = "{\"action_id\": \"LINEAR_LIST_ISSUES\", \"args\": {\"team\": \"core\"}}";
        HttpResponse<String> refused = post(body, null);
        assertEquals(403, refused.statusCode());
        assertEquals("binding_missing", TestHttp.json(refused).getString("error"));
        assertEquals("linear", TestHttp.json(refused).getString("toolkit"));

        String jwt = emulator.mintUserJwt("pia");
        emulator.user("pia").connect("linear");
        assertEquals(403, post(body, jwt).statusCode(), "a user's connection is not the deployment's binding");

        emulator.deployment().connect("linear");
        HttpResponse<String> ok = post(body, jwt);
        assertEquals(200, ok.statusCode());
        assertEquals(1, TestHttp.json(ok).getJsonArray("data").getJsonObject(0).getInt("id"));
        assertEquals(200, post(body, "not-a-jwt").statusCode(), "the user JWT is ignored, not verified");

        emulator.deployment().profile("linear", "oauth_app_install");
        assertEquals(403, post(body, null).statusCode(), "only a composio_managed connection serves actions");
        emulator.deployment().profile("linear", "composio_managed").needsReauth("linear");
        assertEquals(403, post(body, null).statusCode(), "only a connected one");
        emulator.deployment().disconnect("linear");

        assertEquals(6, emulator.calls(PlatformEndpoints.EXECUTE_PATH));
        RecordedRequest recorded = emulator.requests().get(2);
        assertEquals(body, recorded.body());
        assertEquals(VendoEmulator.DEPLOYMENT, recorded.identity());
        assertFalse(recorded.toString().contains("core"));
    }

    @Test
    void integrationsArePublicAndTheSameForEveryone() {
        String anonymous = TestHttp.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/integrations")))
                .body();
        assertEquals(anonymous, TestHttp.get(emulator, "/api/integrations").body());
        assertEquals(anonymous, TestHttp.getAs(emulator, "/api/integrations", emulator.mintUserJwt("pia")).body());
        assertEquals(anonymous, TestHttp.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                + "/api/integrations")).header("Authorization", "Bearer vendo_sk_wrong")).body());
        HttpResponse<String> post = TestHttp.send(TestHttp.authorized(emulator, "/api/integrations/google")
                .POST(HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")));
        assertEquals(401, post.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", post.body());
        assertEquals("{\"message\":\"Not found\"}", TestHttp.get(emulator, "/api/integrations/google/x").body());
    }

    @Test
    void billingIsTheTenantsForEveryCallerAndRefusesAsVendoDoes() {
        String deployment = TestHttp.get(emulator, "/api/billing/balance").body();
        assertEquals(deployment, TestHttp.getAs(emulator, "/api/billing/balance", emulator.mintUserJwt("pia")).body());
        assertEquals(deployment, TestHttp.getAs(emulator, "/api/billing/balance", "not-a-jwt").body(),
                "X-Vendo-User-JWT is ignored");
        HttpResponse<String> userBearer = TestHttp.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                + "/api/billing/balance")).header("Authorization", "Bearer " + emulator.mintUserJwt("pia")));
        assertEquals(200, userBearer.statusCode(), "billing takes an identity JWT as the bearer");
        assertEquals(deployment, userBearer.body());

        HttpResponse<String> missing = TestHttp.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                + "/api/billing/balance")));
        assertEquals(401, missing.statusCode());
        assertEquals("{\"error\":{\"message\":\"Missing Bearer token\"}}", missing.body());
        assertTrue(missing.headers().firstValue("Vendo-Error-Code").isEmpty());
        for (String bearer : new String[] {"vendo_sk_test_wrong", emulator.jwt("pia").signedByUnknownKey().sign(),
                "opaque"}) {
            HttpResponse<String> invalid = TestHttp.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl()
                    + "/api/billing/spend-caps")).header("Authorization", "Bearer " + bearer));
            assertEquals(401, invalid.statusCode());
            assertEquals("{\"error\":{\"message\":\"Invalid or revoked token\"}}", invalid.body());
        }
        emulator.revokeApiKey();
        assertEquals("{\"error\":{\"message\":\"Invalid or revoked token\"}}",
                TestHttp.get(emulator, "/api/billing/balance").body());
        assertEquals("{\"error\":{\"message\":\"Invalid or revoked token\"}}",
                TestHttp.get(emulator, "/api/deployments/me/connections").body());
    }

    @Test
    void connectionsRefuseAnythingButTheAppKeyWithVendosMessages() {
        String url = emulator.baseUrl() + "/api/deployments/me/connections";
        String missing = "{\"error\":{\"message\":\"Missing or invalid Bearer token\"}}";
        assertEquals(missing, TestHttp.send(HttpRequest.newBuilder(URI.create(url))).body());
        assertEquals(missing, TestHttp.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + emulator.mintUserJwt("pia"))).body(), "a JWT is no App Key");
        assertEquals(missing, TestHttp.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + emulator.apiKey())).body());
        HttpResponse<String> other = TestHttp.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer vendo_sk_test_someone_else"));
        assertEquals(401, other.statusCode());
        assertEquals("{\"error\":{\"message\":\"Invalid or revoked token\"}}", other.body());
        assertTrue(other.headers().firstValue("Vendo-Error-Code").isEmpty());
    }

    @Test
    void theDataProxyAnswersWhatWasSetAndRefusesBadRequests() {
        emulator.dataProxy().answer("BROKEN", 502, "{\"error\": \"Upstream tool failed\"}");
        HttpResponse<String> broken = post("{\"action_id\": \"BROKEN\"}", null);
        assertEquals(502, broken.statusCode());
        assertEquals("Upstream tool failed", TestHttp.json(broken).getString("error"));
        HttpResponse<String> unknown = post("{\"action_id\": \"NOPE\", \"args\": {}}", null);
        assertEquals(400, unknown.statusCode());
        assertEquals("{\"error\":\"Action NOPE not found\"}", unknown.body());
        assertTrue(unknown.headers().firstValue("Vendo-Error-Code").isEmpty());
        assertEquals(400, post("not json", null).statusCode());
        assertEquals(400, post("{\"action_id\": \" \"}", null).statusCode());
        assertEquals(400, post("{\"action_id\": \"BROKEN\", \"args\": [1]}", null).statusCode());

        HttpResponse<String> get = TestHttp.get(emulator, PlatformEndpoints.EXECUTE_PATH);
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> anonymous = TestHttp.send(HttpRequest.newBuilder(
                URI.create(emulator.dataProxyUrl() + "/v1/execute"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"action_id\": \"BROKEN\"}")));
        assertEquals(401, anonymous.statusCode());
        assertEquals(emulator.dataProxyUrl(), emulator.environment().get("VENDO_DATA_PROXY_URL"));
        emulator.revokeApiKey();
        HttpResponse<String> revoked = post("{\"action_id\": \"BROKEN\"}", null);
        assertEquals(401, revoked.statusCode());
        assertEquals("app_revoked", revoked.headers().firstValue("Vendo-Error-Code").orElse(null));
    }

    private static HttpResponse<String> post(String body, String jwt) {
        HttpRequest.Builder request = TestHttp.authorized(emulator, PlatformEndpoints.EXECUTE_PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return TestHttp.send(jwt == null ? request : request.header("X-Vendo-User-JWT", jwt));
    }
}
