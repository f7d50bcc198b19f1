package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.app.EventObservers;
import run.vendo.jakarta.it.app.EventsResource;
import run.vendo.testing.VendoEmulator;

/**
 * The event stream lives as long as the deployment: {@code vendo.events.enabled=true} opens one
 * stream at start-up and undeploying closes it (the stream's bean and the root client are
 * destroyed), with no reconnection afterwards. The test deploys and undeploys itself ({@code
 * managed = false}); the emulator's short heartbeat makes it notice a closed client within
 * 200 ms. On Payara Micro the adapter's undeploy stops the server process as well.
 */
@ExtendWith(ArquillianExtension.class)
class EventsUndeployIT {

    private static final String DEPLOYMENT = "events-undeploy";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    static {
        // The emulator notices a client that went away at its next write.
        EMULATOR.events().heartbeatInterval(Duration.ofMillis(200));
    }

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        var settings = VendoWars.emulatorSettings(EMULATOR);
        settings.put("vendo.events.enabled", "true");
        return VendoWars.app(DEPLOYMENT + ".war", settings).addClasses(EventObservers.class, EventsResource.class);
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(EventsUndeployIT.class, EMULATOR);
        EMULATOR.close();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void undeployClosesTheEventStream() {
        assertEquals(0, EMULATOR.events().openStreams());
        deployer.deploy(DEPLOYMENT);
        boolean deployed = true;
        try {
            await("the deployment to open its event stream", () -> EMULATOR.events().openStreams(), 1);
            EventsIT.sleep(1_000);
            assertEquals(1, EMULATOR.events().openStreams(), "one stream held");
            assertEquals(1, EMULATOR.events().streamsOpened(), "one stream opened: no reconnection");

            deployer.undeploy(DEPLOYMENT);
            deployed = false;
            await("the stream to close after undeploy", () -> EMULATOR.events().openStreams(), 0);
            EventsIT.sleep(2_000);
            assertEquals(0, EMULATOR.events().openStreams(), "no stream after undeploy");
            assertEquals(1, EMULATOR.events().streamsOpened(), "no reconnection after undeploy");
        } finally {
            if (deployed) {
                deployer.undeploy(DEPLOYMENT);
            }
        }
    }

    private static void await(String what, IntSupplier actual, int expected) {
        long start = System.nanoTime();
        long deadline = start + PATIENCE.toNanos();
        while (actual.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + ": " + actual.getAsInt()
                        + " instead of " + expected);
            }
            EventsIT.sleep(50);
        }
        System.out.printf("%s: %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    }
}
