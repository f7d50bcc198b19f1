package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Await;
import run.vendo.testing.Fault;
import run.vendo.testing.LogCapture;
import run.vendo.testing.RecordedRequest;
import run.vendo.testing.VendoEmulator;

/**
 * {@code events().subscribe} against the emulator over loopback: delivery, reconnects with replay,
 * backoff, the stream limit, the idle bound, listeners that throw or dawdle, and closing. Short
 * heartbeats and a 100 ms first backoff keep it quick; no assertion depends on how long something
 * took, only on what happened (waits are generous and end as soon as the condition holds).
 */
class EventsTest {

    private static final String PATH = "/api/deployments/me/events";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration NO_IDLE_LIMIT = Duration.ofMinutes(5);

    // A strong reference: java.util.logging forgets the level of a logger nobody holds.
    private static final Logger VENDO_LOGGER = Logger.getLogger("run.vendo");

    private static VendoEmulator emulator;

    private final List<Vendo> clients = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private LogCapture logs;

    @BeforeAll
    static void startEmulator() {
        emulator = VendoEmulator.start();
        emulator.events().heartbeatInterval(Duration.ofMillis(50));
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @AfterEach
    void cleanUp() {
        if (logs != null) {
            logs.close();
        }
        subscriptions.forEach(Subscription::close);
        clients.forEach(Vendo::close);
        emulator.events().silent(false).retry(null).dropStreams();
        Await.until(() -> emulator.events().openStreams() == 0, "the emulator's streams to close");
        emulator.reset();
    }

    /** A root client on the emulator whose subscriptions reconnect after 100 ms x 2^(n-1), no jitter. */
    private Vendo client(Duration readIdle) {
        Vendo client = EmulatorClients.client(emulator);
        ClientInternals.tuneEvents(client, readIdle, FIRST_DELAY, () -> 0.0);
        clients.add(client);
        return client;
    }

    private Vendo client() {
        return client(NO_IDLE_LIMIT);
    }

    private Subscription subscribe(Vendo client, Consumer<VendoEvent> listener) {
        Subscription subscription = client.events().subscribe(listener);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Subscribes with a listener that queues what it gets, and waits until the stream is open. */
    private Received subscribeAndWait(Vendo client) {
        Received received = new Received();
        int before = emulator.events().streamsOpened();
        received.subscription = subscribe(client, received);
        Await.until(() -> emulator.events().streamsOpened() > before, "the stream to open");
        return received;
    }

    @Test
    void receivesEmittedEventsInOrderWithTheirTypesDataAndIds() {
        Received received = subscribeAndWait(client());
        String a = emulator.events().emit("connection.connected", "{\"slug\":\"google\",\"user\":null}");
        String b = emulator.events().emit("billing.usage_recorded", "{\"micros\":1250,\"price\":0.25}");
        String c = emulator.events().emit("connection.changed", "not json\nsecond line");
        String d = emulator.events().emit("billing.cap_warned", "[1,\"two\",true]");

        VendoEvent first = received.next();
        assertEquals("connection.connected", first.type());
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("slug", "google");
        expected.put("user", null);
        assertEquals(expected, payload(first, a));
        assertEquals(Optional.of(a), first.id());

        VendoEvent second = received.next(); // the legacy alias block of the first is not delivered
        assertEquals(Map.of("micros", 1250L, "price", new java.math.BigDecimal("0.25")), payload(second, b));
        assertEquals(Optional.of(b), second.id());

        VendoEvent third = received.next();
        assertEquals("not json\nsecond line", third.data());
        assertEquals(Optional.of(c), third.id());

        VendoEvent fourth = received.next();
        assertEquals(List.of(1L, "two", true), fourth.data());
        assertEquals(Optional.of(d), fourth.id());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) fourth.data()).add(null));
        assertTrue(received.subscription.isOpen());
    }

    /** An event's data without Vendo's envelope ({@code id}, {@code at}, {@code kind}), which is checked. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(VendoEvent event, String id) {
        Map<String, Object> data = new java.util.LinkedHashMap<>((Map<String, Object>) event.data());
        assertEquals(id, data.remove("id"));
        assertEquals(event.type(), data.remove("kind"));
        assertTrue(data.remove("at") instanceof String, "at");
        return data;
    }

    @Test
    void theStreamRequestCarriesTheCallHeadersAndNoUserJwtOnTheRoot() {
        subscribeAndWait(client());
        RecordedRequest request = eventRequests().get(0);
        assertEquals("text/event-stream", request.header("Accept"));
        assertEquals("Bearer " + emulator.apiKey(), request.header("Authorization"));
        assertEquals("2026-05-15", request.header("Vendo-API-Version"));
        assertTrue(request.header("User-Agent").startsWith("vendo-java/"));
        assertNull(request.header("X-Vendo-User-JWT"));
        assertNull(request.header("Last-Event-ID"), "nothing seen yet");
        assertEquals(VendoEmulator.DEPLOYMENT, request.identity());
    }

    @Test
    void reconnectsAfterADropWithLastEventIdAndLosesOrRepeatsNothing() {
        Received received = subscribeAndWait(client());
        String one = emulator.events().emit("connection.changed", "{\"n\":1}");
        String two = emulator.events().emit("connection.changed", "{\"n\":2}");
        assertEquals(Optional.of(one), received.next().id());
        assertEquals(Optional.of(two), received.next().id());

        // Held back by the silence, these two never leave on the first stream: only replay brings them.
        emulator.events().silent(true);
        String three = emulator.events().emit("connection.changed", "{\"n\":3}");
        String four = emulator.events().emit("connection.changed", "{\"n\":4}");
        emulator.events().dropStreams();
        Await.until(() -> emulator.events().streamsOpened() >= 2, "the stream to reopen");
        emulator.events().silent(false);
        String five = emulator.events().emit("connection.changed", "{\"n\":5}");

        assertEquals(Optional.of(three), received.next().id());
        assertEquals(Optional.of(four), received.next().id());
        assertEquals(Optional.of(five), received.next().id());
        assertEquals(List.of(), received.drain(), "nothing twice");
        List<RecordedRequest> requests = eventRequests();
        assertEquals(two, requests.get(1).header("Last-Event-ID"));
        assertTrue(received.subscription.isOpen());
    }

    @Test
    void honoursTheServersRetry() {
        Vendo client = EmulatorClients.client(emulator);
        clients.add(client);
        // Without the server's retry: 5 s. With it: 150 ms.
        ClientInternals.tuneEvents(client, NO_IDLE_LIMIT, Duration.ofSeconds(5), () -> 0.0);
        emulator.events().retry(Duration.ofMillis(150));
        Received received = subscribeAndWait(client);
        String id = emulator.events().emit("connection.changed", "{}");
        assertEquals(Optional.of(id), received.next().id()); // so the retry: before it was read too
        emulator.events().dropStreams();
        Await.until(() -> emulator.events().streamsOpened() >= 2, "the stream to reopen");
        assertEquals(List.of(Duration.ofMillis(150)), ClientInternals.reconnectDelays(received.subscription));
    }

    @Test
    void theSixthStreamIsBackedOffUntilAPlaceIsFreeThenTheBackoffStartsAgain() {
        Vendo client = client();
        List<Received> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(subscribeAndWait(client));
        }
        Received sixth = new Received();
        sixth.subscription = subscribe(client, sixth);
        Await.until(() -> ClientInternals.reconnectDelays(sixth.subscription).size() >= 3, "three refusals");
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)),
                ClientInternals.reconnectDelays(sixth.subscription).subList(0, 3));
        assertTrue(sixth.subscription.isOpen());
        assertTrue(eventRequests().stream().skip(5).allMatch(r -> r.status() == 429));

        five.get(0).subscription.close();
        Await.until(() -> eventRequests().stream().skip(5).anyMatch(r -> r.status() == 200), "the sixth to connect");
        String id = emulator.events().emit("billing.balance_changed", "{}");
        assertEquals(Optional.of(id), sixth.next().id());

        int delaysBefore = ClientInternals.reconnectDelays(sixth.subscription).size();
        emulator.events().dropStreams();
        Await.until(() -> ClientInternals.reconnectDelays(sixth.subscription).size() > delaysBefore, "a reconnect");
        assertEquals(FIRST_DELAY, ClientInternals.reconnectDelays(sixth.subscription).get(delaysBefore),
                "a successful connect starts the backoff again");
    }

    @Test
    void waitsAsLongAsRetryAfterSays() {
        emulator.inject(Fault.rateLimited(Duration.ofSeconds(1))).onPath(PATH);
        Received received = subscribeAndWait(client());
        assertEquals(List.of(Duration.ofSeconds(1)), ClientInternals.reconnectDelays(received.subscription));
    }

    @Test
    void aRefusedAppKeyIsRetriedAndWarnedAboutOnceWithoutTheKey() {
        logs = LogCapture.attach(VENDO_LOGGER.getName(), Level.WARNING);
        String wrongKey = "vendo_sk_wrong_" + Long.toHexString(System.nanoTime());
        Vendo client = EmulatorClients.builder(emulator, Map.of("VENDO_API_KEY", wrongKey)).build();
        clients.add(client);
        ClientInternals.tuneEvents(client, NO_IDLE_LIMIT, FIRST_DELAY, () -> 0.0);
        Subscription subscription = subscribe(client, event -> { });
        Await.until(() -> emulator.calls(PATH) >= 3, "three attempts");
        assertTrue(subscription.isOpen());
        List<LogRecord> warnings = logs.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        String message = warnings.get(0).getMessage();
        // The events route answers a refused key with the documented bare 401, no code.
        assertTrue(message.contains("HTTP 401 (http_401)") && message.contains("VENDO_API_KEY"), message);
        assertFalse(message.contains(wrongKey) || message.contains(emulator.apiKey()), message);
    }

    @Test
    void aSilentStreamIsReopenedAfterTheIdleBound() {
        Received received = subscribeAndWait(client(Duration.ofMillis(300)));
        String first = emulator.events().emit("connection.changed", "{}");
        assertEquals(Optional.of(first), received.next().id()); // from now on, reconnects resume after it

        emulator.events().silent(true);
        Await.until(() -> emulator.events().streamsOpened() >= 3, "the silent stream to be given up and reopened");
        emulator.events().silent(false);
        String second = emulator.events().emit("connection.changed", "{}");
        assertEquals(Optional.of(second), received.next().id());
        assertTrue(received.subscription.isOpen());
        assertTrue(eventRequests().stream().skip(1).allMatch(r -> first.equals(r.header("Last-Event-ID"))));
    }

    @Test
    void theRequestTimeoutDoesNotBoundTheStream() {
        Vendo client = EmulatorClients.builder(emulator).requestTimeout(Duration.ofMillis(200)).build();
        clients.add(client);
        ClientInternals.tuneEvents(client, NO_IDLE_LIMIT, FIRST_DELAY, () -> 0.0);
        emulator.events().heartbeatInterval(Duration.ofSeconds(5));
        try {
            Received received = subscribeAndWait(client);
            sleep(1000); // five request timeouts without a byte on the stream
            String id = emulator.events().emit("connection.changed", "{}");
            assertEquals(Optional.of(id), received.next().id());
            assertEquals(1, emulator.events().streamsOpened(), "the same stream all along");
        } finally {
            emulator.events().heartbeatInterval(Duration.ofMillis(50));
        }
    }

    @Test
    void aThrowingListenerIsLoggedAndTheStreamGoesOn() {
        logs = LogCapture.attach(VENDO_LOGGER.getName(), Level.WARNING);
        LinkedBlockingQueue<VendoEvent> got = new LinkedBlockingQueue<>();
        int before = emulator.events().streamsOpened();
        Subscription subscription = subscribe(client(), event -> {
            got.add(event);
            if (event.type().equals("bad")) {
                throw new IllegalStateException("listener failure");
            }
        });
        Await.until(() -> emulator.events().streamsOpened() > before, "the stream to open");
        emulator.events().emit("bad", "{\"secret-ish\":\"payload-value\"}");
        String good = emulator.events().emit("good", "{}");
        assertEquals("bad", poll(got).type());
        assertEquals(Optional.of(good), poll(got).id());
        assertTrue(subscription.isOpen());
        assertEquals(before + 1, emulator.events().streamsOpened(), "the stream was not reopened");
        LogRecord warning = logs.records().stream().filter(r -> r.getLevel() == Level.WARNING).findFirst()
                .orElseThrow();
        assertTrue(warning.getMessage().contains("'bad'"), warning.getMessage());
        assertFalse(warning.getMessage().contains("payload-value"), "no event data in logs");
        assertEquals("listener failure", warning.getThrown().getMessage());
    }

    @Test
    void aSlowListenerGetsEveryEventInOrderOnTheSubscriptionThread() {
        List<String> threads = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<VendoEvent> got = new LinkedBlockingQueue<>();
        int before = emulator.events().streamsOpened();
        Subscription subscription = subscribe(client(), event -> {
            threads.add(Thread.currentThread().getName());
            sleep(100); // two heartbeats pile up behind each event
            got.add(event);
        });
        Await.until(() -> emulator.events().streamsOpened() > before, "the stream to open");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(emulator.events().emit("billing.usage_recorded", "{\"i\":" + i + "}"));
        }
        for (String id : ids) {
            assertEquals(Optional.of(id), poll(got).id());
        }
        assertEquals(before + 1, emulator.events().streamsOpened());
        assertEquals(List.of(ClientInternals.threadName(subscription)), threads.stream().distinct().toList());
        assertTrue(ClientInternals.threadName(subscription).startsWith("vendo-events-"));
    }

    @Test
    void closeEndsTheThreadAndTheStreamAndIsIdempotent() {
        Vendo client = client();
        Received received = subscribeAndWait(client);
        String thread = ClientInternals.threadName(received.subscription);
        assertTrue(threadAlive(thread));

        received.subscription.close();
        assertFalse(received.subscription.isOpen());
        Await.until(() -> !threadAlive(thread), "the thread to end");
        Await.until(() -> emulator.events().openStreams() == 0, "the emulator to see the stream closed");
        Await.until(() -> ClientInternals.leasedConnections(client) == 0, "the connection to leave the pool");
        assertEquals(0, ClientInternals.openSubscriptions(client));
        received.subscription.close();
        assertFalse(received.subscription.isOpen());
    }

    @Test
    void closeCutsABackoffWaitShort() {
        Vendo client = client();
        ClientInternals.tuneEvents(client, NO_IDLE_LIMIT, Duration.ofMinutes(10), () -> 0.0);
        emulator.inject(Fault.status(503)).onPath(PATH).always();
        Subscription subscription = subscribe(client, event -> { });
        Await.until(() -> !ClientInternals.reconnectDelays(subscription).isEmpty(), "the first failure");
        String thread = ClientInternals.threadName(subscription);
        subscription.close();
        Await.until(() -> !threadAlive(thread), "the thread to end");
    }

    @Test
    void aListenerMayCloseItsOwnSubscription() {
        List<Subscription> self = new CopyOnWriteArrayList<>();
        LinkedBlockingQueue<VendoEvent> got = new LinkedBlockingQueue<>();
        int before = emulator.events().streamsOpened();
        Subscription subscription = subscribe(client(), event -> {
            got.add(event);
            self.get(0).close();
        });
        self.add(subscription);
        Await.until(() -> emulator.events().streamsOpened() > before, "the stream to open");
        emulator.events().emit("connection.changed", "{}");
        emulator.events().emit("connection.changed", "{}");
        poll(got);
        String thread = ClientInternals.threadName(subscription);
        Await.until(() -> !threadAlive(thread), "the thread to end");
        assertFalse(subscription.isOpen());
        assertEquals(List.of(), new ArrayList<>(got), "nothing after close");
    }

    @Test
    void closingTheRootClosesEverySubscription() {
        Vendo root = client();
        Received mine = subscribeAndWait(root);
        Received alices = subscribeAndWait(root);
        List<String> threads = List.of(ClientInternals.threadName(mine.subscription),
                ClientInternals.threadName(alices.subscription));

        root.close();
        assertFalse(mine.subscription.isOpen());
        assertFalse(alices.subscription.isOpen());
        Await.until(() -> threads.stream().noneMatch(EventsTest::threadAlive), "both threads to end");
        Await.until(() -> emulator.events().openStreams() == 0, "the emulator to see both streams closed");
        assertThrows(IllegalStateException.class, root::events);
    }

    @Test
    void anEventsHandleOfAClosedClientRefusesToSubscribe() {
        Vendo root = client();
        Events events = root.events();
        root.close();
        assertThrows(IllegalStateException.class, () -> events.subscribe(event -> { }));
    }

    @Test
    void needsVendoModeAndAListener() {
        try (Vendo oss = Vendo.builder().environment(Map.of()).build()) {
            Events events = oss.events();
            assertThrows(VendoOnlyFeature.class, () -> events.subscribe(event -> { }));
        }
        Vendo client = client();
        assertThrows(NullPointerException.class, () -> client.events().subscribe(null));
        assertEquals(0, ClientInternals.openSubscriptions(client));
    }

    // ---------------------------------------------------------------- helpers

    /** A listener that queues what it receives. */
    private static final class Received implements Consumer<VendoEvent> {
        final LinkedBlockingQueue<VendoEvent> events = new LinkedBlockingQueue<>();
        Subscription subscription;

        @Override
        public void accept(VendoEvent event) {
            events.add(event);
        }

        VendoEvent next() {
            return poll(events);
        }

        List<VendoEvent> drain() {
            List<VendoEvent> out = new ArrayList<>();
            events.drainTo(out);
            return out;
        }
    }

    private static List<RecordedRequest> eventRequests() {
        return emulator.requests().stream().filter(r -> r.path().equals(PATH)).toList();
    }

    private static VendoEvent poll(LinkedBlockingQueue<VendoEvent> queue) {
        try {
            VendoEvent event = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + WAIT);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
