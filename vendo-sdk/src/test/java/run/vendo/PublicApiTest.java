package run.vendo;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import run.vendo.testing.support.ApiSurface;

/** The module's public API (packages named {@code internal} left out) is the committed one. */
class PublicApiTest {

    @Test
    void thePublicApiChangesOnlyOnPurpose() throws Exception {
        ApiSurface.assertUnchanged(Path.of("src", "test", "resources", "public-api.txt"));
    }
}
