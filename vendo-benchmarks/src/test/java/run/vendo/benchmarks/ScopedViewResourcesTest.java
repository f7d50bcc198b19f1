package run.vendo.benchmarks;

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
import run.vendo.Vendo;
import run.vendo.internal.VendoClient;
import run.vendo.testing.VendoEmulator;

/**
 * DESIGN.md section 6: "creating a scoped view allocates no HTTP resources". A behaviour test, not
 * a timing test: 10,000 views of many users, made by each of the three factory methods, lease no
 * connection from the root's pool, start no thread and send no request.
 */
class ScopedViewResourcesTest {

    private static final int VIEWS = 10_000;
    private static final int USERS = 50;

    @Test
    void tenThousandViewsLeaseNoConnectionStartNoThreadAndSendNoRequest() throws Exception {
        try (VendoEmulator emulator = VendoEmulator.start().autoConnect("google");
                Vendo root = Vendo.builder().environment(emulator.environment()).build()) {
            VendoClient rootClient = (VendoClient) root;
            List<String> jwts = new ArrayList<>();
            List<Map<String, String>> headerMaps = new ArrayList<>();
            List<TreeMap<String, String>> lookups = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                String jwt = emulator.mintUserJwt("user-" + i);
                jwts.add(jwt);
                Map<String, String> headers = ScopedViewBenchmark.requestHeaders(jwt);
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
            assertEquals(0, rootClient.leasedConnections());
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
                assertTrue(((VendoClient) view).isUserScoped());
                if (i % 1_000 == 0) {
                    assertEquals(0, rootClient.leasedConnections(), "connections leased after " + i + " views");
                }
                view.close(); // a no-op on a view: it owns nothing
            }

            assertEquals(0, rootClient.leasedConnections(), "connections leased after " + VIEWS + " views");
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
}
