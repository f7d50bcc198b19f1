package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients and users at once: isolation holds and counters are exact. */
class EmulatorConcurrencyTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @Test
    void sixteenThreadsOfDistinctUsersGetOnlyTheirOwnTokensAndExactCounts() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        int threads = 16;
        int perThread = 25;
        List<String> jwts = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tokens.add(emulator.user("user-" + t).connect("google"));
            jwts.add(emulator.mintUserJwt("user-" + t));
        }
        String deploymentToken = emulator.deployment().connect("google");
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                HttpClient client = TestHttp.newClient();
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        HttpResponse<String> r = i % 5 == 4
                                ? TestHttp.send(client, TestHttp.authorized(emulator, "/credentials/google"))
                                : TestHttp.send(client, TestHttp.asUser(emulator,
                                        i % 2 == 0 ? "/credentials/google" : "/credentials/_bulk?slugs=google,notion",
                                        jwts.get(id)));
                        String expected = i % 5 == 4 ? deploymentToken : tokens.get(id);
                        if (r.statusCode() != 200 || !r.body().contains(expected)) {
                            failures.add("user-" + id + " request " + i + ": " + r.statusCode());
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(failures));
        int total = threads * perThread;
        assertEquals(total, emulator.calls());
        assertEquals(total, emulator.requests().size());
        int deploymentCalls = threads * (perThread / 5);
        assertEquals(deploymentCalls, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
        int userCallsEach = perThread - perThread / 5;
        int bulkEach = 0;
        for (int i = 0; i < perThread; i++) {
            if (i % 5 != 4 && i % 2 == 1) {
                bulkEach++;
            }
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(userCallsEach, emulator.tokenCalls("user-" + t, "google"), "user-" + t);
            assertEquals(bulkEach, emulator.tokenCalls("user-" + t, "notion"), "user-" + t);
        }
        assertEquals(threads * bulkEach, emulator.calls("/credentials/_bulk"));
        assertEquals(total - threads * bulkEach, emulator.calls("/credentials/google"));
        Set<Long> sequences = new HashSet<>();
        long previous = -1;
        for (RecordedRequest r : emulator.requests()) {
            assertTrue(sequences.add(r.sequence()));
            assertTrue(r.sequence() > previous, "in arrival order");
            previous = r.sequence();
        }
    }

    @Test
    void sixtyFourSimultaneousConnectionsAreAllServed() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("openai");
        emulator.inject(Fault.delay(java.time.Duration.ofMillis(200))).times(64);
        HttpClient client = TestHttp.newClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            responses.add(client.sendAsync(TestHttp.authorized(emulator, "/credentials/openai").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : responses) {
            assertEquals(200, f.get(20, TimeUnit.SECONDS).statusCode());
        }
        assertEquals(64, emulator.calls());
        assertEquals(64, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "openai"));
    }
}
