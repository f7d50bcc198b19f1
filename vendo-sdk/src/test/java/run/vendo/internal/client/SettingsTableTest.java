package run.vendo.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;
import run.vendo.internal.config.SettingRules;

/**
 * The README's settings table is the code's: one row per builder setting and no other, each keyed
 * setting with its system property and variable, and each default as the code states it.
 */
class SettingsTableTest {

    private static final Path README = Path.of("../README.md");

    /** The table's rows by builder method: property, environment and default cells, backticks kept. */
    private static Map<String, List<String>> rows() throws IOException {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf("## Settings");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            String line = lines.get(i);
            if (line.startsWith("| `")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                        .map(String::strip).toList();
                rows.put(cells.get(0).replace("`", ""), cells.subList(1, cells.size()));
            }
        }
        return rows;
    }

    @Test
    void everyBuilderSettingHasItsRowAndNothingElseHasOne() throws IOException {
        Set<String> settings = Arrays.stream(Vendo.Builder.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.getName().equals("build"))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(settings, new TreeSet<>(rows().keySet()));
    }

    @Test
    void everyKeyIsInItsRowWithItsVariable() throws Exception {
        Map<String, List<String>> rows = rows();
        Set<String> keys = new TreeSet<>();
        for (Field field : VendoClientBuilder.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).startsWith("vendo.")) {
                keys.add((String) field.get(null));
            }
        }
        Set<String> listed = new TreeSet<>();
        rows.forEach((setting, cells) -> {
            if (!cells.get(0).isEmpty()) {
                String key = cells.get(0).replace("`", "");
                listed.add(key);
                assertTrue(cells.get(1).startsWith("`" + SettingRules.environmentName(key) + "`"), setting);
            }
        });
        assertEquals(keys, listed, "every key of the builder, each in one row");
    }

    @Test
    void everyDefaultIsTheCodes() throws IOException {
        Map<String, Object> defaults = Map.ofEntries(
                Map.entry("baseUrl", VendoClientBuilder.DEFAULT_BASE_URL),
                Map.entry("credentialsUrl", VendoClientBuilder.DEFAULT_CREDENTIALS_URL),
                Map.entry("apiVersion", VendoClientBuilder.DEFAULT_API_VERSION),
                Map.entry("dataProxyUrl", VendoClientBuilder.DEFAULT_DATA_PROXY_URL),
                Map.entry("webhookTolerance", VendoClientBuilder.DEFAULT_WEBHOOK_TOLERANCE),
                Map.entry("connectTimeout", VendoClientBuilder.DEFAULT_CONNECT_TIMEOUT),
                Map.entry("requestTimeout", VendoClientBuilder.DEFAULT_REQUEST_TIMEOUT),
                Map.entry("maxAttempts", (long) VendoClientBuilder.DEFAULT_MAX_ATTEMPTS),
                Map.entry("maxConnections", (long) VendoClientBuilder.DEFAULT_MAX_CONNECTIONS),
                Map.entry("cacheSize", VendoClientBuilder.DEFAULT_CACHE_SIZE),
                Map.entry("refreshAhead", VendoClientBuilder.DEFAULT_REFRESH_AHEAD));
        Map<String, List<String>> rows = rows();
        defaults.forEach((setting, value) -> {
            String cell = rows.get(setting).get(2);
            assertTrue(cell.startsWith(written(value)), setting + ": '" + cell + "' should start with "
                    + written(value));
        });
    }

    /** A default as the table writes it: a URL or text in backticks, a number with separators, a duration in words. */
    private static String written(Object value) {
        if (value instanceof Duration d) {
            return d.toSeconds() % 60 == 0 ? d.toMinutes() + " minutes" : d.toSeconds() + " s";
        }
        if (value instanceof Long n) {
            return String.format("%,d", n);
        }
        return "`" + value + "`";
    }
}
