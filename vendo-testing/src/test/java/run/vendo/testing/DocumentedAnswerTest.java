package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DocumentedAnswerTest {

    private static final Path FOLDER = Path.of("src", "main", "resources", "run", "vendo", "testing", "documented");

    @Test
    void theIndexListsEveryFixtureFile() throws IOException {
        List<String> files;
        try (Stream<Path> paths = Files.list(FOLDER)) {
            files = paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        }
        assertEquals(files, DocumentedAnswer.all().stream().map(DocumentedAnswer::name).sorted().toList());
    }

    @Test
    void everyFixtureNamesItsPageSectionAndEndpoint() {
        for (DocumentedAnswer answer : DocumentedAnswer.all()) {
            assertTrue(answer.page().startsWith("content/docs/") || answer.page().startsWith("runvendo/"),
                    answer + ": " + answer.page());
            assertFalse(answer.section().isBlank(), answer.name());
            assertTrue(answer.endpoint().matches("(GET|POST) .+"), answer + ": " + answer.endpoint());
            assertTrue(answer.status() >= 200 && answer.status() < 600, answer.name());
            for (String secret : answer.secrets()) {
                assertTrue(answer.body().contains(secret), answer + " marks a secret its body does not hold");
            }
        }
    }

    @Test
    void jsonBodiesAreJsonAndStreamsAreText() {
        for (DocumentedAnswer answer : DocumentedAnswer.all()) {
            boolean json = answer.contentType().equals("application/json");
            assertEquals(json, answer.json() != null, answer.name());
        }
    }
}
