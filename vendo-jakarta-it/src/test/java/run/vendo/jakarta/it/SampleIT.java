package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static run.vendo.jakarta.it.VendoAssertions.anonymousRefusalStatus;
import static run.vendo.jakarta.it.VendoAssertions.assertVendoError;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.WebhookSigner;

/**
 * The sample application's WAR, exactly as its build makes it, deployed with the emulator's
 * settings, a webhook secret and the event stream on: what an attacker who reaches it directly can
 * and cannot make it do, and its event log fed by webhooks and the stream.
 */
@ExtendWith(ArquillianExtension.class)
class SampleIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";
    private static final String JSON = "application/json";

    private static final String WEBHOOK_SECRET = "whsec_sample_it_" + UUID.randomUUID();
    private static final Duration STREAM_WAIT = Duration.ofSeconds(60);
    /** Where the deployment's client lists its connections, on the emulator. */
    private static final String CONNECTIONS_UPSTREAM = "/api/deployments/me/connections";

    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        File war = new File(System.getProperty("it.sample-war"));
        Map<String, String> settings = new LinkedHashMap<>(VendoWars.emulatorSettings(EMULATOR));
        settings.put("vendo.webhook-secret", WEBHOOK_SECRET);
        settings.put("vendo.events.enabled", "true");
        settings.put("vendo.security.enabled", "true");
        settings.put("vendo.security.groups-claim", "app_metadata.roles");
        settings.put("google-api/mp-rest/url", EMULATOR.providerUrl());
        return VendoWars.withSettings(ShrinkWrap.createFromZipFile(WebArchive.class, war), settings);
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(SampleIT.class, EMULATOR);
        EMULATOR.close();
    }

    private HttpResponse<String> webhook(String body, Map<String, String> signed) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", JSON));
        signed.forEach((name, value) -> headers.addAll(List.of(name, value)));
        return Http.post(base, "vendo/webhooks", body, headers.toArray(String[]::new));
    }

    /** The entries of {@code GET api/events/recent}, newest first. */
    private List<JsonObject> recentEvents() {
        String body = Http.getOk(base, "api/events/recent");
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject().getJsonArray("events").getValuesAs(JsonObject.class);
        }
    }

    private List<String> recentIds(String source) {
        return recentEvents().stream().filter(e -> source.equals(e.getString("source")))
                .map(e -> e.getString("id", null)).toList();
    }

    private static String newEventId() {
        return "evt_it_" + UUID.randomUUID().toString().replace("-", "");
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
    void theProviderIsCalledWithTheRequestUsersTokenAndNeverWithoutOne() {
        String jwt = EMULATOR.mintUserJwt("provider-user");
        EMULATOR.user("provider-user").connect("google");
        HttpResponse<String> answer = Http.get(base, "api/provider/whoami", JWT_HEADER, jwt);
        assertEquals(200, answer.statusCode(), () -> describe(answer));
        assertEquals("{\"identity\":\"provider-user\",\"slug\":\"google\"}", answer.body().replace(" ", ""));
        assertVendoError(Http.get(base, "api/provider/whoami"), 401, "identity_not_present");
    }

    @Test
    void adminIsForAnOwnerByVerifiedClaimNotByTheProxysRoleHeader() {
        String owner = EMULATOR.jwt("admin-user").claim("app_metadata", Map.of("roles", List.of("owner"))).sign();
        HttpResponse<String> admitted = Http.get(base, "api/admin", JWT_HEADER, owner);
        assertEquals(200, admitted.statusCode(), () -> describe(admitted));
        assertEquals("{\"caller\":\"admin-user\",\"role\":\"owner\"}", admitted.body());

        String plain = EMULATOR.mintUserJwt("plain-user");
        HttpResponse<String> forged = Http.get(base, "api/admin", JWT_HEADER, plain, "X-Vendo-Role", "owner");
        assertEquals(403, forged.statusCode(), () -> describe(forged));
        HttpResponse<String> anonymous = Http.get(base, "api/admin", "X-Vendo-Role", "owner");
        assertEquals(anonymousRefusalStatus(), anonymous.statusCode(), () -> describe(anonymous));
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
        HttpResponse<String> listed = Http.get(base, "api/deployment/connections", JWT_HEADER, ownerJwt("lister"));
        assertEquals(200, listed.statusCode(), () -> describe(listed));
        assertTrue(listed.body().contains("\"slug\":\"notion\""), () -> describe(listed));
        assertFalse(listed.body().contains(deploymentToken), "no token in the listing");
    }

    @Test
    void theDeploymentsConnectionsAreForAnOwnerAndARefusedRequestCallsVendoNever() {
        EMULATOR.deployment().connect("notion");
        int before = EMULATOR.calls(CONNECTIONS_UPSTREAM);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> anonymous = Http.get(base, "api/deployment/connections");
            assertEquals(anonymousRefusalStatus(), anonymous.statusCode(), () -> describe(anonymous));
        }
        HttpResponse<String> forged = Http.get(base, "api/deployment/connections", "X-Vendo-Role", "owner");
        assertEquals(anonymousRefusalStatus(), forged.statusCode(), () -> describe(forged));
        HttpResponse<String> plain = Http.get(base, "api/deployment/connections", JWT_HEADER,
                EMULATOR.mintUserJwt("plain-user"), "X-Vendo-Role", "owner");
        assertEquals(403, plain.statusCode(), () -> describe(plain));
        assertEquals(before, EMULATOR.calls(CONNECTIONS_UPSTREAM), "a refused request called Vendo");

        HttpResponse<String> owner = Http.get(base, "api/deployment/connections", JWT_HEADER, ownerJwt("owner-user"));
        assertEquals(200, owner.statusCode(), () -> describe(owner));
        assertTrue(owner.body().contains("\"slug\":\"notion\""), () -> describe(owner));
        assertEquals(before + 1, EMULATOR.calls(CONNECTIONS_UPSTREAM), "one call for the owner's request");
    }

    /** A JWT whose verified claim {@code app_metadata.roles} holds {@code owner}. */
    private static String ownerJwt(String userId) {
        return EMULATOR.jwt(userId).claim("app_metadata", Map.of("roles", List.of("owner"))).sign();
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

    @Test
    void aSignedWebhookIsAcknowledgedAndListedWithoutItsData() {
        String id = newEventId();
        String body = WebhookSigner.event(id, "connection.connected", Instant.now(),
                Map.of("slug", "google", "note", "not-for-the-list"));
        HttpResponse<String> answer = webhook(body, WebhookSigner.sign(WEBHOOK_SECRET, body));
        assertEquals(200, answer.statusCode(), () -> describe(answer));
        assertEquals("{\"received\":true}", answer.body());

        // The observer is synchronous: listed by the time the delivery was answered.
        JsonObject newest = recentEvents().get(0);
        assertEquals("webhook", newest.getString("source"));
        assertEquals(id, newest.getString("id"));
        assertEquals("connection.connected", newest.getString("type"));
        assertEquals("google", newest.getString("slug"));
        assertTrue(Math.abs(Duration.between(Instant.parse(newest.getString("receivedAt")), Instant.now())
                .toMinutes()) < 5, newest::toString);
        assertFalse(newest.toString().contains("not-for-the-list"), "never the event's data");
    }

    @Test
    void keepsTheLastTwentyNewestFirst() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            String id = newEventId();
            String body = WebhookSigner.event(id, "billing.usage_recorded", Instant.now(), Map.of("n", i));
            HttpResponse<String> answer = webhook(body, WebhookSigner.sign(WEBHOOK_SECRET, body));
            assertEquals(200, answer.statusCode(), () -> describe(answer));
            sent.add(0, id);
        }
        List<JsonObject> recent = recentEvents();
        assertEquals(20, recent.size());
        assertEquals(sent.subList(0, 20), recent.stream().map(e -> e.getString("id")).toList());
        assertFalse(recent.get(0).containsKey("slug"), "no slug in the data, none listed");
    }

    @Test
    void aBadlySignedWebhookIsA400AndNotListed() {
        String id = newEventId();
        String body = WebhookSigner.event(id, "connection.connected", Instant.now(), Map.of("slug", "google"));
        Map<String, String> signed = WebhookSigner.sign(WEBHOOK_SECRET, body);

        String tampered = body.replace("google", "gmail");
        assertVendoError(webhook(tampered, signed), 400, "webhook_invalid");
        assertVendoError(webhook(body, WebhookSigner.sign("whsec_another_secret", body)), 400, "webhook_invalid");
        assertVendoError(webhook(body, WebhookSigner.sign(WEBHOOK_SECRET, body, Instant.now().minusSeconds(600))),
                400, "webhook_invalid");
        assertVendoError(webhook(body, Map.of()), 400, "webhook_invalid");
        assertVendoError(Http.get(base, "vendo/webhooks"), 405, "method_not_allowed");

        assertFalse(recentIds("webhook").contains(id), "nothing fired for a delivery that did not verify");
    }

    @Test
    void anEventOnTheStreamIsListed() throws InterruptedException {
        long deadline = System.nanoTime() + STREAM_WAIT.toNanos();
        while (EMULATOR.events().openStreams() < 1) {
            assertTrue(System.nanoTime() < deadline, "the application opened no event stream within " + STREAM_WAIT);
            Thread.sleep(100);
        }
        String slug = "sample-it-" + UUID.randomUUID();
        String id = EMULATOR.events().emit("connection.connected", "{\"slug\":\"" + slug + "\",\"extra\":1}");
        while (true) {
            JsonObject listed = recentEvents().stream()
                    .filter(e -> "stream".equals(e.getString("source")) && id.equals(e.getString("id", null)))
                    .findFirst().orElse(null);
            if (listed != null) {
                assertEquals("connection.connected", listed.getString("type"));
                assertEquals(slug, listed.getString("slug"));
                assertFalse(listed.containsKey("extra"), "never the event's data");
                return;
            }
            assertTrue(System.nanoTime() < deadline, "stream event " + id + " not listed within " + STREAM_WAIT);
            Thread.sleep(100);
        }
    }
}
