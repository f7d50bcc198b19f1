package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Await.until(() -> polls.incrementAndGet() == 3, "the third poll");
        assertEquals(3, polls.get());
    }

    @Test
    void failsNamingWhatItWaitedFor() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.until(Duration.ZERO, () -> false, "the impossible"));
        assertEquals("waited 0 s for the impossible", e.getMessage());
    }
}
