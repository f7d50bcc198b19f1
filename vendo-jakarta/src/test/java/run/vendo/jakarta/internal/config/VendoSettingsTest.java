package run.vendo.jakarta.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;
import run.vendo.VendoConfigurationException;
import run.vendo.internal.client.VendoClientBuilder;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.identity.JwtShape;
import run.vendo.jakarta.testsupport.TestContainer;

class VendoSettingsTest {

    static VendoSettings settings(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return VendoSettings.from(TestContainer.config(map));
    }

    @Test
    void defaultsAreTheCoresOwn() {
        VendoSettings s = settings();
        ClientSettings c = s.clientSettings();
        ClientSettings core = ((VendoClientBuilder) Vendo.builder().apiKey("").environment(Map.of())).settings();
        assertFalse(s.isVendoMode());
        assertEquals(core.baseUrl(), c.baseUrl());
        assertEquals(core.credentialsUrl(), c.credentialsUrl());
        assertEquals(core.apiVersion(), c.apiVersion());
        assertEquals(core.connectTimeout(), c.connectTimeout());
        assertEquals(core.requestTimeout(), c.requestTimeout());
        assertEquals(core.callTimeout(), c.callTimeout());
        assertEquals(c.requestTimeout(), c.callTimeout());
        assertEquals(core.maxConnections(), c.maxConnections());
        assertEquals(core.maxAttempts(), c.maxAttempts());
        assertEquals(core.cacheSize(), c.cacheSize());
        assertEquals(core.refreshAhead(), c.refreshAhead());
        assertTrue(s.verifierSettings().isEmpty());
        assertTrue(s.noStore(), "answers to identified requests are private unless switched off");
    }

    @Test
    void noStoreIsAFlag() {
        assertFalse(settings("vendo.filter.no-store", "FALSE").noStore());
        assertTrue(settings("vendo.filter.no-store", "true").noStore());
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                () -> settings("vendo.filter.no-store", "off"));
        assertEquals(List.of("vendo.filter.no-store: 'off' is neither true nor false"), e.problems());
    }

    @Test
    void readsEveryKey() {
        VendoSettings s = settings(
                "vendo.api-key", " vendo_sk_test ",
                "vendo.base-url", "http://127.0.0.1:8080",
                "vendo.credentials-url", "https://creds.example.test/v1",
                "vendo.api-version", "2027-01-01",
                "vendo.connect-timeout", "PT2S",
                "vendo.request-timeout", "1500ms",
                "vendo.call-timeout", "PT4.5S",
                "vendo.max-connections", "7",
                "vendo.max-attempts", "1",
                "vendo.cache-size", "99",
                "vendo.refresh-ahead", "3m",
                "vendo.jwt.jwks-url", "https://x.supabase.co/auth/v1/.well-known/jwks.json",
                "vendo.jwt.issuer", "https://x.supabase.co/auth/v1",
                "vendo.jwt.audiences", "authenticated, other ,,",
                "vendo.jwt.leeway", "15",
                "vendo.jwt.email-claim", "user_metadata.email",
                "vendo.jwt.name-claim", "user_metadata.full_name",
                "vendo.jwt.tenant-claim", "tenant");
        ClientSettings c = s.clientSettings();
        assertTrue(s.isVendoMode());
        assertEquals("vendo_sk_test", c.apiKey().reveal());
        assertEquals(URI.create("http://127.0.0.1:8080"), c.baseUrl());
        assertEquals(URI.create("https://creds.example.test/v1"), c.credentialsUrl());
        assertEquals("2027-01-01", c.apiVersion());
        assertEquals(Duration.ofSeconds(2), c.connectTimeout());
        assertEquals(Duration.ofMillis(1500), c.requestTimeout());
        assertEquals(Duration.ofMillis(4500), c.callTimeout());
        assertEquals(7, c.maxConnections());
        assertEquals(1, c.maxAttempts());
        assertEquals(99, c.cacheSize());
        assertEquals(Duration.ofMinutes(3), c.refreshAhead());
        var verifier = s.verifierSettings().orElseThrow();
        assertEquals(URI.create("https://x.supabase.co/auth/v1/.well-known/jwks.json"), verifier.jwksUrl());
        assertEquals(Optional.of("https://x.supabase.co/auth/v1"), verifier.issuer());
        assertEquals(Set.of("authenticated", "other"), verifier.audiences());
        assertEquals(Duration.ofSeconds(15), verifier.leeway());
        assertEquals(Duration.ofSeconds(2), verifier.connectTimeout());
        assertEquals("user_metadata.email", verifier.emailClaim());
        assertEquals("user_metadata.full_name", verifier.nameClaim());
        assertEquals("tenant", verifier.tenantClaim());
        assertEquals(99, verifier.cacheSize(), "verified tokens share the client's bound");
    }

    @Test
    void claimPathsDefaultToWhereVendosTokensKeepThem() {
        var verifier = settings("vendo.jwt.jwks-url", "https://x.test/jwks").verifierSettings().orElseThrow();
        assertEquals("email", verifier.emailClaim());
        assertEquals("name", verifier.nameClaim());
        assertEquals("app_metadata.tenant_id", verifier.tenantClaim());
        assertEquals(10_000, verifier.cacheSize());
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                () -> settings("vendo.jwt.jwks-url", "https://x.test/jwks", "vendo.jwt.tenant-claim", "a..b"));
        assertTrue(e.problems().get(0).startsWith("vendo.jwt.tenant-claim:"), e.getMessage());
    }

    @Test
    void toStringNeverShowsTheApiKey() {
        VendoSettings s = settings("vendo.api-key", "vendo_sk_secret123");
        assertFalse(s.toString().contains("vendo_sk_secret123"), s.toString());
        assertTrue(s.toString().contains("vendoMode=true"), s.toString());
    }

    @Test
    void whatTheCoreWouldRefuseAtFirstUseFailsTheDeploymentWithoutPrintingSecrets() {
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class, () -> settings(
                "vendo.api-key", "vendo_sk_caf\u00e9",
                "vendo.base-url", "https://user:s3cret@vendo.run",
                "vendo.credentials-url", "https://credentials.vendo.run/x?key=q-s3cret",
                "vendo.jwt.jwks-url", "https://ops:j-s3cret@x.test/jwks"));
        assertEquals(4, e.problems().size(), e.getMessage());
        for (String secret : new String[] {"s3cret", "caf\u00e9", "user:", "ops:"}) {
            assertFalse(e.getMessage().contains(secret), secret + " printed: " + e.getMessage());
        }
        for (String key : new String[] {"vendo.api-key:", "vendo.base-url:", "vendo.credentials-url:",
            "vendo.jwt.jwks-url:"}) {
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(key)), key + " in " + e.getMessage());
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class, () -> settings(
                "vendo.api-key", "vendo_sk_ bad",
                "vendo.base-url", "ftp://example.com",
                "vendo.credentials-url", "not a url",
                "vendo.connect-timeout", "soon",
                "vendo.request-timeout", "0s",
                "vendo.max-connections", "0",
                "vendo.max-attempts", "eleven",
                "vendo.jwt.leeway", "5m",
                "vendo.jwt.issuer", "https://issuer"));
        assertEquals(9, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("between 1 and 10") || e.getMessage().contains("'eleven'"), e.getMessage());
        for (String key : new String[] {"vendo.api-key", "vendo.base-url", "vendo.credentials-url",
            "vendo.connect-timeout", "vendo.request-timeout", "vendo.max-connections", "vendo.max-attempts",
            "vendo.jwt.leeway", "vendo.jwt.issuer"}) {
            assertTrue(e.getMessage().contains(key), key + " missing from: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("vendo_sk_ bad"), "the API key is never echoed");
        assertTrue(e.getMessage().contains("vendo.jwt.jwks-url"), "tells what to set");
    }

    @Test
    void theCallTimeoutIsReadLikeTheRequestTimeout() {
        assertEquals(Duration.ofSeconds(3), settings("vendo.call-timeout", "3s").clientSettings().callTimeout());
        assertEquals(Duration.ofMillis(750), settings("vendo.call-timeout", "750ms").clientSettings().callTimeout());
        assertEquals(Duration.ofSeconds(2), settings("vendo.request-timeout", "2s").clientSettings().callTimeout(),
                "unset, it is the request timeout");
        for (String bad : new String[] {"0s", "-PT1S", "soon"}) {
            VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                    () -> settings("vendo.call-timeout", bad));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("vendo.call-timeout:"), e.getMessage());
        }
    }

    @Test
    void theRefreshAheadIsADurationThatZeroSwitchesOff() {
        assertEquals(Duration.ofMinutes(5), settings().clientSettings().refreshAhead());
        assertEquals(Duration.ofSeconds(90),
                settings("vendo.refresh-ahead", "PT1M30S").clientSettings().refreshAhead());
        assertEquals(Duration.ZERO, settings("vendo.refresh-ahead", "0").clientSettings().refreshAhead());
        for (String bad : new String[] {"-PT1M", "soon"}) {
            VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                    () -> settings("vendo.refresh-ahead", bad));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("vendo.refresh-ahead:"), e.getMessage());
        }
    }

    @Test
    void audiencesWithoutJwksAreAProblem() {
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                () -> settings("vendo.jwt.audiences", "authenticated"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("vendo.jwt.audiences"));
    }

    @Test
    void securityIsOffUnlessAskedAndItsGroupsClaimNeedsVerifiedTokens() {
        assertFalse(settings().securityEnabled());
        assertEquals(Optional.empty(), settings().groupsClaim());
        VendoSettings on = settings("vendo.security.enabled", "true", "vendo.jwt.jwks-url", "https://x.test/jwks",
                "vendo.security.groups-claim", "app_metadata.roles");
        assertTrue(on.securityEnabled());
        assertEquals(Optional.of("app_metadata.roles"), on.groupsClaim());

        VendoConfigurationException unverified = assertThrows(VendoConfigurationException.class,
                () -> settings("vendo.security.groups-claim", "roles"));
        assertEquals(1, unverified.problems().size());
        assertTrue(unverified.problems().get(0).startsWith(
                "vendo.security.groups-claim: is set but vendo.jwt.jwks-url"));
        VendoConfigurationException notAPath = assertThrows(VendoConfigurationException.class,
                () -> settings("vendo.jwt.jwks-url", "https://x.test/jwks", "vendo.security.groups-claim", "a b",
                        "vendo.security.enabled", "yes"));
        assertEquals(2, notAPath.problems().size(), notAPath.problems().toString());
    }

    @Test
    void leewayBounds() {
        String jwks = "https://x.test/jwks";
        assertEquals(Duration.ZERO, settings("vendo.jwt.jwks-url", jwks, "vendo.jwt.leeway", "0s")
                .verifierSettings().orElseThrow().leeway());
        assertEquals(Duration.ofSeconds(60), settings("vendo.jwt.jwks-url", jwks, "vendo.jwt.leeway", "PT1M")
                .verifierSettings().orElseThrow().leeway());
        assertThrows(VendoConfigurationException.class, () -> settings("vendo.jwt.leeway", "61s"));
        assertThrows(VendoConfigurationException.class, () -> settings("vendo.jwt.leeway", "-PT1S"));
    }

    @Test
    void maxLifetimeDefaultsToALittleOverVendosHourWithinBounds() {
        String jwks = "https://x.test/jwks";
        var defaults = settings("vendo.jwt.jwks-url", jwks).verifierSettings().orElseThrow();
        assertEquals(Duration.ofMinutes(65), defaults.maxLifetime());
        assertEquals(JwtShape.DEFAULT_MAX_LIFETIME, defaults.maxLifetime());
        assertEquals(Duration.ofHours(2), settings("vendo.jwt.jwks-url", jwks, "vendo.jwt.max-lifetime", "2h")
                .verifierSettings().orElseThrow().maxLifetime());
        assertEquals(Duration.ofMinutes(1), settings("vendo.jwt.jwks-url", jwks, "vendo.jwt.max-lifetime", "PT1M")
                .verifierSettings().orElseThrow().maxLifetime());
        assertEquals(Duration.ofHours(24), settings("vendo.jwt.jwks-url", jwks, "vendo.jwt.max-lifetime", "1d")
                .verifierSettings().orElseThrow().maxLifetime());
        for (String bad : new String[] {"59s", "25h", "0s", "-PT1H", "forever"}) {
            VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                    () -> settings("vendo.jwt.jwks-url", jwks, "vendo.jwt.max-lifetime", bad), bad);
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.problems().get(0).startsWith("vendo.jwt.max-lifetime:"), e.getMessage());
        }
        assertTrue(settings("vendo.jwt.jwks-url", jwks).toString().contains("maxLifetime=PT1H5M"));
    }

    @Test
    void blankApiKeyMeansOssMode() {
        assertFalse(settings("vendo.api-key", "   ").isVendoMode());
    }

    @Test
    void aBadValueSeenUnderBothItsKeyAndItsVariableIsOneProblem() {
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                () -> VendoSettings.from(key -> key.equals("vendo.connect-timeout")
                        || key.equals("VENDO_CONNECT_TIMEOUT") ? Optional.of("5 minutes") : Optional.empty()));
        assertEquals(List.of("vendo.connect-timeout: '5 minutes' is not a duration; write PT5S, 5s, 500ms or 2m"),
                e.problems());
    }

    @Test
    void environmentViewAsksMicroProfileConfig() {
        Config config = TestContainer.config(Map.of("VENDO_TOKEN_GOOGLE", "ya29.test", "OPENAI_API_KEY", "sk-test"));
        ConfigEnvironment env = new ConfigEnvironment(name -> config.getOptionalValue(name, String.class));
        assertEquals("ya29.test", env.get("VENDO_TOKEN_GOOGLE"));
        assertEquals("sk-test", env.get("OPENAI_API_KEY"));
        assertNull(env.get("ANTHROPIC_API_KEY"));
        assertNull(env.get(42));
        assertTrue(env.containsKey("OPENAI_API_KEY"));
        assertFalse(env.containsKey("NOPE"));
        assertFalse(env.toString().contains("sk-test"));
    }
}
