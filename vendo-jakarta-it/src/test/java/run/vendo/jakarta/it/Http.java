package run.vendo.jakarta.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls from the test JVM to the deployed application. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Http() {
    }

    /** {@code GET base + path}; {@code path} is relative to the deployment's context root. */
    static HttpResponse<String> get(URL base, String path) {
        URI uri = URI.create(base.toExternalForm()).resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + uri + " interrupted", e);
        }
    }

    /** The body of a {@code GET} that must answer 200. */
    static String getOk(URL base, String path) {
        HttpResponse<String> response = get(base, path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + response.uri() + " answered " + response.statusCode()
                    + " instead of 200: " + response.body());
        }
        return response.body();
    }
}
