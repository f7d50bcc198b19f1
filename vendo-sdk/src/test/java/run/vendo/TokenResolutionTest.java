package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.errors.NotConnected;
import run.vendo.testing.MutableClock;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/** The resolution chain, the cache and the bulk call, over real HTTP. */
class TokenResolutionTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo);

    @Test
    void anOverrideVariableWinsInVendoModeWithoutAnyCall() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google-calendar");
        try (Vendo root = EmulatorClients.builder(emulator, Map.of("VENDO_TOKEN_GOOGLE_CALENDAR", "from-env"))
                .build()) {
            assertEquals("from-env", root.token("google-calendar"));
            assertEquals("from-env", root.forUser(emulator.mintUserJwt("alice")).token("google-calendar"));
        }
        assertEquals(0, emulator.calls());
    }

    @Test
    void ossModeReadsOverridesThenTheByokCatalogue() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-openai", "VENDO_TOKEN_OPENAI", "override",
                "SLACK_BOT_TOKEN", "xoxb-1", "ANTHROPIC_API_KEY", "sk-ant");
        try (Vendo oss = Vendo.builder().environment(env).build()) {
            assertEquals("override", oss.token("openai"));
            assertEquals("xoxb-1", oss.token("slack"));
            assertEquals("sk-ant", oss.token("anthropic"));
            assertEquals(Map.of("openai", "override", "anthropic", "sk-ant"),
                    oss.tokens(List.of("openai", "anthropic", "notion")));
            NotConnected notion = assertThrows(NotConnected.class, () -> oss.token("notion"));
            assertTrue(notion.getMessage().contains("NOTION_API_TOKEN"), notion.getMessage());
            assertEquals("notion", notion.slug().orElseThrow());
            NotConnected acme = assertThrows(NotConnected.class, () -> oss.token("acme-crm"));
            assertTrue(acme.getMessage().contains("VENDO_TOKEN_ACME_CRM"), acme.getMessage());
        }
    }

    @Test
    void aCachedTokenIsReusedUntilSixtySecondsBeforeItExpires() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google", "tok-1", Duration.ofHours(1));
        MutableClock clock = MutableClock.ofNow();
        // The last moment alone: no refresh ahead of it (RefreshAheadTest covers that).
        try (Vendo root = EmulatorClients.builder(emulator).clock(clock).refreshAhead(Duration.ZERO).build()) {
            assertEquals("tok-1", root.token("google"));
            clock.advance(Duration.ofMinutes(58));
            assertEquals("tok-1", root.token("google"));
            assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
            clock.advance(Duration.ofSeconds(61)); // now within 60 s of expires_at
            emulator.deployment().connect("google", "tok-2", Duration.ofHours(1));
            assertEquals("tok-2", root.token("google"));
            assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
        }
    }

    @Test
    void aTokenWithoutExpiryIsReusedForFiftyMinutes() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("openai", "tok-a", null);
        MutableClock clock = MutableClock.ofNow();
        try (Vendo root = EmulatorClients.builder(emulator).clock(clock).refreshAhead(Duration.ZERO).build()) {
            root.token("openai");
            clock.advance(Duration.ofMinutes(49));
            root.token("openai");
            assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "openai"));
            clock.advance(Duration.ofMinutes(2));
            root.token("openai");
            assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "openai"));
        }
    }

    @Test
    void invalidateDropsOnlyThisIdentitysEntry(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google");
        emulator.user("alice").connect("google");
        emulator.user("bob").connect("google");
        Vendo alice = root.forUser(emulator.mintUserJwt("alice"));
        Vendo bob = root.forUser(emulator.mintUserJwt("bob"));
        root.token("google");
        alice.token("google");
        bob.token("google");
        String rotated = emulator.user("alice").rotate("google");
        alice.invalidate("google");
        assertEquals(rotated, alice.token("google"));
        bob.token("google");
        root.token("google");
        assertEquals(2, emulator.tokenCalls("alice", "google"));
        assertEquals(1, emulator.tokenCalls("bob", "google"));
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
    }

    @Test
    void tokensUsesOverridesThenTheCacheThenOneBulkCallThatFillsTheCache() {
        VendoEmulator emulator = vendo.emulator();
        String google = emulator.user("alice").connect("google");
        String notion = emulator.user("alice").connect("notion");
        String slack = emulator.user("alice").connect("slack");
        Map<String, String> env = new HashMap<>();
        env.put("VENDO_TOKEN_OPENAI", "env-openai");
        try (Vendo root = EmulatorClients.builder(emulator, env).build()) {
            Vendo alice = root.forUser(emulator.mintUserJwt("alice"));
            assertEquals(google, alice.token("google"));
            Map<String, String> tokens = alice.tokens(List.of("openai", "google", "notion", "slack",
                    "gmail", "notion"));
            assertEquals(List.of("openai", "google", "notion", "slack"), List.copyOf(tokens.keySet()));
            assertEquals(Map.of("openai", "env-openai", "google", google, "notion", notion, "slack", slack), tokens);
            assertEquals(1, emulator.calls("/credentials/_bulk"));
            assertEquals("slugs=notion,slack,gmail", emulator.requests().get(1).query());
            assertEquals(notion, alice.token("notion"));
            assertEquals(slack, alice.token("slack"));
            assertEquals(2, emulator.calls());
        }
    }

    @Test
    void aSlugIsSentAsOneEncodedPathSegment(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        String token = emulator.deployment().connect("odd/slug name");
        assertEquals(token, root.token("odd/slug name"));
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "odd/slug name"));
    }

    @Test
    void blankSlugsAreRejected() {
        try (Vendo root = EmulatorClients.client(vendo.emulator())) {
            assertThrows(IllegalArgumentException.class, () -> root.token(" "));
            assertThrows(IllegalArgumentException.class, () -> root.token(null));
            assertThrows(IllegalArgumentException.class, () -> root.tokens(List.of("google", "")));
            assertThrows(IllegalArgumentException.class, () -> root.invalidate(""));
        }
    }
}
