package run.vendo.jakarta;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rule of the integration, as each {@code package-info.java} states it and as in the
 * core: the internal packages are layers, each using only those below it and the public API.
 */
class ArchitectureTest {

    private static final String INTERNAL = "run.vendo.jakarta.internal.";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("run.vendo.jakarta");

    private static final Set<String> FEATURES = Set.of("rest", "events", "security", "health");

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        String[] features = FEATURES.toArray(String[]::new);
        String[] aboveHttp = Stream.concat(FEATURES.stream(), Stream.of("cdi", "api")).toArray(String[]::new);
        var layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("run.vendo.jakarta", "run.vendo.jakarta.rest")
                .layer("text").definedBy(INTERNAL + "text")
                .layer("jwt").definedBy(INTERNAL + "jwt")
                .layer("config").definedBy(INTERNAL + "config")
                .layer("identity").definedBy(INTERNAL + "identity")
                .layer("http").definedBy(INTERNAL + "http");
        for (String feature : features) {
            layers = layers.layer(feature).definedBy(INTERNAL + feature);
        }
        layers.layer("cdi").definedBy(INTERNAL + "cdi")
                .whereLayer("cdi").mayOnlyBeAccessedByLayers("api")
                .whereLayer("rest").mayOnlyBeAccessedByLayers("cdi", "api")
                .whereLayer("events").mayOnlyBeAccessedByLayers("cdi", "api")
                .whereLayer("security").mayOnlyBeAccessedByLayers("cdi", "api")
                .whereLayer("health").mayOnlyBeAccessedByLayers("cdi", "api")
                .whereLayer("http").mayOnlyBeAccessedByLayers(aboveHttp)
                .whereLayer("identity").mayOnlyBeAccessedByLayers(with(aboveHttp, "http"))
                .whereLayer("config").mayOnlyBeAccessedByLayers(with(aboveHttp, "http", "identity"))
                .whereLayer("jwt").mayOnlyBeAccessedByLayers(with(aboveHttp, "http", "identity", "config"))
                .check(CLASSES);
    }

    @Test
    void theInternalRootHoldsNoClass() {
        noClasses().that().doNotHaveSimpleName("package-info").should().resideInAPackage("run.vendo.jakarta.internal")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void everyInternalPackageIsALayerAndSaysWhatItHolds() throws IOException {
        Path internal = Path.of("src/main/java/run/vendo/jakarta/internal");
        Set<String> packages;
        try (Stream<Path> dirs = Files.list(internal)) {
            packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<String> layers = Stream.concat(FEATURES.stream(), Stream.of("text", "jwt", "config", "identity", "http",
                "cdi")).collect(Collectors.toSet());
        assertEquals(layers, packages, "a new internal package needs its place in the layers");
        for (String layer : layers) {
            assertTrue(Files.exists(internal.resolve(layer).resolve("package-info.java")), layer);
        }
    }

    private static String[] with(String[] layers, String... more) {
        return Stream.concat(Stream.of(layers), Stream.of(more)).toArray(String[]::new);
    }
}
