package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import run.vendo.testing.Await;
import run.vendo.testing.VendoEmulator;

/**
 * What a subscription does besides handing events to its listener: a {@code connection.*} event
 * drops the cached tokens of its slug for every identity, since it does not say whose connection
 * changed; and its thread comes from the builder's thread factory.
 */
class ConnectionEventsTest {

    private VendoEmulator emulator;
    private Vendo vendo;
    private Vendo alice;
    private Vendo bob;
    private final BlockingQueue<VendoEvent> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws InterruptedException {
        emulator = VendoEmulator.start();
        emulator.user("alice").connect("google");
        emulator.user("alice").connect("notion");
        emulator.user("bob").connect("google");
        vendo = EmulatorClients.client(emulator);
        alice = vendo.forUser(emulator.mintUserJwt("alice"));
        bob = vendo.forUser(emulator.mintUserJwt("bob"));
        vendo.events().subscribe(received::add);
        Await.until(() -> emulator.events().openStreams() == 1, "one open event stream");
        alice.token("google");
        alice.token("notion");
        bob.token("google");
    }

    @AfterEach
    void stop() {
        vendo.close();
        emulator.close();
    }

    @Test
    void aConnectionEventDropsItsSlugsTokensForEveryIdentityBeforeTheListenerSeesIt() throws InterruptedException {
        List<Integer> callsSeenByListener = new CopyOnWriteArrayList<>();
        vendo.events().subscribe(event -> {
            alice.token("google"); // the listener already gets a fresh token
            callsSeenByListener.add(emulator.tokenCalls("alice", "google"));
        });
        Await.until(() -> emulator.events().openStreams() == 2, "two open event streams");
        emulator.events().emit("connection.connected", "{\"slug\":\"google\"}");
        next();
        Await.until(() -> callsSeenByListener.size() == 1, "the listener to run");

        assertEquals(List.of(2), callsSeenByListener);
        bob.token("google");
        alice.token("notion");
        assertEquals(2, emulator.tokenCalls("alice", "google"));
        assertEquals(2, emulator.tokenCalls("bob", "google"));
        assertEquals(1, emulator.tokenCalls("alice", "notion"), "another slug's tokens stay cached");
    }

    @Test
    void theToolkitNamesTheSlugWhenTheEventHasNoSlug() throws InterruptedException {
        emulator.events().emit("connection.disconnected", "{\"toolkit\":\"notion\"}");
        next();
        alice.token("google");
        alice.token("notion");
        assertEquals(1, emulator.tokenCalls("alice", "google"));
        assertEquals(2, emulator.tokenCalls("alice", "notion"));
    }

    @Test
    void aConnectionEventThatNamesNoSlugDropsEveryCachedToken() throws InterruptedException {
        emulator.events().emit("connection.status_changed", "{\"status\":\"needs_reauth\"}");
        next();
        alice.token("google");
        alice.token("notion");
        bob.token("google");
        assertEquals(2, emulator.tokenCalls("alice", "google"));
        assertEquals(2, emulator.tokenCalls("alice", "notion"));
        assertEquals(2, emulator.tokenCalls("bob", "google"));
    }

    @Test
    void otherEventsLeaveTheCacheAlone() throws InterruptedException {
        emulator.events().emit("billing.usage_recorded", "{\"slug\":\"google\"}");
        emulator.events().emit("connectionless", "{\"slug\":\"google\"}");
        next();
        next();
        alice.token("google");
        bob.token("google");
        assertEquals(1, emulator.tokenCalls("alice", "google"));
        assertEquals(1, emulator.tokenCalls("bob", "google"));
    }

    @Test
    void subscriptionsRunOnThreadsOfTheBuildersFactory() throws InterruptedException {
        List<Thread> made = new CopyOnWriteArrayList<>();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "app-managed-" + made.size());
            made.add(thread);
            return thread;
        };
        BlockingQueue<String> listenerThreads = new LinkedBlockingQueue<>();
        try (Vendo own = EmulatorClients.builder(emulator).threadFactory(factory).build()) {
            Subscription subscription =
                    own.events().subscribe(e -> listenerThreads.add(Thread.currentThread().getName()));
            Await.until(() -> emulator.events().openStreams() == 2, "two open event streams");
            emulator.events().emit("billing.cap_warned", "{}");
            assertEquals("app-managed-0", listenerThreads.poll(30, TimeUnit.SECONDS));
            assertEquals(1, made.size());
            subscription.close();
            assertFalse(made.get(0).isAlive(), "close() ends the factory's thread");
        }
    }

    private VendoEvent next() throws InterruptedException {
        VendoEvent event = received.poll(30, TimeUnit.SECONDS);
        assertNotNull(event, "an event within 30 s");
        return event;
    }
}
