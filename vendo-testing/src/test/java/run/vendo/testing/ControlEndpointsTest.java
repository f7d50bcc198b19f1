package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The emulator's own {@code POST /_emulator/events}: emits to open streams, behind the App Key only. */
class ControlEndpointsTest {

    private static VendoEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = VendoEmulator.start();
        emulator.events().heartbeatInterval(Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.events().dropStreams();
        Await.until(() -> emulator.events().openStreams() == 0, "the dropped streams to close");
        emulator.reset();
    }

    private static HttpRequest.Builder control(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private static HttpResponse<String> emit(String body) {
        return TestHttp.send(control(ControlEndpoints.EVENTS_PATH, "Bearer " + emulator.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void emitsTheEventToOpenStreamsAndAnswersItsIdWithoutAnApiVersion() {
        try (SseTestClient stream = SseTestClient.open(emulator, null)) {
            assertEquals(200, stream.status());
            assertEquals(": ping", stream.nextLine()); // the stream is registered
            HttpResponse<String> answer = emit("{\"type\":\"connection.connected\",\"data\":{\"slug\":\"google\"}}");

            assertEquals(200, answer.statusCode(), answer.body());
            JsonObject body = TestHttp.json(answer);
            assertEquals(emulator.events().lastId(), body.getString("id"));
            assertEquals(1, body.getInt("open_streams"));
            String id = body.getString("id");
            List<String> event = stream.nextEvent();
            assertEquals(List.of("id: " + id, "event: connection.connected"), event.subList(0, 2));
            assertTrue(event.get(2).matches("data: \\{\"id\":\"" + id + "\",\"at\":\"[0-9T:-]+Z\","
                    + "\"kind\":\"connection.connected\",\"slug\":\"google\"}"), event.get(2));
            assertEquals(List.of("id: " + id, "event: connection_created", event.get(2)), stream.nextEvent(),
                    "the legacy alias block");

            String second = TestHttp.json(emit("{\"type\":\"billing.balance_changed\"}")).getString("id");
            List<String> bare = stream.nextEvent();
            assertEquals(List.of("id: " + second, "event: billing.balance_changed"), bare.subList(0, 2));
            assertTrue(bare.get(2).matches("data: \\{\"id\":\"" + second + "\",\"at\":\"[0-9T:-]+Z\","
                    + "\"kind\":\"billing.balance_changed\"}"), bare.get(2));
        }
    }

    @Test
    void withNoStreamOpenTheEventIsKeptForReplay() {
        HttpResponse<String> answer = emit("{\"type\":\"connection.changed\",\"data\":{\"n\":1}}");
        assertEquals(0, TestHttp.json(answer).getInt("open_streams"));
        String id = TestHttp.json(answer).getString("id");
        try (SseTestClient stream = SseTestClient.open(emulator, "0")) {
            List<String> replayed = stream.nextEvent();
            while (!replayed.get(0).equals("id: " + id)) {
                replayed = stream.nextEvent();
            }
            assertEquals(List.of("id: " + id, "event: connection.changed"), replayed.subList(0, 2));
            assertTrue(replayed.get(2).endsWith("\"kind\":\"connection.changed\",\"n\":1}"), replayed.get(2));
        }
    }

    @Test
    void needsTheAppKey() {
        String before = emulator.events().lastId();
        String body = "{\"type\":\"connection.connected\"}";
        for (String authorization : new String[] {null, "Bearer vendo_sk_test_wrong", emulator.apiKey()}) {
            HttpResponse<String> answer = TestHttp.send(control(ControlEndpoints.EVENTS_PATH, authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertEquals(401, answer.statusCode(), answer.body());
            assertEquals("app_unknown", TestHttp.errorCode(answer));
            assertTrue(!answer.body().contains(emulator.apiKey()), answer.body());
        }
        HttpResponse<String> unknown = TestHttp.send(control("/_emulator/nothing", null).GET());
        assertEquals(401, unknown.statusCode(), "nothing under /_emulator/ answers without the key");
        assertEquals(before, emulator.events().lastId(), "nothing emitted");
    }

    @Test
    void refusesOtherMethodsPathsAndBodies() {
        String before = emulator.events().lastId();
        String key = "Bearer " + emulator.apiKey();
        HttpResponse<String> get = TestHttp.send(control(ControlEndpoints.EVENTS_PATH, key).GET());
        assertEquals(405, get.statusCode(), get.body());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> other = TestHttp.send(control("/_emulator/faults", key)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(404, other.statusCode(), other.body());

        List<String> bodies = List.of("", "{oops", "[]", "{}", "{\"type\":\"\"}", "{\"type\":\"  \"}",
                "{\"type\":7}", "{\"type\":\"a\\nb\"}", "{\"type\":\"" + "x".repeat(201) + "\"}",
                "{\"type\":\"connection.connected\",\"data\":[1]}",
                "{\"type\":\"connection.connected\",\"data\":\"s\"}");
        for (String body : bodies) {
            HttpResponse<String> answer = emit(body);
            assertEquals(400, answer.statusCode(), body);
            assertEquals("validation_failed", TestHttp.errorCode(answer), body);
        }
        HttpResponse<String> huge = emit("{\"type\":\"big\",\"data\":{\"x\":\"" + "x".repeat(70_000) + "\"}}");
        assertEquals(413, huge.statusCode());
        assertEquals(before, emulator.events().lastId(), "nothing emitted");
    }

    @Test
    void isNeitherRecordedNorFaulted() {
        emulator.inject(Fault.status(503));
        HttpResponse<String> answer = emit("{\"type\":\"connection.connected\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(0, emulator.calls());
        assertEquals(List.of(), emulator.requests());
        assertEquals(503, TestHttp.get(emulator, "/credentials/google").statusCode(), "Vendo's own paths are");
    }
}
