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

/**
 * How often the key set is asked for, above all while its endpoint fails (what jose4j's {@code
 * HttpsJwks} would ask for every token), and the generation of the key set: what a remembered
 * token was checked against.
 */
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
    void withoutKeysAFailingEndpointIsAskedOncePerRetryIntervalNotOncePerToken() throws Exception {
        server.serveRaw(500, "down");
        for (int token = 0; token < 5; token++) {
            assertEquals(503, assertThrows(VerificationFailure.class, () -> cache.keysFor("ec-1", "EC")).status());
        }
        assertEquals(1, server.calls(), "the tokens after the first fail closed without a fetch");

        server.serve(EC_KEY, RSA_KEY);
        clock.advance(Duration.ofSeconds(JwksCache.RETRY_AFTER_FAILURE_SECONDS - 1));
        assertEquals(503, assertThrows(VerificationFailure.class, () -> cache.keysFor("ec-1", "EC")).status());
        assertEquals(1, server.calls());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, cache.keysFor("ec-1", "EC").generation());
        assertEquals(2, server.calls());
    }

    @Test
    void unknownKidsWhileTheEndpointFailsCostOneFetchPerIntervalAndTheKnownKeysStayInUse() throws Exception {
        cache.keysFor("ec-1", "EC");
        server.serveRaw(500, "down");
        clock.advance(Duration.ofSeconds(JwksCache.FORCED_REFETCH_INTERVAL_SECONDS + 1));
        assertEquals(503, assertThrows(VerificationFailure.class, () -> cache.keysFor("made-up-0", "EC")).status());
        for (int token = 1; token < 5; token++) {
            String kid = "made-up-" + token;
            assertEquals(401, assertThrows(VerificationFailure.class, () -> cache.keysFor(kid, "EC")).status());
        }
        assertEquals(2, server.calls(), "one refetch for the first unknown kid, none for the others");
        assertEquals(1, cache.keysFor("ec-1", "EC").generation(), "the known key still verifies");
        assertEquals(2, server.calls());

        clock.advance(Duration.ofSeconds(JwksCache.FORCED_REFETCH_INTERVAL_SECONDS));
        assertThrows(VerificationFailure.class, () -> cache.keysFor("made-up-5", "EC"));
        assertEquals(3, server.calls());
    }

    @Test
    void aKeySetLargerThanTheLimitIsRefused() throws Exception {
        String keys = JwtKey.jwksJson(EC_KEY);
        server.serveRaw(200, padded(keys, HttpJwksFetcher.MAX_BYTES + 1));
        assertEquals(503, assertThrows(VerificationFailure.class, () -> cache.keysFor("ec-1", "EC")).status());

        server.serveRaw(200, padded(keys, HttpJwksFetcher.MAX_BYTES));
        clock.advance(Duration.ofSeconds(JwksCache.RETRY_AFTER_FAILURE_SECONDS));
        assertEquals(1, cache.keysFor("ec-1", "EC").generation(), "a key set of exactly the limit is read");
    }

    /** The key set with an unknown member that makes it exactly {@code bytes} long. */
    private static String padded(String keys, int bytes) {
        String prefix = "{\"padding\":\"";
        String rest = "\"," + keys.substring(1);
        return prefix + "x".repeat(bytes - prefix.length() - rest.length()) + rest;
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
