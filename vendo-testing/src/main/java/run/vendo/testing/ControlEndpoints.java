package run.vendo.testing;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The emulator's own endpoints under {@value #PREFIX}: not Vendo's API, but a way to drive a running
 * emulator from outside its JVM (a shell, a demo), where {@link VendoEmulator}'s methods are out of
 * reach. Each needs the App Key ({@code Authorization: Bearer <apiKey>}, else 401 {@code
 * app_unknown}) and no {@code Vendo-API-Version}. They are neither recorded nor faulted: they do
 * not count in {@link VendoEmulator#calls()} and no injected fault applies to them.
 *
 * <ul>
 *   <li>{@code POST /_emulator/events} with {@code {"type": "connection.connected", "data": {"slug":
 *       "google"}}} ({@code data} a JSON object, {@code {}} when left out): {@link EmulatedEvents#emit}
 *       to every open stream, {@code data} wrapped in the docs' envelope ({@code id}, {@code at},
 *       {@code kind}); answers {@code {"id": "3", "open_streams": 1}}, the event's id and
 *       how many streams were open to get it.
 * </ul>
 */
final class ControlEndpoints {

    static final String PREFIX = "/_emulator/";
    static final String EVENTS_PATH = PREFIX + "events";

    /** An event is a few hundred bytes. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int MAX_TYPE_CHARS = 200;

    private final VendoEmulator emulator;

    ControlEndpoints(VendoEmulator emulator) {
        this.emulator = emulator;
    }

    /** Whether {@code path} is one of these endpoints' paths (known or not). */
    static boolean serves(String path) {
        return path.startsWith(PREFIX);
    }

    /** Answers a request to {@code path}; the caller closes the exchange. */
    void handle(HttpExchange exchange, String path) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!Secrets.constantTimeEquals(authorization, "Bearer " + emulator.apiKey())) {
            send(exchange, Reply.vendoError(401, "app_unknown", "The API key is missing or not recognised."));
        } else if (!EVENTS_PATH.equals(path)) {
            send(exchange, Reply.vendoError(404, "not_found", "No such endpoint."));
        } else if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, Reply.vendoError(405, "method_not_allowed", "Only POST is supported here."));
        } else {
            send(exchange, emit(exchange));
        }
    }

    private Reply emit(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            return Reply.vendoError(413, "validation_failed", "The body is larger than " + MAX_REQUEST_BYTES
                    + " bytes.");
        }
        JsonValue request;
        try {
            request = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (JsonException notJson) {
            request = null;
        }
        if (!(request instanceof JsonObject object)) {
            return invalid("The body must be a JSON object: {\"type\": \"connection.connected\", \"data\": {...}}.");
        }
        String type = object.get("type") instanceof JsonString s ? s.getString() : null;
        if (type == null || type.isBlank() || type.length() > MAX_TYPE_CHARS
                || type.chars().anyMatch(Character::isISOControl)) {
            return invalid("\"type\" must be an event type, e.g. \"connection.connected\".");
        }
        JsonValue data = object.get("data");
        if (data != null && !(data instanceof JsonObject)) {
            return invalid("\"data\" must be a JSON object.");
        }
        String text = data == null ? "{}" : Json.text((JsonObject) data);
        EmulatedEvents events = emulator.events();
        int open;
        String id;
        synchronized (events) { // the count of the streams this very event went to
            open = events.openStreams();
            id = events.emit(type, text);
        }
        return Reply.ok(Json.object().add("id", id).add("open_streams", open).build());
    }

    private static Reply invalid(String message) {
        return Reply.vendoError(400, "validation_failed", message);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.errorCode() != null) {
            exchange.getResponseHeaders().set(EmulatorHandler.ERROR_CODE_HEADER, reply.errorCode());
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] bytes = Json.bytes(reply.body());
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
