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

    /**
     * HTTP/1.1, as Vendo and proxies speak it: with HTTP/2 the client offers an h2c upgrade, and
     * Payara's upgrade path never answers a request whose body it refuses before reading (a 413).
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
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

    /**
     * {@code GET base + path} with headers given as name, value pairs (e.g. {@code "X-Vendo-User-JWT", jwt}).
     * Failure messages name the URI only: never a header value, which may be a token.
     */
    static HttpResponse<String> get(URL base, String path, String... headers) {
        return send(base, path, (HttpRequest.BodyPublisher) null, headers);
    }

    /** {@code POST base + path} with a body ({@code text/plain} unless a Content-Type is given) and headers. */
    static HttpResponse<String> post(URL base, String path, String body, String... headers) {
        return send(base, path, body, headers);
    }

    /**
     * {@code POST base + path} with a body from a publisher ({@code ofInputStream} sends it chunked, without
     * a length) and headers; {@code text/plain} unless a Content-Type is given.
     */
    static HttpResponse<String> post(URL base, String path, HttpRequest.BodyPublisher body, String... headers) {
        return send(base, path, body, headers);
    }

    private static HttpResponse<String> send(URL base, String path, String body, String... headers) {
        return send(base, path, body == null ? null : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    private static HttpResponse<String> send(URL base, String path, HttpRequest.BodyPublisher body,
            String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        URI uri = URI.create(base.toExternalForm()).resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body == null) {
            request.GET();
        } else {
            if (!typed) {
                request.header("Content-Type", "text/plain");
            }
            request.POST(body);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException((body == null ? "GET " : "POST ") + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException((body == null ? "GET " : "POST ") + uri + " interrupted", e);
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
