package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.errors.AuthError;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Fault;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/** integrations(): list, get (404 = empty), field defaults, hostile links, and envVars without a network. */
class IntegrationsTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo,
            b -> ClientInternals.fastRetries(b, Duration.ofMillis(5)));

    private final VendoEmulator emulator = vendo.emulator();
    private final Vendo root = client.root();

    @Test
    void listGivesEveryIntegrationWithItsFields() {
        List<Integration> all = root.integrations().list();
        assertEquals(emulator.integrations().slugs(), all.stream().map(Integration::slug).toList());
        Integration google = all.stream().filter(i -> i.slug().equals("google")).findFirst().orElseThrow();
        assertEquals("Google", google.name());
        assertEquals("productivity", google.category());
        assertTrue(google.logoUrl().startsWith(emulator.baseUrl() + "/static/logos/google"), google.logoUrl());
        assertEquals("https://developers.google.com/", google.docsUrl());
        assertEquals(List.of("composio_managed"), google.supportedProfiles());
        assertEquals("composio_managed", google.defaultProfile());
        assertTrue(google.attributes().containsKey("env_bootstrap"), "the canonical shape's other fields are kept");
        assertFalse(google.enabled(), "the anonymous shape does not say");
        assertEquals(1, emulator.calls("/api/integrations"));
        assertThrows(UnsupportedOperationException.class, () -> all.add(google));
    }

    @Test
    void getFindsOneAndA404IsEmpty() {
        Integration notion = root.integrations().get("notion").orElseThrow();
        assertEquals("Notion", notion.name());
        assertEquals(Optional.empty(), root.integrations().get("no-such-tool"));
        assertEquals(1, emulator.calls("/api/integrations/notion"));
        assertEquals(1, emulator.calls("/api/integrations/no-such-tool"));
    }

    @Test
    void aSlugIsSentAsOnePercentEncodedPathSegment() {
        emulator.integrations().put("{\"slug\": \"my tool/x\", \"name\": \"Mine\"}");
        assertEquals("Mine", root.integrations().get(" my tool/x ").orElseThrow().name());
        assertEquals("/api/integrations/my%20tool%2Fx", emulator.requests().get(0).rawPath());
        emulator.integrations().remove("my tool/x");
    }

    @Test
    void errorsOtherThan404MapAsUsual() {
        emulator.inject(Fault.error(401, "app_revoked")).onPath("/api/integrations/google");
        assertEquals("app_revoked", assertThrows(AuthError.class, () -> root.integrations().get("google")).code());

        emulator.inject(Fault.status(503)).onPath("/api/integrations/google").always();
        UpstreamError down = assertThrows(UpstreamError.class, () -> root.integrations().get("google"));
        assertEquals("http_503", down.code());
        assertEquals(1 + 3, emulator.calls("/api/integrations/google"), "a GET is retried");

        emulator.reset();
        emulator.inject(Fault.error(404, "binding_missing")).onPath("/api/integrations");
        assertEquals(404, assertThrows(VendoError.class, () -> root.integrations().list()).status().getAsInt());
    }

    @Test
    void absentFieldsTakeTheDocumentedDefaults() {
        emulator.inject(Fault.raw(200, "application/json", "{\"integrations\": ["
                + "{\"slug\": \"a\", \"default_profile\": \"work\"},"
                + "{\"slug\": \"b\"},"
                + "{\"slug\": \"c\", \"supported_profiles\": [\"x\", \"y\"], \"default_profile\": \"x\","
                + " \"enabled\": true, \"featured\": true}]}"));
        List<Integration> all = root.integrations().list();
        Integration a = all.get(0);
        assertEquals(List.of("work"), a.supportedProfiles());
        assertFalse(a.featured());
        assertFalse(a.enabled());
        assertNull(a.name());
        assertNull(a.description());
        assertNull(a.logoUrl());
        assertEquals(List.of(), all.get(1).supportedProfiles());
        assertNull(all.get(1).defaultProfile());
        assertEquals(List.of("x", "y"), all.get(2).supportedProfiles());
        assertTrue(all.get(2).enabled());
        assertTrue(all.get(2).featured());
    }

    @Test
    void fieldsOfAnotherTypeCountAsAbsent() {
        emulator.inject(Fault.raw(200, "application/json", "{\"slug\": \"a\", \"name\": 7, \"enabled\": \"yes\","
                + " \"featured\": 1, \"supported_profiles\": [\"p\", 3], \"default_profile\": \"d\","
                + " \"logo_url\": {\"href\": \"https://x.test\"}}")).onPath("/api/integrations/a");
        Integration a = root.integrations().get("a").orElseThrow();
        assertNull(a.name());
        assertFalse(a.enabled());
        assertFalse(a.featured());
        assertEquals(List.of("d"), a.supportedProfiles());
        assertNull(a.logoUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,<b>x</b>", "/relative/logo.svg",
        "//evil.test/logo.svg", "https://user:pass@evil.test/logo.svg", "ftp://files.test/logo.svg", "https://",
        "not a url at all"})
    void linksThatAreNotAbsoluteHttpUrlsAreDropped(String hostile) {
        emulator.integrations().put("{\"slug\": \"hostile\", \"logo_url\": \"" + hostile + "\", \"docs_url\": \""
                + hostile + "\"}");
        Integration fromGet = root.integrations().get("hostile").orElseThrow();
        assertNull(fromGet.logoUrl());
        assertNull(fromGet.docsUrl());
        Integration fromList = root.integrations().list().stream().filter(i -> i.slug().equals("hostile"))
                .findFirst().orElseThrow();
        assertNull(fromList.logoUrl());
        assertNull(fromList.docsUrl());
        emulator.integrations().remove("hostile");
    }

    @Test
    void aLinkLongerThanTheLimitIsDropped() {
        String longUrl = "https://cdn.test/" + "a".repeat(600);
        emulator.integrations().put("{\"slug\": \"long\", \"logo_url\": \"" + longUrl + "\", \"docs_url\":"
                + " \"HTTPS://Docs.Test/page\"}");
        Integration long_ = root.integrations().get("long").orElseThrow();
        assertNull(long_.logoUrl());
        assertEquals("HTTPS://Docs.Test/page", long_.docsUrl());
        emulator.integrations().remove("long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"integrations\": {}}", "{\"integrations\": [1]}", "[1]", "\"x\"",
        "{\"integrations\": [{\"name\": \"no slug\"}]}", "[{\"name\": \"no slug\"}]", "not json"})
    void aListOfTheWrongShapeIsInvalid(String body) {
        emulator.inject(Fault.raw(200, "application/json", body));
        assertEquals("invalid_response", assertThrows(UpstreamError.class, () -> root.integrations().list()).code());
    }

    @Test
    void anIntegrationWithoutSlugIsInvalid() {
        emulator.inject(Fault.raw(200, "application/json", "{\"name\": \"x\"}"));
        assertEquals("invalid_response",
                assertThrows(UpstreamError.class, () -> root.integrations().get("x")).code());
    }

    @Test
    void listAndGetNeedVendoModeAndEnvVarsWorksWithoutANetwork() {
        try (Vendo oss = Vendo.builder().environment(Map.of()).build()) {
            assertFalse(oss.isVendoMode());
            Integrations integrations = oss.integrations();
            assertThrows(VendoOnlyFeature.class, integrations::list);
            assertThrows(VendoOnlyFeature.class, () -> integrations.get("google"));
            assertEquals(List.of("OPENAI_API_KEY"), integrations.envVars("openai"));
            assertEquals(List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"), integrations.envVars(" Slack "));
            assertEquals(List.of(), integrations.envVars("no-such-tool"));
            assertThrows(IllegalArgumentException.class, () -> integrations.envVars(" "));
            assertThrows(IllegalArgumentException.class, () -> integrations.envVars(null));
        }
        assertEquals(List.of("NOTION_API_TOKEN"), root.integrations().envVars("notion"));
        assertEquals(0, emulator.calls(), "envVars never calls Vendo");
    }

    @Test
    void aBlankSlugIsRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> root.integrations().get(" "));
        assertThrows(IllegalArgumentException.class, () -> root.integrations().get(null));
        assertEquals(0, emulator.calls());
    }

    @Test
    void aClosedClientRefusesEveryCall() {
        Integrations integrations = root.integrations();
        root.close();
        assertThrows(IllegalStateException.class, integrations::list);
        assertThrows(IllegalStateException.class, () -> integrations.envVars("openai"));
        assertThrows(IllegalStateException.class, root::integrations);
    }
}
