package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Fault;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/** Single-flight and cross-user isolation with many threads, over real HTTP. */
class ConcurrencyTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo);

    @Test
    void concurrentColdLookupsOfOneKeyMakeOneUpstreamCall(Vendo root) throws Exception {
        VendoEmulator emulator = vendo.emulator();
        String token = emulator.user("alice").connect("google");
        emulator.inject(Fault.delay(Duration.ofMillis(300))); // hold the first lookup open
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            String jwt = emulator.mintUserJwt("alice");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return root.forUser(jwt).token("google");
                }));
            }
            start.countDown();
            for (Future<String> r : results) {
                assertEquals(token, r.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, emulator.tokenCalls("alice", "google"));
    }

    @Test
    void underConcurrentLoadNobodyEverReceivesAnotherIdentitysToken(Vendo root) throws Exception {
        VendoEmulator emulator = vendo.emulator();
        int users = 24;
        List<String> slugs = List.of("google", "notion", "slack");
        Map<String, String> jwts = new HashMap<>();
        Map<String, String> expected = new HashMap<>();
        for (int u = 0; u < users; u++) {
            String user = "user-" + u;
            jwts.put(user, emulator.mintUserJwt(user));
            for (String slug : slugs) {
                expected.put(user + "/" + slug, emulator.user(user).connect(slug));
            }
        }
        for (String slug : slugs) {
            expected.put(VendoEmulator.DEPLOYMENT + "/" + slug, emulator.deployment().connect(slug));
        }
        int threads = 16;
        int rounds = 400;
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        int pick = (seed * 31 + i * 7) % (users + 1);
                        String slug = slugs.get((seed + i) % slugs.size());
                        String who = pick == users ? VendoEmulator.DEPLOYMENT : "user-" + pick;
                        Vendo client = pick == users ? root
                                : root.forRequest(Map.of("x-vendo-user-jwt", jwts.get(who)));
                        String token = (i % 5 == 0) ? client.tokens(List.of(slug)).get(slug) : client.token(slug);
                        served.incrementAndGet();
                        if (!expected.get(who + "/" + slug).equals(token)) {
                            wrong.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(0, ClientInternals.leasedConnections(root));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * rounds, served.get());
        assertEquals(0, wrong.get(), "tokens served to the wrong identity");
        int upstream = 0;
        for (String key : expected.keySet()) {
            String[] parts = key.split("/");
            int calls = emulator.tokenCalls(parts[0], parts[1]);
            assertTrue(calls <= 1, key + " looked up " + calls + " times");
            upstream += calls;
        }
        System.out.printf("isolation: %d lookups by %d identities, %d upstream calls, %d wrong%n",
                served.get(), users + 1, upstream, wrong.get());
    }
}
