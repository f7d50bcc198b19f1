package run.vendo.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWKS endpoint on loopback for keys a test owns ({@link JwtKey}), when the emulator's own
 * ({@link VendoEmulator#jwksUrl()}) will not do: keys that rotate, or an endpoint that fails or
 * answers garbage. It counts the requests it answered.
 *
 * <pre>{@code
 * JwtKey key = JwtKey.ec("ec-1");
 * try (JwksServer jwks = JwksServer.start().serve(key)) {
 *     configure(jwks.url());
 *     jwks.serve(JwtKey.ec("ec-2"));        // rotated
 *     jwks.serveRaw(500, "down");           // failing
 * }
 * }</pre>
 *
 * <p>Serves an empty key set until told otherwise. Thread-safe.
 */
public final class JwksServer implements AutoCloseable {

    private static final String PATH = "/jwks.json";

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Answer answer = new Answer(200, "{\"keys\":[]}");

    private record Answer(int status, String body) {}

    private JwksServer(HttpServer server) {
        this.server = server;
        server.createContext(PATH, exchange -> {
            calls.incrementAndGet();
            Answer now = answer;
            byte[] bytes = now.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(now.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @return the running server; close it when done
     */
    public static JwksServer start() {
        try {
            JwksServer jwks = new JwksServer(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            jwks.server.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the JWKS server", e);
        }
    }

    /**
     * Serves the public halves of these keys from now on, with status 200.
     *
     * @param keys the keys to publish (none: an empty key set)
     * @return this server
     */
    public JwksServer serve(JwtKey... keys) {
        return serveRaw(200, JwtKey.jwksJson(keys));
    }

    /**
     * Answers every request from now on with this status and body.
     *
     * @param status the HTTP status
     * @param body the body, sent as {@code application/json} whatever it holds
     * @return this server
     */
    public JwksServer serveRaw(int status, String body) {
        this.answer = new Answer(status, body);
        return this;
    }

    /**
     * Returns the URL of the key set.
     *
     * @return {@code http://127.0.0.1:<port>/jwks.json}
     */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + PATH;
    }

    /**
     * Returns the number of requests answered since start.
     *
     * @return the count
     */
    public int calls() {
        return calls.get();
    }

    /** Stops the server at once; a later request is refused. */
    @Override
    public void close() {
        server.stop(0);
    }
}
