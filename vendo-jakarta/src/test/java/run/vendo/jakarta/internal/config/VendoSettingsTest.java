package run.vendo.jakarta.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;

class VendoSettingsTest {

    /** A real MicroProfile Config: the given values (ordinal 500) over the standard sources and this jar's defaults. */
    static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDefaultSources() // system properties, environment, META-INF/microprofile-config.properties
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }

    static VendoSettings settings(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return VendoSettings.from(config(map));
    }

    @Test
    void defaultsComeFromTheJarsProperties() {
        VendoSettings s = settings();
        assertFalse(s.isVendoMode());
        assertTrue(s.apiKey().isEmpty());
        assertEquals(URI.create(Vendo.DEFAULT_BASE_URL), s.baseUrl());
        assertEquals(URI.create(Vendo.DEFAULT_CREDENTIALS_URL), s.credentialsUrl());
        assertEquals(Vendo.DEFAULT_API_VERSION, s.apiVersion());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(Duration.ofSeconds(10), s.requestTimeout());
        assertEquals(50, s.maxConnections());
        assertEquals(3, s.maxAttempts());
        assertEquals(10_000, s.cacheSize());
        assertEquals(Duration.ofSeconds(60), s.leeway());
        assertTrue(s.jwksUrl().isEmpty());
        assertTrue(s.verifierSettings().isEmpty());
    }

    @Test
    void theJarsDefaultsHaveALowOrdinal() {
        Config config = config(Map.of());
        int ordinal = -1;
        for (var source : config.getConfigSources()) {
            if (source.getPropertyNames().contains("vendo.jwt.leeway") && source.getName().contains("microprofile-config")) {
                ordinal = source.getOrdinal();
            }
        }
        assertEquals(50, ordinal);
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
                "vendo.max-connections", "7",
                "vendo.max-attempts", "1",
                "vendo.cache-size", "99",
                "vendo.jwt.jwks-url", "https://x.supabase.co/auth/v1/.well-known/jwks.json",
                "vendo.jwt.issuer", "https://x.supabase.co/auth/v1",
                "vendo.jwt.audiences", "authenticated, other ,,",
                "vendo.jwt.leeway", "15");
        assertTrue(s.isVendoMode());
        assertEquals("vendo_sk_test", s.apiKey().orElseThrow().reveal());
        assertEquals(URI.create("http://127.0.0.1:8080"), s.baseUrl());
        assertEquals(URI.create("https://creds.example.test/v1"), s.credentialsUrl());
        assertEquals("2027-01-01", s.apiVersion());
        assertEquals(Duration.ofSeconds(2), s.connectTimeout());
        assertEquals(Duration.ofMillis(1500), s.requestTimeout());
        assertEquals(7, s.maxConnections());
        assertEquals(1, s.maxAttempts());
        assertEquals(99, s.cacheSize());
        assertEquals(Optional.of("https://x.supabase.co/auth/v1"), s.issuer());
        assertEquals(Set.of("authenticated", "other"), s.audiences());
        assertEquals(Duration.ofSeconds(15), s.leeway());
        var verifier = s.verifierSettings().orElseThrow();
        assertEquals(URI.create("https://x.supabase.co/auth/v1/.well-known/jwks.json"), verifier.jwksUrl());
        assertEquals(Duration.ofSeconds(15), verifier.leeway());
    }

    @Test
    void toStringNeverShowsTheApiKey() {
        VendoSettings s = settings("vendo.api-key", "vendo_sk_secret123");
        assertFalse(s.toString().contains("vendo_sk_secret123"), s.toString());
        assertTrue(s.toString().contains("apiKey=<set>"));
        assertEquals("****", s.apiKey().orElseThrow().toString());
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
        for (String key : new String[] {"vendo.api-key", "vendo.base-url", "vendo.credentials-url",
            "vendo.connect-timeout", "vendo.request-timeout", "vendo.max-connections", "vendo.max-attempts",
            "vendo.jwt.leeway", "vendo.jwt.issuer"}) {
            assertTrue(e.getMessage().contains(key), key + " missing from: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("vendo_sk_ bad"), "the API key is never echoed");
        assertTrue(e.getMessage().contains("vendo.jwt.jwks-url"), "tells what to set");
    }

    @Test
    void audiencesWithoutJwksAreAProblem() {
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                () -> settings("vendo.jwt.audiences", "authenticated"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("vendo.jwt.audiences"));
    }

    @Test
    void leewayBounds() {
        assertEquals(Duration.ZERO, settings("vendo.jwt.leeway", "0s").leeway());
        assertEquals(Duration.ofSeconds(60), settings("vendo.jwt.leeway", "PT1M").leeway());
        assertThrows(VendoConfigurationException.class, () -> settings("vendo.jwt.leeway", "61s"));
        assertThrows(VendoConfigurationException.class, () -> settings("vendo.jwt.leeway", "-PT1S"));
    }

    @Test
    void blankApiKeyMeansOssMode() {
        assertFalse(settings("vendo.api-key", "   ").isVendoMode());
    }

    @Test
    void durationFormats() {
        assertEquals(Duration.ofSeconds(5), ConfigDurations.parse("5"));
        assertEquals(Duration.ofSeconds(5), ConfigDurations.parse("5s"));
        assertEquals(Duration.ofSeconds(5), ConfigDurations.parse(" 5 S "));
        assertEquals(Duration.ofMillis(250), ConfigDurations.parse("250ms"));
        assertEquals(Duration.ofMinutes(2), ConfigDurations.parse("2m"));
        assertEquals(Duration.ofHours(1), ConfigDurations.parse("1h"));
        assertEquals(Duration.ofDays(1), ConfigDurations.parse("1d"));
        assertEquals(Duration.ofSeconds(90), ConfigDurations.parse("PT1M30S"));
        assertEquals(Duration.ofSeconds(3), ConfigDurations.parse("pt3s"));
        assertNull(ConfigDurations.parse("5 minutes"));
        assertNull(ConfigDurations.parse("P"));
        assertNull(ConfigDurations.parse(""));
        assertNull(ConfigDurations.parse("1.5s"));
    }

    @Test
    void environmentViewAsksMicroProfileConfig() {
        Config config = config(Map.of("VENDO_TOKEN_GOOGLE", "ya29.test", "OPENAI_API_KEY", "sk-test"));
        ConfigEnvironment env = new ConfigEnvironment(config);
        assertEquals("ya29.test", env.get("VENDO_TOKEN_GOOGLE"));
        assertEquals("sk-test", env.get("OPENAI_API_KEY"));
        assertNull(env.get("ANTHROPIC_API_KEY"));
        assertNull(env.get(42));
        assertTrue(env.containsKey("OPENAI_API_KEY"));
        assertFalse(env.containsKey("NOPE"));
        assertFalse(env.toString().contains("sk-test"));
    }
}
