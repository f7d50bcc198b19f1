package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.errors.AuthError;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Await;
import run.vendo.testing.Fault;
import run.vendo.testing.FaultRule;
import run.vendo.testing.LogCapture;
import run.vendo.testing.MutableClock;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * Refreshing ahead of expiry, over real HTTP, on one clock the tests move for the emulator and the
 * client alike. The emulator holds refresh calls ({@link Fault#hold()}) so that a test knows a
 * refresh is on the wire and unanswered while it reads: a read that waited for it would not finish
 * until released, and each read here must finish (within a generous bound) before the release.
 *
 * <p>Tokens live 20 minutes, so they are served until 19 minutes after their fetch and, with 5
 * minutes of refresh-ahead, refreshed by reads from 14 minutes on.
 */
class RefreshAheadTest {

    private static final MutableClock CLOCK = MutableClock.ofNow();
    private static final Duration TTL = Duration.ofMinutes(20);
    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    /** From a fetch into its token's refresh window: 14 minutes is its start, 19 its end. */
    private static final Duration INTO_WINDOW = Duration.ofMinutes(15);
    /** Generous: only a read that waits for a held call comes near it. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String SLUG = "google";

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension(b -> b.clock(CLOCK));

    private final ExecutorService readers = Executors.newCachedThreadPool();

    @AfterEach
    void stopReaders() {
        readers.shutdownNow();
    }

    @Test
    void readsInTheWindowAreAnsweredAtOnceWhileOneCallPerKeyRefreshesEachToken() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        List<String> identities = List.of(VendoEmulator.DEPLOYMENT, "window-alice", "window-bob", "window-carol");
        for (String identity : identities) {
            identity(emulator, identity).connect(SLUG, identity + "-0", TTL);
        }
        try (Vendo root = client(emulator)) {
            List<Vendo> clients = new ArrayList<>();
            for (String identity : identities) {
                clients.add(identity.equals(VendoEmulator.DEPLOYMENT) ? root
                        : root.forUser(emulator.mintUserJwt(identity)));
            }
            for (int i = 0; i < clients.size(); i++) {
                assertEquals(identities.get(i) + "-0", clients.get(i).token(SLUG));
            }
            for (int cycle = 1; cycle <= 3; cycle++) {
                CLOCK.advance(INTO_WINDOW);
                for (String identity : identities) {
                    identity(emulator, identity).connect(SLUG, identity + "-" + cycle, TTL);
                }
                FaultRule held = emulator.inject(Fault.hold()).onSlug(SLUG).always();

                List<Future<List<String>>> reads = new ArrayList<>();
                for (int thread = 0; thread < 8; thread++) {
                    reads.add(readers.submit(() -> {
                        List<String> seen = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            seen.add(clients.get(i % clients.size()).token(SLUG));
                        }
                        return seen;
                    }));
                }
                for (Future<List<String>> read : reads) {
                    List<String> seen = read.get(BOUND.toSeconds(), TimeUnit.SECONDS); // before any release
                    for (int i = 0; i < seen.size(); i++) {
                        assertEquals(identities.get(i % clients.size()) + "-" + (cycle - 1), seen.get(i));
                    }
                }
                // Refreshes run on the root's two threads: two are on the wire, the others wait for a thread.
                assertTrue(held.awaitHeld(2, BOUND), "refreshes on the wire");
                for (String identity : identities) {
                    assertEquals(cycle, emulator.tokenCalls(identity, SLUG), "held refreshes are not answered yet");
                }

                held.cancel(); // answers the held refreshes
                assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
                for (int i = 0; i < clients.size(); i++) {
                    assertEquals(identities.get(i) + "-" + cycle, clients.get(i).token(SLUG));
                    assertEquals(cycle + 1, emulator.tokenCalls(identities.get(i), SLUG),
                            identities.get(i) + ": one upstream call per refresh");
                }
            }
        }
    }

    @Test
    void aTokenAtItsLastMomentIsNeverServedAndTheReadTakesTheRefreshInFlight() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect(SLUG, "last-1", TTL);
        try (Vendo root = client(emulator)) {
            assertEquals("last-1", root.token(SLUG));
            CLOCK.advance(INTO_WINDOW);
            emulator.deployment().connect(SLUG, "last-2", TTL);
            FaultRule held = emulator.inject(Fault.hold()).onSlug(SLUG).always();
            assertEquals("last-1", readAtOnce(root));
            assertTrue(held.awaitHeld(1, BOUND));

            CLOCK.advance(Duration.ofMinutes(4)); // 19 minutes after the fetch: expires_at - 60 s
            Future<String> late = readers.submit(() -> root.token(SLUG));
            Await.until(() -> ClientInternals.loading(root, SLUG), "the late read waits");
            held.cancel();
            assertEquals("last-2", late.get(BOUND.toSeconds(), TimeUnit.SECONDS), "never the expiring token");
            assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG),
                    "the late read took the refresh's token instead of calling again");
            assertEquals("last-2", root.token(SLUG));
            assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG));
        }
    }

    @Test
    void aFailedRefreshKeepsServingTheTokenUntilItsLastMomentAndIsRetriedAtMostEveryThirtySeconds()
            throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("failing-dana").connect(SLUG, "kept-1", TTL);
        String jwt = emulator.mintUserJwt("failing-dana");
        try (LogCapture capture = LogCapture.attach("run.vendo", Level.WARNING); Vendo root = client(emulator)) {
            Vendo dana = root.forUser(jwt);
            assertEquals("kept-1", dana.token(SLUG));
            CLOCK.advance(INTO_WINDOW);
            FaultRule failing = emulator.inject(Fault.error(401, "app_revoked")).onSlug(SLUG).always();

            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                reads.add(readers.submit(() -> dana.token(SLUG)));
            }
            for (Future<String> read : reads) {
                assertEquals("kept-1", read.get(BOUND.toSeconds(), TimeUnit.SECONDS), "no caller hears of it");
            }
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals(2, emulator.calls("/credentials/" + SLUG), "one refresh, however many reads");
            assertEquals("kept-1", dana.token(SLUG));
            CLOCK.advance(Duration.ofSeconds(29));
            assertEquals("kept-1", dana.token(SLUG));
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals(2, emulator.calls("/credentials/" + SLUG), "not again within 30 s");

            CLOCK.advance(Duration.ofSeconds(1));
            assertEquals("kept-1", dana.token(SLUG));
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals(3, emulator.calls("/credentials/" + SLUG), "tried again after 30 s");

            List<LogRecord> warnings = capture.records().stream()
                    .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(2, warnings.size(), "each failed refresh is logged once");
            for (LogRecord warning : warnings) {
                String message = warning.getMessage();
                assertTrue(message.contains("'" + SLUG + "'") && message.contains("app_revoked")
                        && message.contains("HTTP 401") && message.contains("a user's"), message);
                for (String secret : List.of(emulator.apiKey(), jwt, "kept-1")) {
                    assertFalse(message.contains(secret), message);
                }
            }

            CLOCK.advance(Duration.ofMinutes(4)); // past its last moment: the read waits, as without refreshes
            AuthError error = assertThrows(AuthError.class, () -> dana.token(SLUG));
            assertEquals("app_revoked", error.code());
            failing.cancel();
            assertEquals("kept-1", dana.token(SLUG));
        }
    }

    @Test
    void invalidateWinsOverARefreshInFlight() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect(SLUG, "invalidated-1", TTL);
        try (Vendo root = client(emulator)) {
            assertEquals("invalidated-1", root.token(SLUG));
            CLOCK.advance(INTO_WINDOW);
            emulator.deployment().connect(SLUG, "invalidated-2", TTL);
            FaultRule held = emulator.inject(Fault.hold()).onSlug(SLUG);
            assertEquals("invalidated-1", readAtOnce(root));
            assertTrue(held.awaitHeld(1, BOUND));

            root.invalidate(SLUG);
            held.release();
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG), "the refresh was answered");
            emulator.deployment().connect(SLUG, "invalidated-3", TTL);
            assertEquals("invalidated-3", root.token(SLUG), "the refresh's token was dropped");
            assertEquals(3, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG));
        }
    }

    @Test
    void aConnectionEventWinsOverTheRefreshesInFlightForItsSlug() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("event-erin").connect(SLUG, "event-1", TTL);
        try (Vendo root = client(emulator)) {
            Vendo erin = root.forUser(emulator.mintUserJwt("event-erin"));
            assertEquals("event-1", erin.token(SLUG));
            CountDownLatch seen = new CountDownLatch(1);
            try (Subscription subscription = root.events().subscribe(event -> seen.countDown())) {
                Await.until(() -> emulator.events().openStreams() == 1, "the event stream is open");
                CLOCK.advance(INTO_WINDOW);
                emulator.user("event-erin").connect(SLUG, "event-2", TTL);
                FaultRule held = emulator.inject(Fault.hold()).onSlug(SLUG);
                assertEquals("event-1", readAtOnce(erin));
                assertTrue(held.awaitHeld(1, BOUND));

                emulator.events().emit("connection.changed", "{\"slug\":\"" + SLUG + "\"}");
                assertTrue(seen.await(BOUND.toSeconds(), TimeUnit.SECONDS));
                held.release();
                assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
                emulator.user("event-erin").connect(SLUG, "event-3", TTL);
                assertEquals("event-3", erin.token(SLUG), "the refresh's token was dropped");
            }
        }
    }

    @Test
    void tokensRefreshesTheDueSlugsOfOneIdentityWithOneBulkCall() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("bulk-frank").connect("google", "google-1", TTL);
        emulator.user("bulk-frank").connect("notion", "notion-1", TTL);
        emulator.user("bulk-frank").connect("slack", "slack-1", Duration.ofHours(1));
        try (Vendo root = client(emulator)) {
            Vendo frank = root.forUser(emulator.mintUserJwt("bulk-frank"));
            List<String> slugs = List.of("google", "notion", "slack");
            assertEquals(Map.of("google", "google-1", "notion", "notion-1", "slack", "slack-1"), frank.tokens(slugs));
            CLOCK.advance(INTO_WINDOW); // slack's window opens at 54 minutes
            emulator.user("bulk-frank").connect("google", "google-2", TTL);
            emulator.user("bulk-frank").connect("notion", "notion-2", TTL);
            FaultRule held = emulator.inject(Fault.hold()).onPath("/credentials/_bulk");

            Future<Map<String, String>> read = readers.submit(() -> frank.tokens(slugs));
            assertEquals(Map.of("google", "google-1", "notion", "notion-1", "slack", "slack-1"),
                    read.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertEquals("google-1", frank.token("google"), "a single read starts no second refresh");
            assertTrue(held.awaitHeld(1, BOUND));
            held.release();
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));

            assertEquals(Map.of("google", "google-2", "notion", "notion-2", "slack", "slack-1"), frank.tokens(slugs));
            assertEquals(2, emulator.calls("/credentials/_bulk"));
            assertEquals(0, emulator.calls("/credentials/google"));
            assertEquals("slugs=google,notion", emulator.requests().get(1).query());
            assertEquals(2, emulator.tokenCalls("bulk-frank", "google"));
            assertEquals(1, emulator.tokenCalls("bulk-frank", "slack"));
        }
    }

    @Test
    void aShortLivedTokenIsRefreshedHalfwayThroughItsTimeInTheCacheNotByEveryRead() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect(SLUG, "short-1", Duration.ofMinutes(2)); // served for 60 s
        try (Vendo root = client(emulator)) {
            assertEquals("short-1", root.token(SLUG));
            CLOCK.advance(Duration.ofSeconds(29));
            assertEquals("short-1", root.token(SLUG));
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG), "not yet halfway");

            CLOCK.advance(Duration.ofSeconds(1));
            emulator.deployment().connect(SLUG, "short-2", Duration.ofMinutes(2));
            assertEquals("short-1", root.token(SLUG));
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals("short-2", root.token(SLUG));
            assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG));
        }
    }

    @Test
    void aTokenWithoutExpiresAtIsRefreshedFromFiveMinutesBeforeTheEndOfItsFiftyMinutes() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect(SLUG, "open-1", null);
        try (Vendo root = client(emulator)) {
            assertEquals("open-1", root.token(SLUG));
            CLOCK.advance(Duration.ofMinutes(45).minusSeconds(1));
            assertEquals("open-1", root.token(SLUG));
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG));

            CLOCK.advance(Duration.ofSeconds(1));
            emulator.deployment().connect(SLUG, "open-2", null);
            assertEquals("open-1", root.token(SLUG));
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals("open-2", root.token(SLUG));
            assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG));
        }
    }

    @Test
    void zeroRefreshAheadLeavesTheFirstReadAfterTheLastMomentToWait() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect(SLUG, "off-1", TTL);
        try (Vendo root = EmulatorClients.builder(emulator).refreshAhead(Duration.ZERO).build()) {
            assertEquals("off-1", root.token(SLUG));
            CLOCK.advance(Duration.ofMinutes(19).minusSeconds(1));
            emulator.deployment().connect(SLUG, "off-2", TTL);
            assertEquals("off-1", root.token(SLUG));
            assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
            assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG));
            CLOCK.advance(Duration.ofSeconds(1));
            assertEquals("off-2", root.token(SLUG));
            assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG));
        }
    }

    @Test
    void theRefreshThreadsAreTheRootsOwnAndEndWhenItCloses() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect(SLUG, "threads-1", TTL);
        Set<Thread> refreshThreads;
        Vendo root = client(emulator);
        try {
            assertEquals("threads-1", root.token(SLUG));
            CLOCK.advance(INTO_WINDOW);
            FaultRule held = emulator.inject(Fault.hold()).onSlug(SLUG);
            assertEquals("threads-1", readAtOnce(root));
            assertTrue(held.awaitHeld(1, BOUND));
            refreshThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("vendo-refresh-")).collect(Collectors.toSet());
            assertFalse(refreshThreads.isEmpty());
            assertTrue(refreshThreads.stream().allMatch(Thread::isDaemon));
            held.release();
        } finally {
            root.close();
        }
        assertTrue(ClientInternals.awaitRefreshes(root, BOUND));
        for (Thread thread : refreshThreads) {
            thread.join(BOUND.toMillis());
            assertFalse(thread.isAlive(), thread.getName() + " outlived its client");
        }
    }

    private static Vendo client(VendoEmulator emulator) {
        return EmulatorClients.builder(emulator).refreshAhead(REFRESH_AHEAD).build();
    }

    private static run.vendo.testing.EmulatedIdentity identity(VendoEmulator emulator, String name) {
        return name.equals(VendoEmulator.DEPLOYMENT) ? emulator.deployment() : emulator.user(name);
    }

    /** A read on another thread, which must finish within the bound: it may not wait for a held call. */
    private String readAtOnce(Vendo client) throws InterruptedException, ExecutionException {
        try {
            return readers.submit(() -> client.token(SLUG)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the read waited for the refresh", e);
        }
    }
}
