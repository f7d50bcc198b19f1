package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LogCaptureTest {

    private static final Logger LOGGER = Logger.getLogger("run.vendo.testing.capture");

    @Test
    void capturesTheLoggerAndItsChildrenForTheBlockAndRestoresTheLevel() {
        LOGGER.setLevel(Level.WARNING);
        try (LogCapture logs = LogCapture.attach(LOGGER.getName())) {
            LOGGER.fine("fine {0}");
            Logger.getLogger(LOGGER.getName() + ".child").log(Level.INFO, "hello {0} and {1}", new Object[] {"a", 2});
            assertEquals(2, logs.records().size());
            assertEquals(List.of("fine {0}", "hello a and 2"), logs.messages());
        }
        assertEquals(Level.WARNING, LOGGER.getLevel());
        assertFalse(List.of(LOGGER.getHandlers()).stream().anyMatch(h -> h instanceof LogCapture));
        LOGGER.setLevel(null);
    }

    @Test
    void aGivenLevelLeavesOutWhatIsBelowIt() {
        try (LogCapture logs = LogCapture.attach(LOGGER.getName(), Level.WARNING)) {
            LOGGER.info("quiet");
            LOGGER.warning("loud");
            assertEquals(List.of("loud"), logs.messages());
        }
        assertTrue(LOGGER.getLevel() == null);
    }
}
