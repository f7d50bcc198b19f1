package run.vendo.jakarta.internal.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import run.vendo.testing.JwksServer;
import run.vendo.testing.JwtKey;
import run.vendo.testing.MutableClock;

/** The generation of the key set: what a remembered token was checked against. */
class JwksCacheTest {

    private static final JwtKey EC_KEY = JwtKey.ec("ec-1");
    private static final JwtKey RSA_KEY = JwtKey.rsa("rsa-1");

    private JwksServer server;
    private MutableClock clock;
    private JwksCache cache;

    @BeforeEach
    void start() {
        server = JwksServer.start().serve(EC_KEY, RSA_KEY);
        clock = MutableClock.ofNow();
        HttpJwksFetcher fetcher = new HttpJwksFetcher(Duration.ofSeconds(2), Duration.ofSeconds(2));
        cache = new JwksCache(URI.create(server.url()), fetcher, clock);
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
        server.serve(JwtKey.ec("ec-2"), RSA_KEY);
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
