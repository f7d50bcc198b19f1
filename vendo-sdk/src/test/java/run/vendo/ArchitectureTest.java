package run.vendo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import run.vendo.internal.client.VendoClientBuilder;

/**
 * The package rule of the client, as each {@code package-info.java} states it: the API packages at
 * the top of the tree, then the internal packages as layers, each using only those below it.
 */
class ArchitectureTest {

    private static final String INTERNAL = "run.vendo.internal.";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("run.vendo");

    /** Bottom to top: a layer may use the API and the layers before it, never one after it. */
    private static final String[] LAYERS = {
        "text", "json", "telemetry", "config", "identity", "http", "token", "webhooks", "events", "platform", "client"
    };

    private static LayeredArchitecture architecture() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("run.vendo", "run.vendo.errors");
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy(INTERNAL + layer);
        }
        return layers
                .whereLayer("client").mayOnlyBeAccessedByLayers("api")
                .whereLayer("platform").mayOnlyBeAccessedByLayers("client")
                .whereLayer("events").mayOnlyBeAccessedByLayers("client")
                .whereLayer("webhooks").mayOnlyBeAccessedByLayers("client")
                .whereLayer("token").mayOnlyBeAccessedByLayers("events", "platform", "client")
                .whereLayer("http").mayOnlyBeAccessedByLayers("token", "events", "platform", "client")
                .whereLayer("identity").mayOnlyBeAccessedByLayers(
                        "http", "token", "webhooks", "events", "platform", "client")
                .whereLayer("config").mayOnlyBeAccessedByLayers(
                        "identity", "http", "token", "webhooks", "events", "platform", "client")
                .whereLayer("telemetry").mayOnlyBeAccessedByLayers(
                        "config", "identity", "http", "token", "webhooks", "events", "platform", "client")
                .whereLayer("json").mayOnlyBeAccessedByLayers("api",
                        "telemetry", "config", "identity", "http", "token", "webhooks", "events", "platform", "client");
    }

    /**
     * The OpenTelemetry API is optional at run time: only the telemetry package uses it, and the
     * builder, which hands it over, names it.
     */
    @Test
    void onlyTheTelemetryPackageAndTheBuilderUseOpenTelemetry() {
        noClasses().that().resideOutsideOfPackage(INTERNAL + "telemetry")
                .and().doNotHaveFullyQualifiedName(Vendo.Builder.class.getName())
                .and().doNotHaveFullyQualifiedName(VendoClientBuilder.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
                .check(CLASSES);
    }

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        architecture().check(CLASSES);
    }

    @Test
    void everyInternalPackageIsALayerAndSaysWhatItHolds() throws IOException {
        Path internal = Path.of("src/main/java/run/vendo/internal");
        Set<String> packages;
        try (Stream<Path> dirs = Files.list(internal)) {
            packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(Set.of(LAYERS), packages, "a new internal package needs its place in the layers");
        for (String layer : LAYERS) {
            assertEquals(true, Files.exists(internal.resolve(layer).resolve("package-info.java")), layer);
        }
    }
}
