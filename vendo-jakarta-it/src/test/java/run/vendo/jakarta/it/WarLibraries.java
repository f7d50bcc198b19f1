package run.vendo.jakarta.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The module's runtime dependencies, as jars for {@code WEB-INF/lib}. The build copies them to
 * {@code target/war-libs} before the integration tests (maven-dependency-plugin, in the pom), so
 * they come from the reactor when built together with it, and nothing is resolved at test time.
 */
final class WarLibraries {

    private WarLibraries() {
    }

    static File[] all() {
        String dir = System.getProperty("it.war-libs");
        if (dir == null) {
            throw new IllegalStateException(
                    "System property it.war-libs is not set: run the tests with Maven (mvn verify)");
        }
        try (Stream<Path> jars = Files.list(Path.of(dir))) {
            File[] files = jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().map(Path::toFile)
                    .toArray(File[]::new);
            if (files.length == 0) {
                throw new IllegalStateException("No jar in " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
