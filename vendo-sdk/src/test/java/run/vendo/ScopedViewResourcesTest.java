package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.VendoEmulator;

/**
 * DESIGN.md sections 4 and 6: one pooled HttpClient per root client, shared by all its views, and
 * "creating a scoped view allocates no HTTP resources". Behaviour, not timing, and seen from outside
 * the client: creating 10,000 views starts no thread and sends no request, and views that each make
 * an upstream call reach Vendo on their root's connection. A view with a pool of its own would open a
 * connection of its own, which the emulator sees.
 */
class ScopedViewResourcesTest {

    private static final int VIEWS = 10_000;
    private static final int USERS = 50;
    private static final int CALLING_VIEWS = 200;
    /** Sequential calls reuse one keep-alive connection; one spare for a connection the pool retires. */
    private static final int MAX_CONNECTIONS = 2;

    @Test
    void tenThousandViewsStartNoThreadAndSendNoRequest() {
        try (VendoEmulator emulator = VendoEmulator.start().autoConnect("google");
                Vendo root = EmulatorClients.client(emulator)) {
            List<String> jwts = new ArrayList<>();
            List<Map<String, String>> headerMaps = new ArrayList<>();
            List<TreeMap<String, String>> lookups = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                String jwt = emulator.mintUserJwt("user-" + i);
                jwts.add(jwt);
                Map<String, String> headers = requestHeaders("user-" + i, jwt);
                headerMaps.add(headers);
                TreeMap<String, String> lookup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                lookup.putAll(headers);
                lookups.add(lookup);
            }

            // Warm up: the pool has opened a connection, the emulator has its worker thread and the
            // cache has run its maintenance, so that the baseline below is steady.
            String google = root.forUser(jwts.get(0)).token("google");
            assertEquals(emulator.user("user-0").token("google"), google);
            ForkJoinPool.commonPool().awaitQuiescence(5, TimeUnit.SECONDS);
            int callsBefore = emulator.calls();
            Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
            int activeBefore = Thread.activeCount();

            for (int i = 0; i < VIEWS; i++) {
                int user = i % USERS;
                Vendo view = switch (i % 3) {
                    case 0 -> root.forRequest(headerMaps.get(user));
                    case 1 -> root.forRequest(lookups.get(user)::get);
                    default -> root.forUser(jwts.get(user));
                };
                assertNotSame(root, view);
                assertTrue(ClientInternals.isUserScoped(view));
                view.close(); // a no-op on a view: it owns nothing
            }

            Set<String> newThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !threadsBefore.contains(t))
                    .map(Thread::getName)
                    .collect(Collectors.toSet());
            assertEquals(Set.of(), newThreads, "threads started while creating views");
            assertTrue(Thread.activeCount() <= activeBefore,
                    "active threads grew from " + activeBefore + " to " + Thread.activeCount());
            assertEquals(callsBefore, emulator.calls(), "requests sent while creating views");

            // Closing views left the root open and its cache intact: this is a hit, not a request.
            assertFalse(root.toString().contains("closed"));
            assertEquals(google, root.forRequest(headerMaps.get(0)).token("google"));
            assertEquals(callsBefore, emulator.calls());
        }
    }

    @Test
    void viewsCallingOneAfterAnotherShareTheRootsConnection() {
        try (VendoEmulator emulator = VendoEmulator.start().autoConnect("google");
                Vendo root = EmulatorClients.client(emulator)) {
            assertEquals(emulator.deployment().token("google"), root.token("google"));
            assertEquals(1, emulator.clientConnections());

            for (int i = 0; i < CALLING_VIEWS; i++) {
                String user = "user-" + i; // a new identity each time: a cache miss, so an upstream call
                String jwt = emulator.mintUserJwt(user);
                Map<String, String> headers = requestHeaders(user, jwt);
                Vendo view = switch (i % 3) {
                    case 0 -> root.forRequest(headers);
                    case 1 -> root.forRequest(headers::get);
                    default -> root.forUser(jwt);
                };
                assertEquals(emulator.user(user).token("google"), view.token("google"));
            }

            assertEquals(CALLING_VIEWS + 1, emulator.calls("/credentials/google"));
            assertTrue(emulator.clientConnections() <= MAX_CONNECTIONS, emulator.clientConnections()
                    + " client connections for " + (CALLING_VIEWS + 1) + " sequential calls through one root"
                    + " and its views: a view must use its root's pool, not open connections of its own");
        }
    }

    /** Headers as a servlet container hands them over behind Vendo's proxy. */
    private static Map<String, String> requestHeaders(String user, String jwt) {
        return Map.of("Host", "tool.example.vendo.run", "Accept", "application/json",
                "X-Forwarded-Proto", "https", "X-Vendo-User-Id", user, "X-Vendo-User-JWT", jwt);
    }
}
