package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link VendoEmulator#clientConnections()} and {@link RecordedRequest#clientAddress()}: the wire as seen. */
class ClientConnectionsTest {

    @Test
    void requestsOnOneKeepAliveConnectionCountOnceAndEachNewConnectionOnceMore() {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            emulator.deployment().connect("google");
            assertEquals(0, emulator.clientConnections());

            HttpClient keepAlive = TestHttp.newClient();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, TestHttp.send(keepAlive, TestHttp.authorized(emulator, "/credentials/google"))
                        .statusCode());
            }
            assertEquals(1, emulator.clientConnections());
            List<RecordedRequest> requests = emulator.requests();
            InetSocketAddress client = requests.get(0).clientAddress();
            assertTrue(client.getAddress().isLoopbackAddress(), client.toString());
            assertNotEquals(emulator.port(), client.getPort());
            assertEquals(Set.of(client),
                    requests.stream().map(RecordedRequest::clientAddress).collect(Collectors.toSet()));

            // Two more clients, two more connections; a rejected request counts like any other.
            TestHttp.send(TestHttp.newClient(), TestHttp.authorized(emulator, "/credentials/google"));
            assertEquals(401, TestHttp.send(TestHttp.newClient(), TestHttp.authorized(emulator, "/credentials/google")
                    .setHeader("Authorization", "Bearer vendo_sk_wrong")).statusCode());
            assertEquals(3, emulator.clientConnections());

            emulator.reset();
            assertEquals(0, emulator.clientConnections());
            TestHttp.send(keepAlive, TestHttp.authorized(emulator, "/credentials/google"));
            assertEquals(1, emulator.clientConnections());
        }
    }
}
