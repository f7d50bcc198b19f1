package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code GET /api/deployments/me/connections} in the shape of Vendo's connections.mdx. */
class ConnectionsListTest {

    /** Every field of an entry, in the docs' order; nothing else ({@code connected_at}, {@code external_id}). */
    static final List<String> FIELDS = List.of("id", "slug", "display_name", "category", "profile", "status",
            "api_key", "base_url", "metadata", "context", "setup_url", "error_message", "env_bootstrap", "exclusive",
            "logo_url", "brand_color", "docs_url");

    private static Map<String, JsonObject> list(VendoEmulator emulator, String query) {
        Map<String, JsonObject> bySlug = new LinkedHashMap<>();
        for (JsonObject c : TestHttp.json(TestHttp.get(emulator, "/api/deployments/me/connections" + query))
                .getJsonArray("connections").getValuesAs(JsonObject.class)) {
            bySlug.put(c.getString("slug"), c);
        }
        return bySlug;
    }

    @Test
    void boundConnectionsComeFirstThenEverySupportedProviderAsAvailable() {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            emulator.deployment().connect("openai");
            emulator.deployment().connect("zzz-internal-tool");
            emulator.declareProviders("acme-crm");
            Map<String, JsonObject> list = list(emulator, "");
            List<String> slugs = List.copyOf(list.keySet());
            assertEquals(List.of("openai", "zzz-internal-tool"), slugs.subList(0, 2));
            assertTrue(slugs.containsAll(List.of("telegram", "notion", "supabase", "acme-crm")), slugs.toString());
            assertEquals("acme-crm", slugs.get(slugs.size() - 1), "declared providers after the catalogue");
            assertEquals(1, slugs.stream().filter("openai"::equals).count());
            for (JsonObject c : list.values()) {
                List<String> expected = c.containsKey("docs_url") ? FIELDS : FIELDS.subList(0, FIELDS.size() - 1);
                assertEquals(expected, List.copyOf(c.keySet()), c.getString("slug"));
            }
            assertFalse(list.get("zzz-internal-tool").containsKey("docs_url"), "undefined for an unknown provider");
            assertEquals("Zzz-internal-tool", list.get("zzz-internal-tool").getString("display_name"));
            assertEquals("composio_managed", list.get("zzz-internal-tool").getString("profile"));
        }
    }

    @Test
    void aManagedPoolConnectionCarriesTheAppKeyAndItsProxyOthersNeither() {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            emulator.deployment().connect("openai");
            emulator.deployment().connect("notion");
            Map<String, JsonObject> list = list(emulator, "");
            JsonObject openai = list.get("openai");
            assertTrue(openai.getString("id").startsWith("conn_"));
            assertEquals("OpenAI", openai.getString("display_name"));
            assertEquals("llm", openai.getString("category"));
            assertEquals("vendo_managed_pool", openai.getString("profile"));
            assertEquals("connected", openai.getString("status"));
            assertEquals(emulator.apiKey(), openai.getString("api_key"));
            assertEquals(emulator.baseUrl() + "/openai-proxy/v1", openai.getString("base_url"));
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, openai.getJsonObject("metadata"));
            assertTrue(openai.isNull("context"));
            assertTrue(openai.isNull("setup_url"));
            assertTrue(openai.isNull("error_message"));
            assertEquals("gateway", openai.getJsonObject("env_bootstrap").getString("restart"));
            assertEquals("OPENAI_API_KEY", openai.getJsonObject("env_bootstrap").getJsonArray("vars")
                    .getJsonObject(0).getString("name"));
            assertFalse(openai.getBoolean("exclusive"));
            assertEquals("#10A37F", openai.getString("brand_color"));

            JsonObject notion = list.get("notion");
            assertEquals("oauth_app_install", notion.getString("profile"));
            assertTrue(notion.isNull("api_key"));
            assertTrue(notion.isNull("base_url"));

            emulator.deployment().profile("notion", "vendo_managed_pool");
            assertEquals(emulator.apiKey(), list(emulator, "").get("notion").getString("api_key"));
        }
    }

    @Test
    void availableEntriesHaveNoIdButASetupUrlForThisDeployment() {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            JsonObject telegram = list(emulator, "").get("telegram");
            assertEquals(JsonValue.NULL, telegram.get("id"));
            assertEquals("available", telegram.getString("status"));
            assertEquals("byok_static", telegram.getString("profile"));
            assertEquals("messaging", telegram.getString("category"));
            assertEquals(emulator.baseUrl() + "/connections/connect/telegram?app=" + emulator.deploymentId(),
                    telegram.getString("setup_url"));
            assertTrue(telegram.isNull("api_key") && telegram.isNull("base_url") && telegram.isNull("context")
                    && telegram.isNull("error_message") && telegram.isNull("env_bootstrap"));
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, telegram.getJsonObject("metadata"));
            assertTrue(telegram.getBoolean("exclusive"));
        }
    }

    @Test
    void everyDocumentedStatusAndRevokedFallsBackToAvailable() {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            EmulatedIdentity deployment = emulator.deployment();
            deployment.connect("google");
            deployment.needsReauth("gmail");
            deployment.error("slack", "Slack rejected the stored credential.");
            deployment.revoke("github");
            deployment.revoke("zzz-legacy");
            Map<String, JsonObject> list = list(emulator, "");
            assertEquals("connected", list.get("google").getString("status"));
            assertEquals("needs_reauth", list.get("gmail").getString("status"));
            assertTrue(list.get("gmail").getString("error_message").contains("gmail"));
            assertTrue(list.get("gmail").isNull("setup_url"), "setup_url is for available entries only");
            assertEquals("error", list.get("slack").getString("status"));
            assertEquals("Slack rejected the stored credential.", list.get("slack").getString("error_message"));
            assertEquals("available", list.get("github").getString("status"), "revoked falls back to available");
            assertEquals(JsonValue.NULL, list.get("github").get("id"));
            assertFalse(list.containsKey("zzz-legacy"), "revoked and not supported: filtered out");
            assertEquals(Set.of("connected", "needs_reauth", "error", "available"),
                    Set.copyOf(list.values().stream().map(c -> c.getString("status")).toList()));
        }
    }

    @Test
    void credentialContextAndEnvBootstrapAreListedAsTheDocsSay() {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            emulator.deployment().credential("supabase", "SUPABASE_ACCESS_TOKEN", "sbp_0123456789abcdef")
                    .context("supabase", "{\"project_ref\": \"abcd1234\"}")
                    .envBootstrap("supabase", "{\"vars\": [{\"name\": \"SUPABASE_ACCESS_TOKEN\", \"value_from\":"
                            + " \"metadata.credential.SUPABASE_ACCESS_TOKEN\"}], \"restart\": \"gateway\"}")
                    .error("supabase", "Supabase rejected the stored credential.");
            emulator.deployment().credential("telegram", "TELEGRAM_BOT_TOKEN", "123:bot-secret")
                    .envBootstrap("telegram", null);
            JsonObject supabase = list(emulator, "").get("supabase");
            assertEquals("sbp_0123456789abcdef", supabase.getJsonObject("metadata").getJsonObject("credential")
                    .getString("SUPABASE_ACCESS_TOKEN"));
            assertEquals("abcd1234", supabase.getJsonObject("metadata").getJsonObject("context")
                    .getJsonObject("supabase").getString("project_ref"));
            assertEquals("abcd1234", supabase.getJsonObject("context").getString("project_ref"));
            assertEquals("metadata.credential.SUPABASE_ACCESS_TOKEN", supabase.getJsonObject("env_bootstrap")
                    .getJsonArray("vars").getJsonObject(0).getString("value_from"));
            assertEquals("oauth_app_install", supabase.getString("profile"));
            assertEquals("database", supabase.getString("category"));

            JsonObject telegram = list(emulator, "").get("telegram");
            assertEquals("connected", telegram.getString("status"));
            assertTrue(telegram.isNull("env_bootstrap"));
            assertEquals("123:bot-secret", telegram.getJsonObject("metadata").getJsonObject("credential")
                    .getString("TELEGRAM_BOT_TOKEN"));
            // A customize sandbox does not get the credentials of exclusive providers.
            Map<String, JsonObject> sandbox = list(emulator, "?sandbox=1");
            assertFalse(sandbox.get("telegram").getJsonObject("metadata").containsKey("credential"));
            assertTrue(sandbox.get("supabase").getJsonObject("metadata").containsKey("credential"));

            emulator.deployment().context("supabase", null);
            assertTrue(list(emulator, "").get("supabase").isNull("context"));
        }
    }
}
