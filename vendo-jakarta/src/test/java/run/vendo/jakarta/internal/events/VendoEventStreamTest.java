package run.vendo.jakarta.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;
import run.vendo.VendoEvent;
import run.vendo.jakarta.VendoEventType;
import run.vendo.jakarta.testsupport.TestContainer;
import run.vendo.testing.Await;
import run.vendo.testing.VendoEmulator;

/**
 * The event stream held by a Weld container against the emulator over loopback: from container
 * start to shutdown, firing each event to CDI observers.
 */
class VendoEventStreamTest {

    private VendoEmulator emulator;
    private TestContainer cdi;

    /** Observers as an application writes them; the ids each saw, in order. */
    @ApplicationScoped
    public static class Observers {
        private final List<String> all = new CopyOnWriteArrayList<>();
        private final List<String> connected = new CopyOnWriteArrayList<>();
        private final List<String> async = new CopyOnWriteArrayList<>();

        void any(@Observes VendoEvent event) {
            all.add(event.id().orElse(""));
        }

        void connected(@Observes @VendoEventType("connection.connected") VendoEvent event) {
            connected.add(event.id().orElse(""));
        }

        void later(@ObservesAsync VendoEvent event) {
            async.add(event.id().orElse(""));
        }

        List<String> all() {
            return all;
        }

        List<String> connected() {
            return connected;
        }

        List<String> async() {
            return async;
        }
    }

    @BeforeEach
    void startEmulator() {
        emulator = VendoEmulator.start();
        emulator.events().heartbeatInterval(Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        if (cdi != null) {
            cdi.close();
        }
        emulator.close();
    }

    private Map<String, String> settings(boolean eventsEnabled) {
        Map<String, String> settings = new HashMap<>();
        settings.put("vendo.api-key", emulator.apiKey());
        settings.put("vendo.base-url", emulator.baseUrl());
        settings.put("vendo.credentials-url", emulator.credentialsUrl());
        settings.put("vendo.events.enabled", String.valueOf(eventsEnabled));
        return settings;
    }

    private Observers observers() {
        return cdi.get(Observers.class);
    }

    private static Set<Thread> eventThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("vendo-events-"))
                .collect(Collectors.toSet());
    }

    @Test
    void eventsReachSynchronousQualifiedAndAsynchronousObservers() throws InterruptedException {
        cdi = TestContainer.start(settings(true), Observers.class);
        Await.until(() -> emulator.events().openStreams() == 1, "the stream opens at start-up");
        String connected = emulator.events().emit("connection.connected", "{\"slug\":\"google\"}");
        String warned = emulator.events().emit("billing.cap_warned", "{\"cap\":\"daily\"}");

        Await.until(() -> observers().all().size() == 2, "both events observed");
        assertEquals(List.of(connected, warned), observers().all());
        assertEquals(List.of(connected), observers().connected(), "the qualifier narrows to one type");
        Await.until(() -> observers().async().size() == 2, "both events observed asynchronously");
        assertTrue(cdi.get(VendoEventStream.class).isHolding());
    }

    @Test
    void aConnectionEventMakesTheNextTokenLookupFetchAnew() throws InterruptedException {
        emulator.deployment().connect("google");
        cdi = TestContainer.start(settings(true), Observers.class);
        Vendo vendo = cdi.get(Vendo.class);
        vendo.token("google");
        vendo.token("google");
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));

        Await.until(() -> emulator.events().openStreams() == 1, "the stream opens at start-up");
        emulator.events().emit("connection.connected", "{\"slug\":\"google\"}");
        Await.until(() -> observers().all().size() == 1, "the event observed");
        vendo.token("google");
        assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
    }

    @Test
    void shuttingTheContainerDownEndsTheStreamAndItsThread() throws InterruptedException {
        Set<Thread> before = eventThreads();
        cdi = TestContainer.start(settings(true), Observers.class);
        Set<Thread> ours = eventThreads();
        ours.removeAll(before);
        assertEquals(1, ours.size(), "the thread that holds the stream runs as soon as the container is up");
        Await.until(() -> emulator.events().openStreams() == 1, "the stream opens at start-up");

        cdi.close();
        cdi = null;
        Await.until(() -> emulator.events().openStreams() == 0, "the emulator sees the stream end");
        assertFalse(ours.iterator().next().isAlive(), "no thread left behind");
    }

    @Test
    void switchedOffByDefaultNoStreamIsOpened() {
        Set<Thread> before = eventThreads();
        cdi = TestContainer.start(settings(false), Observers.class);
        cdi.get(Vendo.class).isVendoMode(); // the application is up and using its client
        // A subscription would be running its thread by now (see the test above): none, so no stream ever opens.
        Set<Thread> started = eventThreads();
        started.removeAll(before);
        assertEquals(Set.of(), started, "no thread to hold a stream");
        assertEquals(0, emulator.events().streamsOpened());
        assertFalse(cdi.get(VendoEventStream.class).isHolding());
    }

    @Test
    void aStreamThatIsDownDoesNotFailStartUp() {
        Map<String, String> settings = settings(true);
        emulator.close(); // nothing listens at its address any more
        cdi = TestContainer.start(settings, Observers.class);
        assertTrue(cdi.get(VendoEventStream.class).isHolding(), "the subscription keeps trying in the background");
        emulator = VendoEmulator.start();
    }
}
