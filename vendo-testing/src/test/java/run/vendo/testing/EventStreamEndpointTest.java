package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator's {@code GET /api/deployments/me/events}, read with a plain HTTP client. One
 * emulator for the class (its keys take a while to make); each test starts with no open stream and
 * refers to event ids relative to the last one emitted before it.
 */
class EventStreamEndpointTest {

    private static final Duration HEARTBEAT = Duration.ofMillis(50);

    private static VendoEmulator emulator;
    private final List<SseTestClient> clients = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        emulator = VendoEmulator.start();
        emulator.events().heartbeatInterval(HEARTBEAT);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void closeStreams() {
        clients.forEach(SseTestClient::close);
        emulator.events().silent(false).retry(null).heartbeatInterval(HEARTBEAT).dropStreams();
        Await.until(() -> emulator.events().openStreams() == 0, "every stream to close");
        emulator.reset();
    }

    /** The id {@code n} events after the last one emitted so far. */
    private static String id(int n) {
        String last = emulator.events().lastId();
        return Long.toString((last.isEmpty() ? 0 : Long.parseLong(last)) + n);
    }

    private SseTestClient open(String lastEventId) {
        return open(lastEventId, null);
    }

    private SseTestClient open(String lastEventId, String userJwt) {
        SseTestClient client = SseTestClient.open(emulator, lastEventId, userJwt);
        clients.add(client);
        return client;
    }

    @Test
    void streamsEmittedEventsInTheDocsEnvelopeBetweenHeartbeats() {
        SseTestClient stream = open(null);
        assertEquals(200, stream.status());
        assertTrue(stream.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertEquals(": ping", stream.nextLine());
        Await.until(() -> emulator.events().openStreams() == 1, "one open stream");

        String expectedFirst = id(1);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String first = emulator.events().emit("billing.usage_recorded",
                "{\"provider\":\"openrouter\",\"micros\":1234}");
        String second = emulator.events().emit("billing.cap_warned", "line one\nline two");

        List<String> event = stream.nextEvent();
        assertEquals(List.of("id: " + first, "event: billing.usage_recorded"), event.subList(0, 2));
        assertEquals(3, event.size());
        JsonObject data = data(event.get(2));
        assertEquals(List.of("id", "at", "kind", "provider", "micros"), List.copyOf(data.keySet()));
        assertEquals(first, data.getString("id"));
        assertEquals("billing.usage_recorded", data.getString("kind"));
        Instant at = Instant.parse(data.getString("at"));
        assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), data.getString("at"));
        assertEquals("openrouter", data.getString("provider"));
        assertEquals(1234, data.getInt("micros"));
        // Data that is not a JSON object goes out as given, line by line.
        assertEquals(List.of("id: " + second, "event: billing.cap_warned", "data: line one", "data: line two"),
                stream.nextEvent());
        assertEquals(expectedFirst, first);
        assertEquals(Long.toString(Long.parseLong(first) + 1), second);
        assertEquals(1, emulator.events().streamsOpened());
        assertEquals(1, emulator.calls(EmulatorHandler.EVENTS_PATH));
    }

    @Test
    void connectionEventsAreFollowedByTheirLegacyAliasWithTheSameIdAndData() {
        SseTestClient stream = open(null);
        assertEquals(": ping", stream.nextLine());
        Await.until(() -> emulator.events().openStreams() == 1, "one open stream");
        String[][] aliases = {{"connection.connected", "connection_created"},
            {"connection.disconnected", "connection_deleted"}, {"connection.changed", "connection_updated"},
            {"connection.status_changed", "connection_updated"}};
        String firstId = id(1);
        for (String[] alias : aliases) {
            String id = emulator.events().emit(alias[0], "{\"slug\":\"notion\",\"connection_id\":\"cn_1\","
                    + "\"id\":\"not-the-event-id\",\"kind\":\"forged\"}");
            List<String> canonical = stream.nextEvent();
            List<String> legacy = stream.nextEvent();
            assertEquals(List.of("id: " + id, "event: " + alias[0]), canonical.subList(0, 2));
            assertEquals(List.of("id: " + id, "event: " + alias[1], canonical.get(2)), legacy);
            JsonObject data = data(canonical.get(2));
            assertEquals(id, data.getString("id"), "the envelope's fields win");
            assertEquals(alias[0], data.getString("kind"));
            assertEquals("notion", data.getString("slug"));
        }
        // A replay sends both blocks again.
        SseTestClient replay = open(Long.toString(Long.parseLong(firstId) - 1));
        assertEquals("event: connection.connected", replay.nextEvent().get(1));
        assertEquals("event: connection_created", replay.nextEvent().get(1));

        emulator.events().legacyAliases(false);
        try {
            String id = emulator.events().emit("connection.connected", "{\"slug\":\"notion\"}");
            String after = emulator.events().emit("billing.balance_changed", "{\"remaining_micros\":1}");
            assertEquals("id: " + id, stream.nextEvent().get(0));
            assertEquals("id: " + after, stream.nextEvent().get(0), "no alias block in between");
        } finally {
            emulator.events().legacyAliases(true);
        }
    }

    private static JsonObject data(String dataLine) {
        assertTrue(dataLine.startsWith("data: "), dataLine);
        try (JsonReader reader = Json.createReader(new StringReader(dataLine.substring("data: ".length())))) {
            return reader.readObject();
        }
    }

    @Test
    void replaysTheKeptEventsAfterLastEventId() {
        String first = id(1);
        for (int i = 0; i < 3; i++) {
            emulator.events().emit("billing.balance_changed", "{\"n\":" + i + "}");
        }
        SseTestClient stream = open(first);
        assertEquals("id: " + id(-1), stream.nextEvent().get(0));
        assertEquals("id: " + id(0), stream.nextEvent().get(0));
        String fourth = emulator.events().emit("billing.balance_changed", "{}");
        assertEquals("id: " + fourth, stream.nextEvent().get(0));

        SseTestClient fresh = open(null); // no header: only what comes next
        String fifth = emulator.events().emit("billing.balance_changed", "{}");
        assertEquals("id: " + fifth, fresh.nextEvent().get(0));
    }

    @Test
    void keepsOnlyTheLastHundredEvents() {
        for (int i = 0; i < EmulatedEvents.REPLAYED + 5; i++) {
            emulator.events().emit("billing.usage_recorded", "{}");
        }
        String oldestKept = id(1 - EmulatedEvents.REPLAYED);
        SseTestClient stream = open("0");
        assertEquals("id: " + oldestKept, stream.nextEvent().get(0));
        SseTestClient notANumber = open("something-else");
        assertEquals("id: " + oldestKept, notANumber.nextEvent().get(0));
    }

    @Test
    void refusesTheSixthStreamWith429() throws IOException {
        for (int i = 0; i < EmulatedEvents.MAX_STREAMS; i++) {
            assertEquals(200, open(null).status());
        }
        SseTestClient sixth = open(null);
        assertEquals(429, sixth.status());
        HttpResponse<?> response = sixth.response();
        assertEquals("rate_limit_sse_streams", response.headers().firstValue("Vendo-Error-Code").orElse(null));
        String body = new String(sixth.response().body().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body.contains("rate_limit_sse_streams"), body);
        assertEquals(EmulatedEvents.MAX_STREAMS, emulator.events().openStreams());
        assertEquals(EmulatedEvents.MAX_STREAMS, emulator.events().streamsOpened());
        assertEquals(EmulatedEvents.MAX_STREAMS + 1, emulator.calls(EmulatorHandler.EVENTS_PATH));
        assertEquals(List.of(200, 200, 200, 200, 200, 429), emulator.requests().stream()
                .map(RecordedRequest::status).toList());

        // A client that goes away frees its place once the server next writes (a heartbeat).
        clients.get(0).close();
        Await.until(() -> emulator.events().openStreams() == EmulatedEvents.MAX_STREAMS - 1,
                "all but one stream open");
        assertEquals(200, open(null).status());
    }

    @Test
    void isTheDeploymentsStreamWhateverUserJwtComesWithItAsOnVendo() {
        SseTestClient valid = open(null, emulator.mintUserJwt("alice"));
        assertEquals(200, valid.status());
        SseTestClient garbage = open(null, "not-a-jwt");
        assertEquals(200, garbage.status(), "the header is ignored, not verified");
        assertEquals(2, emulator.events().streamsOpened());
        assertTrue(emulator.requests().stream().filter(r -> r.path().equals(EmulatorHandler.EVENTS_PATH))
                .allMatch(r -> VendoEmulator.DEPLOYMENT.equals(r.identity())));
    }

    @Test
    void refusesAnythingButTheAppKeyWithVendosMessages() {
        for (String authorization : new String[] {null, "Bearer " + emulator.mintUserJwt("alice"),
                "Bearer vendo_sk_test_someone_else"}) {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(emulator.baseUrl() + EmulatorHandler.EVENTS_PATH));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> refused = TestHttp.send(request);
            assertEquals(401, refused.statusCode());
            assertTrue(refused.headers().firstValue("Vendo-Error-Code").isEmpty());
            String expected = authorization != null && authorization.contains("vendo_sk_")
                    ? "Invalid or revoked token" : "Missing or invalid Bearer token";
            assertEquals("{\"error\":{\"message\":\"" + expected + "\"}}", refused.body());
        }
        assertEquals(0, emulator.events().streamsOpened());
    }

    @Test
    void dropStreamsCutsEveryOpenStream() {
        SseTestClient a = open(null);
        SseTestClient b = open(null);
        Await.until(() -> emulator.events().openStreams() == 2, "two open streams");
        emulator.events().dropStreams();
        a.awaitEnd();
        b.awaitEnd();
        Await.until(() -> emulator.events().openStreams() == 0, "every stream to close");
        assertEquals(2, emulator.events().streamsOpened());
    }

    @Test
    void startsWithTheConfiguredRetry() {
        emulator.events().retry(Duration.ofMillis(1500));
        SseTestClient stream = open(null);
        assertEquals("retry: 1500", stream.nextLine());
    }

    @Test
    void aSilentStreamSendsNothingUntilTheSilenceEnds() {
        SseTestClient stream = open(null);
        assertEquals(": ping", stream.nextLine());
        // No heartbeat is due for an hour after the marker, so that the marker is the last line before the silence.
        emulator.events().heartbeatInterval(Duration.ofHours(1));
        String marker = emulator.events().emit("billing.balance_changed", "{}");
        assertEquals("id: " + marker, stream.nextEvent().get(0));

        int withheld = emulator.events().heartbeatsWithheld();
        emulator.events().silent(true).heartbeatInterval(Duration.ofMillis(1));
        String held = emulator.events().emit("billing.balance_changed", "{}");
        Await.until(() -> emulator.events().heartbeatsWithheld() >= withheld + 5,
                "the silent stream lets five heartbeat intervals pass");
        // Cut while silent: everything written since the marker is read before the end of the stream.
        emulator.events().dropStreams();
        assertEquals(SseTestClient.END, stream.nextLine(), "neither a heartbeat nor event " + held);

        Await.until(() -> emulator.events().openStreams() == 0, "the cut stream to close");
        // Opened during the silence, a stream may not even get its headers before the silence ends.
        CompletableFuture<SseTestClient> again = CompletableFuture.supplyAsync(() -> open(null));
        Await.until(() -> emulator.events().openStreams() == 1, "the new stream to open");
        String waiting = emulator.events().emit("billing.balance_changed", "{}");
        emulator.events().silent(false);
        assertEquals("id: " + waiting, again.join().nextLine(), "the event that waited goes out first");
    }

    @Test
    void closingTheEmulatorEndsEveryStream() {
        try (VendoEmulator own = VendoEmulator.start()) {
            SseTestClient stream = SseTestClient.open(own, null);
            clients.add(stream);
            Await.until(() -> own.events().openStreams() == 1, "one open stream");
            own.close();
            stream.awaitEnd();
            Await.until(() -> own.events().openStreams() == 0, "every stream to close");
        }
    }
}
