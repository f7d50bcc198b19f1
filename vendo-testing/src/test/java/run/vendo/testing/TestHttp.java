package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/** Plain java.net.http requests to an emulator, for tests. */
final class TestHttp {

    static final String API_VERSION = "2026-05-15";

    private static final HttpClient SHARED = newClient();

    private TestHttp() {}

    /** A fresh HTTP/1.1 client (fresh connections: no retry on a pooled connection). */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A request with the API key and API version set, for {@code path} (may hold a query). */
    static HttpRequest.Builder authorized(VendoEmulator emulator, String path) {
        return HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + emulator.apiKey())
                .header("Vendo-API-Version", API_VERSION)
                .header("Accept", "application/json");
    }

    /** A request with the API key, API version and a user JWT. */
    static HttpRequest.Builder asUser(VendoEmulator emulator, String path, String jwt) {
        return authorized(emulator, path).header("X-Vendo-User-JWT", jwt);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(SHARED, request);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(VendoEmulator emulator, String path) {
        return send(authorized(emulator, path));
    }

    static HttpResponse<String> getAs(VendoEmulator emulator, String path, String jwt) {
        return send(asUser(emulator, path, jwt));
    }

    static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /**
     * The error code of a Vendo error body: {@code error} of the credentials worker's flat {@code
     * {"error": "<code>", "detail": "..."}}, else {@code error.code} of the nested form.
     */
    static String errorCode(HttpResponse<String> response) {
        JsonObject body = json(response);
        if (body.get("error") instanceof JsonString flat) {
            return flat.getString();
        }
        return body.getJsonObject("error").getString("code");
    }

    /** Asserts a credentials-worker error: the status, the code in the header and a flat body naming it. */
    static JsonObject assertWorkerError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, response.headers().firstValue("Vendo-Error-Code").orElse(null), "Vendo-Error-Code");
        JsonObject body = json(response);
        assertEquals(Set.of("error", "detail"), body.keySet(), response.body());
        assertEquals(code, body.getString("error"));
        assertFalse(body.getString("detail").isBlank());
        return body;
    }
}
