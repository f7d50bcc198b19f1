package run.vendo.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;
import run.vendo.VendoConfigurationException;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.config.SettingRules;
import run.vendo.internal.token.ByokCatalogue;

class VendoClientBuilderTest {

    private static ClientSettings settings(VendoClientBuilder builder) {
        return builder.settings();
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        ClientSettings s = settings((VendoClientBuilder) new VendoClientBuilder().environment(Map.of()));
        assertNull(s.apiKey());
        assertEquals(URI.create("https://vendo.run"), s.baseUrl());
        assertEquals(URI.create("https://credentials.vendo.run"), s.credentialsUrl());
        assertEquals("2026-05-15", s.apiVersion());
        assertEquals(3, s.maxAttempts());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(Duration.ofSeconds(10), s.requestTimeout());
        assertEquals(Duration.ofSeconds(10), s.callTimeout());
        assertEquals(Duration.ofMinutes(5), s.refreshAhead());
    }

    @Test
    void theRefreshAheadMayBeZeroButNotNegative() {
        VendoClientBuilder b = (VendoClientBuilder) new VendoClientBuilder().environment(Map.of())
                .refreshAhead(Duration.ZERO);
        assertEquals(Duration.ZERO, b.settings().refreshAhead());
        b.refreshAhead(Duration.ofMillis(-1));
        assertEquals(List.of("vendo.refresh-ahead: must not be negative, was PT-0.001S"), b.problems());
    }

    @Test
    void theCallTimeoutIsTheRequestTimeoutUnlessSet() {
        VendoClientBuilder b = (VendoClientBuilder) new VendoClientBuilder().environment(Map.of())
                .requestTimeout(Duration.ofSeconds(4));
        assertEquals(Duration.ofSeconds(4), b.settings().callTimeout());
        b.callTimeout(Duration.ofMillis(9_500));
        assertEquals(Duration.ofMillis(9_500), b.settings().callTimeout());
        assertEquals(Duration.ofSeconds(4), b.settings().requestTimeout());
        assertTrue(b.settings().toString().contains("callTimeout=PT9.5S"), b.settings().toString());
    }

    @Test
    void aCallTimeoutThatIsNotPositiveIsAProblemOfItsKey() {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1)}) {
            VendoClientBuilder b = (VendoClientBuilder) new VendoClientBuilder().environment(Map.of())
                    .callTimeout(bad);
            assertEquals(List.of("vendo.call-timeout: must be positive, was " + bad), b.problems());
            VendoConfigurationException e = assertThrows(VendoConfigurationException.class, b::build);
            assertTrue(e.problems().get(0).startsWith("vendo.call-timeout:"), e.getMessage());
        }
    }

    @Test
    void theEnvironmentFillsWhatTheBuilderLeavesOpen() {
        Map<String, String> env = Map.of("VENDO_API_KEY", "vendo_sk_env", "VENDO_BASE_URL", "http://env.test/",
                "VENDO_CREDENTIALS_URL", "http://creds.env.test/prefix", "VENDO_API_VERSION", "2030-01-01");
        ClientSettings s = settings((VendoClientBuilder) new VendoClientBuilder().environment(env));
        assertEquals("vendo_sk_env", s.apiKey().reveal());
        assertEquals(URI.create("http://env.test"), s.baseUrl());
        assertEquals(URI.create("http://creds.env.test/prefix"), s.credentialsUrl());
        assertEquals("2030-01-01", s.apiVersion());
    }

    @Test
    void vendoApiUrlIsTheBaseUrlWhenVendoBaseUrlIsNotSet() {
        Map<String, String> sandbox = Map.of("VENDO_API_URL", "http://sandbox.test/");
        assertEquals(URI.create("http://sandbox.test"),
                settings((VendoClientBuilder) new VendoClientBuilder().environment(sandbox)).baseUrl());
        Map<String, String> both = Map.of("VENDO_API_URL", "http://sandbox.test", "VENDO_BASE_URL", "http://base.test");
        assertEquals(URI.create("http://base.test"),
                settings((VendoClientBuilder) new VendoClientBuilder().environment(both)).baseUrl());
        assertEquals(URI.create("http://builder.test"), settings((VendoClientBuilder) new VendoClientBuilder()
                .environment(sandbox).baseUrl("http://builder.test")).baseUrl());
        VendoClientBuilder bad = (VendoClientBuilder) new VendoClientBuilder()
                .environment(Map.of("VENDO_API_URL", "ftp://sandbox.test"));
        assertEquals(1, bad.problems().size());
        assertTrue(bad.problems().get(0).startsWith("vendo.base-url:"), bad.problems().toString());
    }

    @Test
    void theWebhookSecretAndDataProxyUrlComeFromTheEnvironmentUnlessTheBuilderSetsThem() {
        Map<String, String> env = Map.of("VENDO_WEBHOOK_SECRET", "whsec_env",
                "VENDO_DATA_PROXY_URL", "http://proxy.env.test/");
        ClientSettings fromEnv = settings((VendoClientBuilder) new VendoClientBuilder().environment(env));
        assertEquals("whsec_env", fromEnv.webhookSecret().reveal());
        assertEquals(URI.create("http://proxy.env.test"), fromEnv.dataProxyUrl());
        ClientSettings fromBuilder = settings((VendoClientBuilder) new VendoClientBuilder().environment(env)
                .webhookSecret("whsec_builder").dataProxyUrl("http://proxy.builder.test"));
        assertEquals("whsec_builder", fromBuilder.webhookSecret().reveal());
        assertEquals(URI.create("http://proxy.builder.test"), fromBuilder.dataProxyUrl());
        ClientSettings defaults = settings((VendoClientBuilder) new VendoClientBuilder().environment(Map.of()));
        assertNull(defaults.webhookSecret());
        assertEquals(URI.create("https://composio-proxy.vendo.run"), defaults.dataProxyUrl());
        assertEquals(Duration.ofMinutes(5), defaults.webhookTolerance());
    }

    @Test
    void builderValuesWinOverTheEnvironment() {
        Map<String, String> env = Map.of("VENDO_API_KEY", "vendo_sk_env", "VENDO_BASE_URL", "http://env.test");
        ClientSettings s = settings((VendoClientBuilder) new VendoClientBuilder().environment(env)
                .apiKey("vendo_sk_builder").baseUrl("http://builder.test").apiVersion("2027-01-01"));
        assertEquals("vendo_sk_builder", s.apiKey().reveal());
        assertEquals(URI.create("http://builder.test"), s.baseUrl());
        assertEquals("2027-01-01", s.apiVersion());
    }

    @Test
    void aBlankApiKeyMeansOssModeEvenWhenTheEnvironmentHasOne() {
        ClientSettings s = settings((VendoClientBuilder) new VendoClientBuilder()
                .environment(Map.of("VENDO_API_KEY", "vendo_sk_env")).apiKey("  "));
        assertNull(s.apiKey());
    }

    @Test
    void systemPropertiesWinForCreate() {
        System.setProperty("vendo.api-key", "vendo_sk_sysprop");
        System.setProperty("vendo.base-url", "http://sysprop.test");
        try {
            VendoClientBuilder b = VendoClientBuilder.fromSystem();
            b.environment(Map.of("VENDO_API_KEY", "vendo_sk_env", "VENDO_BASE_URL", "http://env.test"));
            ClientSettings s = b.settings();
            assertEquals("vendo_sk_sysprop", s.apiKey().reveal());
            assertEquals(URI.create("http://sysprop.test"), s.baseUrl());
        } finally {
            System.clearProperty("vendo.api-key");
            System.clearProperty("vendo.base-url");
        }
    }

    /** Every setting that has a key, with one value for the environment and another for the property. */
    private static final Map<String, String[]> EVERY_KEYED_SETTING = Map.ofEntries(
            Map.entry(VendoClientBuilder.API_KEY, new String[] {"vendo_sk_env", "vendo_sk_prop"}),
            Map.entry(VendoClientBuilder.BASE_URL, new String[] {"http://env.test", "http://prop.test"}),
            Map.entry(VendoClientBuilder.CREDENTIALS_URL, new String[] {"http://cred-env.test", "http://cred.test"}),
            Map.entry(VendoClientBuilder.API_VERSION, new String[] {"2026-01-01", "2026-02-02"}),
            Map.entry(VendoClientBuilder.CONNECT_TIMEOUT, new String[] {"1s", "PT2S"}),
            Map.entry(VendoClientBuilder.REQUEST_TIMEOUT, new String[] {"3s", "4000ms"}),
            Map.entry(VendoClientBuilder.CALL_TIMEOUT, new String[] {"5s", "6s"}),
            Map.entry(VendoClientBuilder.MAX_ATTEMPTS, new String[] {"2", "4"}),
            Map.entry(VendoClientBuilder.MAX_CONNECTIONS, new String[] {"7", "8"}),
            Map.entry(VendoClientBuilder.CACHE_SIZE, new String[] {"900", "1000"}),
            Map.entry(VendoClientBuilder.REFRESH_AHEAD, new String[] {"1m", "2m"}),
            Map.entry(VendoClientBuilder.WEBHOOK_SECRET, new String[] {"whsec_env", "whsec_prop"}),
            Map.entry(VendoClientBuilder.WEBHOOK_TOLERANCE, new String[] {"3m", "4m"}),
            Map.entry(VendoClientBuilder.DATA_PROXY_URL, new String[] {"http://proxy-env.test", "http://proxy.test"}));

    /** The resolved value of each keyed setting, as text comparable with what was configured. */
    private static Map<String, Object> keyed(ClientSettings s) {
        return Map.ofEntries(
                Map.entry(VendoClientBuilder.API_KEY, s.apiKey().reveal()),
                Map.entry(VendoClientBuilder.BASE_URL, s.baseUrl().toString()),
                Map.entry(VendoClientBuilder.CREDENTIALS_URL, s.credentialsUrl().toString()),
                Map.entry(VendoClientBuilder.API_VERSION, s.apiVersion()),
                Map.entry(VendoClientBuilder.CONNECT_TIMEOUT, s.connectTimeout()),
                Map.entry(VendoClientBuilder.REQUEST_TIMEOUT, s.requestTimeout()),
                Map.entry(VendoClientBuilder.CALL_TIMEOUT, s.callTimeout()),
                Map.entry(VendoClientBuilder.MAX_ATTEMPTS, (long) s.maxAttempts()),
                Map.entry(VendoClientBuilder.MAX_CONNECTIONS, (long) s.maxConnections()),
                Map.entry(VendoClientBuilder.CACHE_SIZE, s.cacheSize()),
                Map.entry(VendoClientBuilder.REFRESH_AHEAD, s.refreshAhead()),
                Map.entry(VendoClientBuilder.WEBHOOK_SECRET, s.webhookSecret().reveal()),
                Map.entry(VendoClientBuilder.WEBHOOK_TOLERANCE, s.webhookTolerance()),
                Map.entry(VendoClientBuilder.DATA_PROXY_URL, s.dataProxyUrl().toString()));
    }

    private static Object expected(String key, String text) {
        return switch (key) {
            case VendoClientBuilder.MAX_ATTEMPTS, VendoClientBuilder.MAX_CONNECTIONS, VendoClientBuilder.CACHE_SIZE ->
                    Long.parseLong(text);
            default -> key.endsWith("timeout") || key.endsWith("ahead") || key.endsWith("tolerance")
                    ? SettingRules.duration(key, text, new ArrayList<>()) : text;
        };
    }

    @Test
    void createReadsEverySettingFromItsPropertyOverItsVariable() {
        Map<String, String> env = new HashMap<>();
        EVERY_KEYED_SETTING.forEach((key, values) -> env.put(SettingRules.environmentName(key), values[0]));
        VendoClientBuilder fromEnvironment = VendoClientBuilder.fromSystem();
        fromEnvironment.environment(env);
        Map<String, Object> resolved = keyed(fromEnvironment.settings());
        EVERY_KEYED_SETTING.forEach((key, values) -> assertEquals(expected(key, values[0]), resolved.get(key), key));

        EVERY_KEYED_SETTING.forEach((key, values) -> System.setProperty(key, values[1]));
        try {
            VendoClientBuilder fromProperties = VendoClientBuilder.fromSystem();
            fromProperties.environment(env);
            Map<String, Object> overridden = keyed(fromProperties.settings());
            EVERY_KEYED_SETTING.forEach((key, values) ->
                    assertEquals(expected(key, values[1]), overridden.get(key), key));
        } finally {
            EVERY_KEYED_SETTING.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void aPlainBuilderReadsNoSystemProperty() {
        System.setProperty(VendoClientBuilder.MAX_ATTEMPTS, "7");
        try {
            VendoClientBuilder plain = (VendoClientBuilder) new VendoClientBuilder().environment(Map.of());
            assertEquals(3, settings(plain).maxAttempts());
        } finally {
            System.clearProperty(VendoClientBuilder.MAX_ATTEMPTS);
        }
    }

    @Test
    void aConfiguredValueThatDoesNotParseIsAProblemByItsKey() {
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class,
                () -> new VendoClientBuilder().environment(Map.of("VENDO_CONNECT_TIMEOUT", "5 minutes",
                        "VENDO_MAX_ATTEMPTS", "three")).build());
        assertEquals(List.of("vendo.connect-timeout: '5 minutes' is not a duration; write PT5S, 5s, 500ms or 2m",
                "vendo.max-attempts: 'three' is not a whole number up to " + Long.MAX_VALUE), e.problems());
    }

    @Test
    void durationsAreIsoOrAWholeNumberWithAUnit() {
        List<String> problems = new ArrayList<>();
        assertEquals(Duration.ofSeconds(5), SettingRules.duration("k", "5", problems));
        assertEquals(Duration.ofSeconds(5), SettingRules.duration("k", " 5 S ", problems));
        assertEquals(Duration.ofMillis(250), SettingRules.duration("k", "250ms", problems));
        assertEquals(Duration.ofMinutes(2), SettingRules.duration("k", "2m", problems));
        assertEquals(Duration.ofHours(1), SettingRules.duration("k", "1h", problems));
        assertEquals(Duration.ofDays(1), SettingRules.duration("k", "1d", problems));
        assertEquals(Duration.ofSeconds(90), SettingRules.duration("k", "PT1M30S", problems));
        assertEquals(Duration.ofSeconds(3), SettingRules.duration("k", "pt3s", problems));
        assertEquals(List.of(), problems);
        for (String notADuration : List.of("5 minutes", "P", "", "1.5s")) {
            assertNull(SettingRules.duration("k", notADuration, problems), notADuration);
        }
        assertEquals(4, problems.size());
    }

    @Test
    void reportsEveryProblemAtOnceWithoutTheKey() {
        Vendo.Builder b = new VendoClientBuilder().environment(Map.of())
                .apiKey("vendo_sk_with space")
                .baseUrl("ftp://nope")
                .credentialsUrl("not a url")
                .connectTimeout(Duration.ZERO)
                .requestTimeout(Duration.ofSeconds(-1))
                .maxAttempts(0)
                .maxConnections(0)
                .cacheSize(0)
                .refreshAhead(Duration.ofSeconds(-1));
        VendoConfigurationException e = assertThrows(VendoConfigurationException.class, b::build);
        String m = e.getMessage();
        for (String key : new String[] {"vendo.api-key", "vendo.base-url", "vendo.credentials-url",
            "vendo.connect-timeout", "vendo.request-timeout", "vendo.max-attempts", "vendo.max-connections",
            "vendo.cache-size", "vendo.refresh-ahead"}) {
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(key + ":")), key + " missing in: " + m);
        }
        assertEquals(9, e.problems().size(), m);
        assertFalse(m.contains("vendo_sk_with"), m);
        assertEquals(e.problems(), ((VendoClientBuilder) b).problems(), "problems() reports what build() throws");
    }

    @Test
    void refusesWhatWouldOnlyFailAtFirstUseAndNeverPrintsSecretsOfAUrl() {
        VendoClientBuilder b = (VendoClientBuilder) new VendoClientBuilder()
                .environment(Map.of("VENDO_CREDENTIALS_URL", "https://creds.test/x?token=s3cret-query"))
                .apiKey("vendo_sk_caf\u00e9")
                .baseUrl("https://user:s3cret-password@vendo.test");
        List<String> problems = b.problems();
        assertEquals(3, problems.size(), problems.toString());
        String all = String.join("\n", problems);
        assertTrue(all.contains("vendo.api-key:") && all.contains("vendo.base-url:")
                && all.contains("vendo.credentials-url:"), all);
        for (String secret : new String[] {"s3cret-password", "s3cret-query", "caf\u00e9", "user:"}) {
            assertFalse(all.contains(secret), secret + " printed: " + all);
        }
        assertTrue(all.contains("https://****@vendo.test"), all);
    }

    @Test
    void settingsNeverPrintTheKey() {
        ClientSettings s = settings((VendoClientBuilder) new VendoClientBuilder().environment(Map.of())
                .apiKey("vendo_sk_secret"));
        assertFalse(s.toString().contains("vendo_sk_secret"));
        assertFalse(String.valueOf(s.apiKey()).contains("vendo_sk_secret"));
    }

    @Test
    void overrideVariableNames() {
        assertEquals("VENDO_TOKEN_GOOGLE", ByokCatalogue.overrideVariable("google"));
        assertEquals("VENDO_TOKEN_GOOGLE_CALENDAR", ByokCatalogue.overrideVariable("google-calendar"));
        assertEquals("OPENAI_API_KEY", ByokCatalogue.bundled().variableToSet("openai"));
        assertEquals("SLACK_BOT_TOKEN", ByokCatalogue.bundled().variableToSet("slack"));
        assertEquals("VENDO_TOKEN_ACME", ByokCatalogue.bundled().variableToSet("acme"));
    }
}
