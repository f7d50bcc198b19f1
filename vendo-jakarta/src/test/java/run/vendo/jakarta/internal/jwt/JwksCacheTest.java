package run.vendo.jakarta.internal.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import run.vendo.jakarta.testsupport.JwksServer;
import run.vendo.jakarta.testsupport.TestTokens;
import run.vendo.testing.MutableClock;

/** The generation of the key set: what a remembered token was checked against. */
class JwksCacheTest {

    private JwksServer server;
    private MutableClock clock;
    private JwksCache cache;

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer().serve(TestTokens.EC_KEY, TestTokens.RSA_KEY);
        clock = MutableClock.ofNow();
        cache = new JwksCache(server.url(), new HttpJwksFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2)), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theGenerationChangesOnlyWhenAFetchedSetHasOtherKeys() throws Exception {
        assertEquals(0, cache.generation(), "nothing fetched yet, and generation() fetches nothing");
        assertEquals(0, server.calls());
        assertEquals(1, cache.keysFor("ec-1", "EC").generation());
        assertEquals(1, cache.generation());

        // A refetch for an unknown kid that finds the same keys keeps the generation.
        assertThrows(VerificationFailure.class, () -> cache.keysFor("made-up", "EC"));
        assertEquals(2, server.calls());
        assertEquals(1, cache.generation());

        // The hourly refresh, triggered by generation() itself, finds the same keys: same generation.
        clock.advance(Duration.ofMinutes(61));
        assertEquals(1, cache.generation());
        assertEquals(3, server.calls());

        // The next refresh finds a rotated key set: a new generation.
        server.serve(TestTokens.generateEc("ec-2"), TestTokens.RSA_KEY);
        clock.advance(Duration.ofMinutes(59));
        assertEquals(1, cache.generation(), "not due yet");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(2, cache.generation());
        assertEquals(2, cache.keysFor("ec-2", "EC").generation());
        assertEquals(4, server.calls());
    }

    @Test
    void aFailedRefreshKeepsTheKeysAndTheirGeneration() throws Exception {
        cache.keysFor(null, "RSA");
        server.serveRaw(500, "down");
        clock.advance(Duration.ofMinutes(61));
        assertEquals(1, cache.generation());
        assertEquals(1, cache.keysFor("ec-1", "EC").generation());
    }
}
