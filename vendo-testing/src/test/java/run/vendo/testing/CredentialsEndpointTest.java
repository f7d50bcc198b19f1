package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The credentials, bulk and connections endpoints, with a fixed clock. */
class CredentialsEndpointTest {

    static final Instant START = Instant.parse("2026-05-20T14:00:00.750Z");
    static final MutableClock CLOCK = new MutableClock(START);
    static VendoEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = VendoEmulator.builder().clock(CLOCK).apiKey("vendo_sk_test_fixed_key").start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        CLOCK.set(START);
        emulator.reset();
    }

    @Test
    void aConnectedSlugIsServedAsTokenJsonExpiringOneHourAfterEachResponse() {
        String token = emulator.deployment().connect("google");
        assertTrue(token.startsWith("google-deployment-"), "generated token shape");
        HttpResponse<String> r = TestHttp.get(emulator, "/credentials/google");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonObject body = TestHttp.json(r);
        assertEquals(token, body.getString("access_token"));
        assertEquals("2026-05-20T15:00:00Z", body.getString("expires_at"));
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(3, body.size());

        CLOCK.advance(Duration.ofMinutes(30));
        assertEquals("2026-05-20T15:30:00Z", TestHttp.json(TestHttp.get(emulator, "/credentials/google"))
                .getString("expires_at"));
        assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
        assertEquals(2, emulator.calls("/credentials/google"));
    }

    @Test
    void generatedTokensLiveAsLongAsTheBuilderSays() {
        assertEquals(Duration.ofHours(1), emulator.tokenLifetime());
        try (VendoEmulator churning = VendoEmulator.builder().clock(CLOCK).apiKey("vendo_sk_test_fixed_key")
                .tokenLifetime(Duration.ofMinutes(2)).start().autoConnect("google")) {
            assertEquals(Duration.ofMinutes(2), churning.tokenLifetime());
            churning.deployment().connect("notion");
            assertEquals("2026-05-20T14:02:00Z",
                    TestHttp.json(TestHttp.get(churning, "/credentials/google")).getString("expires_at"));
            assertEquals("2026-05-20T14:02:00Z",
                    TestHttp.json(TestHttp.get(churning, "/credentials/notion")).getString("expires_at"));
            churning.user("alice");
            CLOCK.advance(Duration.ofMinutes(1));
            String alice = churning.mintUserJwt("alice");
            assertEquals("2026-05-20T14:03:00Z", TestHttp.json(TestHttp.getAs(churning, "/credentials/google",
                    alice)).getString("expires_at"));
        }
        assertThrows(IllegalArgumentException.class, () -> VendoEmulator.builder().tokenLifetime(Duration.ZERO));
    }

    @Test
    void aTokenWithoutTtlHasNullExpiryAndAFixedExpiryStaysFixed() {
        emulator.deployment().connect("openai", "sk-static", null);
        JsonObject body = TestHttp.json(TestHttp.get(emulator, "/credentials/openai"));
        assertEquals("sk-static", body.getString("access_token"));
        assertEquals(JsonValue.NULL, body.get("expires_at"));

        emulator.deployment().connect("notion", "n-1", Duration.ofMinutes(2));
        assertEquals("2026-05-20T14:02:00Z",
                TestHttp.json(TestHttp.get(emulator, "/credentials/notion")).getString("expires_at"));

        emulator.deployment().connectUntil("slack", "s-1", Instant.parse("2026-05-20T14:10:00Z"));
        CLOCK.advance(Duration.ofHours(2));
        assertEquals("2026-05-20T14:10:00Z",
                TestHttp.json(TestHttp.get(emulator, "/credentials/slack")).getString("expires_at"));
    }

    @Test
    void aMissingConnectionIs403BindingMissingInTheWorkersFlatForm() {
        HttpResponse<String> r = TestHttp.get(emulator, "/credentials/github");
        JsonObject body = TestHttp.assertWorkerError(r, 403, "binding_missing");
        assertTrue(body.getString("detail").contains("github"), body.toString());
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "github"));
    }

    @Test
    void needsReauthIs401RevokedIs403AndDisconnectIsBindingMissing() {
        emulator.deployment().connect("gmail");
        emulator.deployment().needsReauth("gmail");
        assertNull(emulator.deployment().token("gmail"));
        assertEquals("needs_reauth", emulator.deployment().status("gmail"));
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/gmail"), 401, "connection_needs_reauth");

        String fresh = emulator.deployment().connect("gmail");
        assertEquals(fresh, TestHttp.json(TestHttp.get(emulator, "/credentials/gmail")).getString("access_token"));

        emulator.deployment().revoke("gmail");
        assertEquals("revoked", emulator.deployment().status("gmail"));
        assertNull(emulator.deployment().token("gmail"));
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/gmail"), 403, "connection_revoked");

        emulator.deployment().error("gmail", "Gmail rejected the stored credential.");
        assertEquals("error", emulator.deployment().status("gmail"));
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/gmail"), 403, "binding_missing");

        emulator.deployment().disconnect("gmail");
        assertNull(emulator.deployment().token("gmail"));
        assertNull(emulator.deployment().status("gmail"));
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/gmail"), 403, "binding_missing");
        JsonObject tokens = TestHttp.json(TestHttp.get(emulator, "/credentials/_bulk?slugs=gmail"))
                .getJsonObject("tokens");
        assertEquals(JsonValue.NULL, tokens.get("gmail"));
    }

    @Test
    void aProviderNobodyMentionedIs404ProviderUnknownUntilDeclaredOrConnectedForAnyone() {
        JsonObject unknown = TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/acme-crm"), 404,
                "provider_unknown");
        assertTrue(unknown.getString("detail").contains("acme-crm"));
        assertFalse(emulator.knowsProvider("acme-crm"));
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "acme-crm"), "a lookup whatever the answer");
        assertEquals(JsonValue.NULL, TestHttp.json(TestHttp.get(emulator, "/credentials/_bulk?slugs=acme-crm"))
                .getJsonObject("tokens").get("acme-crm"));

        // Known once anyone connected it, even after a disconnect: the others are merely not bound.
        emulator.user("olga").connect("acme-crm");
        emulator.user("olga").disconnect("acme-crm");
        assertTrue(emulator.knowsProvider("acme-crm"));
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/acme-crm"), 403, "binding_missing");

        // Declared, or served by the integrations catalogue, or in the emulator's own catalogue.
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/initech"), 404, "provider_unknown");
        emulator.declareProviders("initech");
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/initech"), 403, "binding_missing");
        emulator.integrations().put("{\"provider\": \"globex\", \"name\": \"Globex\"}");
        assertTrue(emulator.knowsProvider("globex"));
        assertTrue(emulator.knowsProvider("telegram"));
        assertTrue(emulator.providers().containsAll(List.of("acme-crm", "initech", "globex", "openai")));
    }

    @Test
    void aUserOauthConnectionIs500ProfileUnsupported() {
        emulator.deployment().connect("linear-beta");
        emulator.deployment().profile("linear-beta", "user_oauth");
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/linear-beta"), 500, "profile_unsupported");
        assertEquals(JsonValue.NULL, TestHttp.json(TestHttp.get(emulator, "/credentials/_bulk?slugs=linear-beta"))
                .getJsonObject("tokens").get("linear-beta"));
        emulator.deployment().profile("linear-beta", "composio_managed");
        assertEquals(200, TestHttp.get(emulator, "/credentials/linear-beta").statusCode());
    }

    @Test
    void aBadRevokedOrExpiredAppKeyIs401InTheFlatFormWithoutTheKey() {
        emulator.deployment().connect("google");
        HttpResponse<String> wrong = TestHttp.send(TestHttp.authorized(emulator, "/credentials/google")
                .setHeader("Authorization", "Bearer vendo_sk_test_not_this_one"));
        JsonObject body = TestHttp.assertWorkerError(wrong, 401, "app_unknown");
        assertFalse(wrong.body().contains("vendo_sk_test"), wrong.body());

        emulator.revokeApiKey();
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/google"), 401, "app_revoked");
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/_bulk?slugs=google"), 401, "app_revoked");
        emulator.expireApiKey();
        HttpResponse<String> expired = TestHttp.get(emulator, "/credentials/google");
        TestHttp.assertWorkerError(expired, 401, "app_expired");
        assertFalse(expired.body().contains(emulator.apiKey()), expired.body());
        emulator.restoreApiKey();
        assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode());
        emulator.revokeApiKey();
        emulator.reset();
        assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode(), "reset restores the key");
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"), "rejected lookups do not count");
        assertTrue(body.getString("detail").contains("VENDO_API_KEY"));
    }

    @Test
    void everyWorkerErrorIsFlatEvenForABadIdentityAPathOrAMethod() {
        TestHttp.assertWorkerError(TestHttp.getAs(emulator, "/credentials/google", "not-a-jwt"), 401,
                "identity_invalid");
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/a/b"), 404, "not_found");
        HttpResponse<String> post = TestHttp.send(TestHttp.authorized(emulator, "/credentials/google")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        TestHttp.assertWorkerError(post, 405, "method_not_allowed");
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/_bulk"), 400, "validation_failed");
    }

    @Test
    void rotateServesANewToken() {
        String before = emulator.deployment().connect("google");
        String after = emulator.deployment().rotate("google");
        assertNotEquals(before, after);
        assertEquals(after, emulator.deployment().token("google"));
        assertEquals(after, TestHttp.json(TestHttp.get(emulator, "/credentials/google")).getString("access_token"));
    }

    @Test
    void aPercentEncodedSlugIsOneDecodedSegment() {
        String token = emulator.deployment().connect("odd/slug name", "odd-token", Duration.ofHours(1));
        HttpResponse<String> r = TestHttp.get(emulator, "/credentials/odd%2Fslug%20name");
        assertEquals(200, r.statusCode());
        assertEquals(token, TestHttp.json(r).getString("access_token"));
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "odd/slug name"));
        assertEquals("/credentials/odd%2Fslug%20name", emulator.requests().get(0).rawPath());
    }

    @Test
    void usersAreIsolatedFromEachOtherAndFromTheDeployment() {
        String alice = emulator.user("alice").connect("google");
        String bob = emulator.user("bob").connect("google");
        String deployment = emulator.deployment().connect("google");
        assertEquals(alice, TestHttp.json(TestHttp.getAs(emulator, "/credentials/google",
                emulator.mintUserJwt("alice"))).getString("access_token"));
        assertEquals(bob, TestHttp.json(TestHttp.getAs(emulator, "/credentials/google",
                emulator.mintUserJwt("bob"))).getString("access_token"));
        assertEquals(deployment, TestHttp.json(TestHttp.get(emulator, "/credentials/google"))
                .getString("access_token"));
        // carol has nothing, even though everyone else has google
        HttpResponse<String> carol = TestHttp.getAs(emulator, "/credentials/google", emulator.mintUserJwt("carol"));
        assertEquals(403, carol.statusCode());
        assertEquals(1, emulator.tokenCalls("alice", "google"));
        assertEquals(1, emulator.tokenCalls("bob", "google"));
        assertEquals(1, emulator.tokenCalls("carol", "google"));
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
    }

    @Test
    void bulkAnswersEverySlugWithATokenOrNullAndCountsEachLookup() {
        EmulatedIdentity dana = emulator.user("dana");
        String google = dana.connect("google");
        String notion = dana.connect("notion", "n-token", null);
        dana.connect("slack");
        dana.needsReauth("slack");
        HttpResponse<String> r = TestHttp.getAs(emulator, "/credentials/_bulk?slugs=google,notion,slack,github,google",
                emulator.mintUserJwt("dana"));
        assertEquals(200, r.statusCode());
        JsonObject tokens = TestHttp.json(r).getJsonObject("tokens");
        assertEquals(List.of("google", "notion", "slack", "github"), List.copyOf(tokens.keySet()));
        assertEquals(google, tokens.getJsonObject("google").getString("access_token"));
        assertEquals("2026-05-20T15:00:00Z", tokens.getJsonObject("google").getString("expires_at"));
        assertEquals("Bearer", tokens.getJsonObject("google").getString("token_type"));
        assertEquals(notion, tokens.getJsonObject("notion").getString("access_token"));
        assertEquals(JsonValue.NULL, tokens.getJsonObject("notion").get("expires_at"));
        assertEquals(JsonValue.NULL, tokens.get("slack"));
        assertEquals(JsonValue.NULL, tokens.get("github"));
        assertEquals(1, emulator.calls("/credentials/_bulk"));
        assertEquals(1, emulator.tokenCalls("dana", "google"));
        assertEquals(1, emulator.tokenCalls("dana", "github"));
        assertEquals(0, emulator.calls("/credentials/google"));
    }

    @Test
    void bulkWithoutSlugsIsValidationFailed() {
        TestHttp.assertWorkerError(TestHttp.get(emulator, "/credentials/_bulk"), 400, "validation_failed");
        assertEquals(400, TestHttp.get(emulator, "/credentials/_bulk?slugs=").statusCode());
    }

    @Test
    void connectionsListsTheDeploymentsConnectionsWhateverUserJwtComesWithTheRequest() {
        try (VendoEmulator own = VendoEmulator.builder().clock(CLOCK).start()) {
            own.deployment().connect("google");
            own.deployment().connect("mystery-tool");
            own.user("erin").connect("slack");
            for (String jwt : new String[] {null, own.mintUserJwt("erin"), "not-a-jwt"}) {
                HttpResponse<String> r = jwt == null ? TestHttp.get(own, "/api/deployments/me/connections")
                        : TestHttp.getAs(own, "/api/deployments/me/connections", jwt);
                assertEquals(200, r.statusCode(), r.body());
                List<JsonObject> list = TestHttp.json(r).getJsonArray("connections").getValuesAs(JsonObject.class);
                List<String> bound = list.stream().filter(c -> !c.getString("status").equals("available"))
                        .map(c -> c.getString("slug")).toList();
                assertEquals(List.of("google", "mystery-tool"), bound, "the deployment's, not erin's");
            }
            assertTrue(own.requests().stream().allMatch(r -> VendoEmulator.DEPLOYMENT.equals(r.identity())));
            assertEquals(0, own.tokenCalls("erin", "slack"));
        }
    }

    @Test
    void autoConnectGivesEveryIdentityItsOwnTokensEvenUnknownUsers() {
        try (VendoEmulator auto = VendoEmulator.start().autoConnect("google", "openai")) {
            JsonObject unknown = TestHttp.json(TestHttp.getAs(auto, "/credentials/_bulk?slugs=google,openai",
                    auto.mintUserJwt("never-seen"))).getJsonObject("tokens");
            String googleToken = unknown.getJsonObject("google").getString("access_token");
            assertTrue(googleToken.startsWith("google-never-seen-"));
            assertEquals(googleToken, auto.user("never-seen").token("google"));
            assertTrue(auto.deployment().token("openai").startsWith("openai-deployment-"));
            // a disconnect sticks
            auto.user("never-seen").disconnect("google");
            assertEquals(403, TestHttp.getAs(auto, "/credentials/google", auto.mintUserJwt("never-seen"))
                    .statusCode());
            // later slugs reach existing identities too
            auto.autoConnect("slack");
            assertTrue(auto.user("never-seen").token("slack").startsWith("slack-never-seen-"));
            List<JsonObject> connections = TestHttp.json(TestHttp.get(auto, "/api/deployments/me/connections"))
                    .getJsonArray("connections").getValuesAs(JsonObject.class);
            assertEquals(List.of("google", "openai", "slack"), connections.stream()
                    .filter(c -> c.getString("status").equals("connected")).map(c -> c.getString("slug")).toList());
        }
    }

    @Test
    void resetKeepsConnectionsButClearsCounters() {
        String token = emulator.deployment().connect("google");
        TestHttp.get(emulator, "/credentials/google");
        emulator.reset();
        assertEquals(0, emulator.calls());
        assertEquals(0, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
        assertEquals(List.of(), emulator.requests());
        assertEquals(token, emulator.deployment().token("google"));
    }
}
