package run.vendo.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the driver spreads callers over its connections, against a loopback server that counts the
 * requests of each caller: a first-touch pass sends exactly one request per caller.
 */
class LoadDriverTest {

    static {
        // Without it, the server's separate header and body writes wait out delayed ACKs: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private HttpServer server;
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String jwt = exchange.getRequestHeaders().getFirst("X-Vendo-User-JWT");
            seen.computeIfAbsent(jwt, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");
    }

    private static List<LoadDriver.Caller> callers(int n) {
        List<LoadDriver.Caller> callers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            callers.add(new LoadDriver.Caller("user-" + i, "jwt-" + i, null));
        }
        return callers;
    }

    @Test
    void aFirstTouchPassSendsOneRequestPerCaller() throws Exception {
        for (int users : new int[] {200, 50, 16, 7}) {
            seen.clear();
            firstTouch(users, 16);
        }
    }

    private void firstTouch(int users, int connections) throws Exception {
        try (LoadDriver driver = new LoadDriver(connections)) {
            LoadDriver.Result pass = driver.visitEach("first touch", url(), callers(users), "pong");
            assertEquals(0, pass.errors(), pass.sampleErrors()::toString);
            assertEquals(users, pass.callersVisited(), users + " users");
            assertEquals(users, seen.size());
            if (users >= connections) {
                assertEquals(users, pass.requests());
                assertTrue(seen.values().stream().allMatch(n -> n.get() == 1), seen::toString);
            }
        }
    }
}
