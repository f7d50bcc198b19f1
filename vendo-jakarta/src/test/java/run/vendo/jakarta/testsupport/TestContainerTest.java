package run.vendo.jakarta.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;
import run.vendo.errors.NotConnected;

/** The test container reads the test's own settings and nothing of the machine it runs on. */
class TestContainerTest {

    @Test
    void theConfigHoldsTheTestsOwnPropertiesOnly() {
        Config config = TestContainer.config(Map.of("vendo.base-url", "http://127.0.0.1:1"));
        List<String> holding = new ArrayList<>();
        for (ConfigSource source : config.getConfigSources()) {
            if (!source.getPropertyNames().isEmpty()) {
                holding.add(source.getName());
            }
        }
        assertEquals(List.of("PropertiesConfigSource[source=" + TestContainer.SOURCE_NAME + "]"), holding,
                "no environment, system or file source");
        assertEquals(Optional.empty(), config.getOptionalValue("java.version", String.class), "a system property");
        assertEquals(Optional.empty(), config.getOptionalValue("PATH", String.class), "an environment variable");
    }

    @Test
    void aDevelopersOwnSettingsDoNotReachTheContainer() {
        Map<String, String> machine = Map.of(
                "vendo.api-key", "vendo_sk_from_the_machine",
                "vendo.base-url", "not a url", // would fail the start if read
                "VENDO_TOKEN_GOOGLE", "token-from-the-machine");
        Map<String, String> before = new HashMap<>();
        machine.forEach((key, value) -> before.put(key, System.setProperty(key, value)));
        try (TestContainer container = TestContainer.start(Map.of())) {
            Vendo vendo = container.get(Vendo.class);
            assertFalse(vendo.isVendoMode(), "vendo.api-key of the JVM was read");
            assertThrows(NotConnected.class, () -> vendo.token("google"), "VENDO_TOKEN_GOOGLE of the JVM was read");
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }
}
