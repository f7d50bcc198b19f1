package run.vendo;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.testing.Fault;
import run.vendo.testing.FaultRule;
import run.vendo.testing.VendoEmulatorExtension;

/** The leak checks of {@link VendoClientExtension}, driven by hand. */
class VendoClientExtensionTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    private static VendoClientExtension extension() {
        VendoClientExtension extension = new VendoClientExtension(vendo);
        extension.leakWait = Duration.ofMillis(200);
        return extension;
    }

    @Test
    void aCleanTestPassesAndItsClientIsClosed() {
        vendo.emulator().deployment().connect("google");
        VendoClientExtension extension = extension();
        Vendo root = extension.root();
        root.token("google");
        root.events().subscribe(event -> { }); // an open stream holds its connection until close()
        extension.afterEach(null);
        assertThrows(IllegalStateException.class, () -> root.token("google"));
        assertNotSame(root, extension.root(), "the next test gets a new client");
        extension.afterEach(null);
    }

    @Test
    void aThreadOfTheSdksNamesStillAliveAfterCloseFailsTheTest() throws InterruptedException {
        VendoClientExtension extension = extension();
        extension.root();
        CountDownLatch release = new CountDownLatch(1);
        Thread straggler = new Thread(() -> awaitQuietly(release), "vendo-refresh-straggler");
        straggler.start();
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> extension.afterEach(null));
            assertTrue(e.getMessage().contains("vendo-refresh-straggler"), e.getMessage());
        } finally {
            release.countDown();
            straggler.join();
        }
    }

    @Test
    void aConnectionStillLeasedAfterTheTestFailsItAndTheClientIsClosedAnyway() throws Exception {
        vendo.emulator().deployment().connect("google");
        FaultRule held = vendo.emulator().inject(Fault.hold());
        VendoClientExtension extension = extension();
        Vendo root = extension.root();
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> root.token("google"));
        assertTrue(held.awaitHeld(1, Duration.ofSeconds(30)));
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> extension.afterEach(null));
            assertTrue(e.getMessage().contains("pooled connections"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> root.token("google"), "the client was closed anyway");
        } finally {
            held.release();
        }
        assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
