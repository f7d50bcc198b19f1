package run.vendo.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built WAR (after package): what it bundles, and what it must leave to the server. */
class WarContentIT {

    static Path war;
    static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        String path = System.getProperty("vendo.sample.war");
        assertNotNull(path, "system property vendo.sample.war is not set: run with Maven (mvn verify)");
        war = Path.of(path);
        assertTrue(Files.isRegularFile(war), "no WAR at " + war);
        try (ZipFile zip = new ZipFile(war.toFile())) {
            entries = zip.stream().map(ZipEntry::getName).sorted().toList();
        }
    }

    static List<String> libs() {
        return entries.stream().filter(e -> e.startsWith("WEB-INF/lib/") && e.endsWith(".jar"))
                .map(e -> e.substring("WEB-INF/lib/".length())).toList();
    }

    static boolean hasLib(String artifactId) {
        return libs().stream().anyMatch(jar -> jar.matches("\\Q" + artifactId + "\\E-\\d.*\\.jar"));
    }

    @Test
    void bundlesVendoJakartaAndItsRuntimeLibraries() {
        for (String lib : List.of("vendo-jakarta", "vendo-sdk", "httpclient5", "httpcore5", "caffeine")) {
            assertTrue(hasLib(lib), lib + " missing from WEB-INF/lib: " + libs());
        }
    }

    @Test
    void leavesJsonPTheJakartaApisAndOpenTelemetryToTheServer() {
        for (String jar : libs()) {
            assertFalse(jar.startsWith("jakarta.") || jar.startsWith("parsson") || jar.startsWith("microprofile-")
                    || jar.startsWith("opentelemetry-"), jar + " is provided by the server: " + libs());
        }
    }

    @Test
    void bundlesTheApplicationButNotTheEmulator() {
        for (String lib : List.of("vendo-testing", "nimbus-jose-jwt", "junit-jupiter-api", "smallrye-jwt", "jose4j")) {
            assertFalse(hasLib(lib), lib + " must not be in the WAR: " + libs());
        }
        assertTrue(entries.contains("WEB-INF/classes/run/vendo/sample/CalendarResource.class"), entries::toString);
    }

    @Test
    void theVendoJakartaJarIsTheShadedOneWithJdkNet() throws IOException {
        String jar = libs().stream().filter(j -> j.startsWith("vendo-jakarta-")).findFirst().orElseThrow();
        boolean shaded = false;
        try (ZipFile zip = new ZipFile(war.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("WEB-INF/lib/" + jar));
                JarInputStream lib = new JarInputStream(in)) {
            assertEquals("jdk.net", lib.getManifest().getMainAttributes().getValue("Dependencies"));
            for (ZipEntry e = lib.getNextEntry(); e != null && !shaded; e = lib.getNextEntry()) {
                shaded = e.getName().startsWith("run/vendo/jakarta/internal/shaded/");
            }
        }
        assertTrue(shaded, jar + " holds no relocated SmallRye JWT: not the shaded jar");
    }

    @Test
    void takesItsSettingsFromTheEnvironment() {
        // No bundled settings: VENDO_API_KEY, VENDO_BASE_URL, ... come from the server's environment.
        assertFalse(entries.contains("WEB-INF/classes/META-INF/microprofile-config.properties"), entries::toString);
    }
}
