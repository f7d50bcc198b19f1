package run.vendo.jakarta.internal.jwt;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import run.vendo.jakarta.internal.text.JakartaErrorText;

/**
 * The public keys of one JSON Web Key Set, fetched on first use (never at deployment) and kept in
 * memory.
 *
 * <ul>
 *   <li>A token whose {@code kid} is unknown triggers one refetch, in case the keys were rotated;
 *       such refetches happen at most once per {@value #FORCED_REFETCH_INTERVAL_SECONDS} seconds,
 *       so tokens with made-up key ids cannot hammer the endpoint.
 *   <li>The set is refreshed after {@value #REFRESH_AFTER_MINUTES} minutes; if that refresh fails
 *       the previous keys stay in use and the refresh is retried later.
 *   <li>If no key set could be fetched yet, verification fails closed (503) and the fetch is
 *       retried at most once per {@value #RETRY_AFTER_FAILURE_SECONDS} seconds.
 * </ul>
 *
 * <p>Each key set in use has a {@linkplain #generation() generation}, which changes whenever a
 * fetched set with other keys replaces the current one (a refetch that finds the same keys keeps
 * it): a verifier that remembers tokens checks them again once the keys they were checked against
 * are no longer the current ones.
 *
 * <p>Readers never wait for a fetch unless they need one; fetches are serialized.
 *
 * <p>Not jose4j's {@code HttpsJwks}: while the endpoint fails, it fetches again for every token that needs keys.
 */
public final class JwksCache {

    static final long FORCED_REFETCH_INTERVAL_SECONDS = 30;
    static final long REFRESH_AFTER_MINUTES = 60;
    static final long RETRY_AFTER_FAILURE_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(JwksCache.class.getName());

    private final URI url;
    private final JwksFetcher fetcher;
    private final Clock clock;
    private final ReentrantLock fetchLock = new ReentrantLock();

    private volatile KeySet current;
    // Guarded by fetchLock.
    private Instant lastFailure;
    private Instant lastForcedRefetch;

    /**
     * Creates a cache; nothing is fetched until {@link #keysFor(String, String)} is first called.
     *
     * @param url where the key set is published
     * @param fetcher fetches it
     */
    public JwksCache(URI url, JwksFetcher fetcher) {
        this(url, fetcher, Clock.systemUTC());
    }

    JwksCache(URI url, JwksFetcher fetcher, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns the generation of the key set in use, after refreshing it if it is due (without
     * waiting for another thread's fetch, as {@link #keysFor(String, String)}). It starts at 0
     * before the first fetch and changes whenever a fetched set with other keys replaces the
     * current one.
     *
     * @return the current generation
     */
    public long generation() {
        KeySet keys = current;
        if (keys != null && isDue(keys)) {
            try {
                keys = usableKeySet();
            } catch (VerificationFailure e) {
                // Only without any key set, which cannot be the case here.
            }
        }
        return keys == null ? 0 : keys.generation;
    }

    /**
     * The keys that may have signed a token, and the generation of the key set they come from.
     *
     * @param keys at least one key
     * @param generation the {@linkplain #generation() generation} of their key set
     */
    public record Keys(List<PublicKey> keys, long generation) {}

    /**
     * Returns the keys that may have signed a token.
     *
     * @param kid the token's {@code kid} header, or {@code null} to consider every key of the type
     * @param keyType the JWK key type the token's algorithm needs: {@code "EC"} or {@code "RSA"}
     * @return at least one key, with the generation of their key set
     * @throws VerificationFailure 401 if no such key exists, 503 if the key set cannot be fetched
     */
    public Keys keysFor(String kid, String keyType) throws VerificationFailure {
        KeySet keys = usableKeySet();
        List<PublicKey> found = keys.find(kid, keyType);
        if (!found.isEmpty()) {
            return new Keys(found, keys.generation);
        }
        KeySet refetched = refetchForUnknownKey(keys);
        if (refetched != null) {
            found = refetched.find(kid, keyType);
        }
        if (found.isEmpty()) {
            throw VerificationFailure.invalid("the identity token is signed by an unknown key");
        }
        return new Keys(found, refetched.generation);
    }

    /**
     * Makes sure keys are at hand, fetching them when none were yet or a refresh is due, as a token
     * would; the same rules bound how often a failing key set is asked again.
     *
     * @throws VerificationFailure 503 if the key set cannot be fetched and no earlier keys are kept
     */
    public void ensureKeys() throws VerificationFailure {
        usableKeySet();
    }

    private KeySet usableKeySet() throws VerificationFailure {
        KeySet keys = current;
        if (keys != null && !isDue(keys)) {
            return keys;
        }
        if (keys == null) {
            fetchLock.lock();
        } else if (!fetchLock.tryLock()) {
            // Another thread is refreshing: keep serving with the keys we have.
            return keys;
        }
        try {
            keys = current;
            if (keys != null && !isDue(keys)) {
                return keys;
            }
            Instant now = clock.instant();
            if (lastFailure != null && now.isBefore(lastFailure.plusSeconds(RETRY_AFTER_FAILURE_SECONDS))) {
                if (keys != null) {
                    return keys;
                }
                throw VerificationFailure.unavailable(unavailableMessage(), null);
            }
            try {
                return fetchNow(now);
            } catch (IOException e) {
                lastFailure = now;
                if (keys != null) {
                    LOG.log(Level.WARNING, "Could not refresh the JWKS from {0}; the previous keys stay in use: {1}",
                            new Object[] {url, e.getMessage()});
                    return keys;
                }
                LOG.log(Level.WARNING, "Could not fetch the JWKS from {0}: {1}", new Object[] {url, e.getMessage()});
                throw VerificationFailure.unavailable(unavailableMessage(), e);
            }
        } finally {
            fetchLock.unlock();
        }
    }

    /** Returns the refetched set, the set another thread fetched meanwhile, or null when rate-limited. */
    private KeySet refetchForUnknownKey(KeySet seen) throws VerificationFailure {
        fetchLock.lock();
        try {
            KeySet keys = current;
            if (keys != seen) {
                return keys;
            }
            Instant now = clock.instant();
            if (lastForcedRefetch != null
                    && now.isBefore(lastForcedRefetch.plusSeconds(FORCED_REFETCH_INTERVAL_SECONDS))) {
                return null;
            }
            lastForcedRefetch = now;
            try {
                return fetchNow(now);
            } catch (IOException e) {
                lastFailure = now;
                LOG.log(Level.WARNING, "Could not refetch the JWKS from {0}: {1}", new Object[] {url, e.getMessage()});
                throw VerificationFailure.unavailable(unavailableMessage(), e);
            }
        } finally {
            fetchLock.unlock();
        }
    }

    private boolean isDue(KeySet keys) {
        return !clock.instant().isBefore(keys.fetchedAt.plus(Duration.ofMinutes(REFRESH_AFTER_MINUTES)));
    }

    private KeySet fetchNow(Instant now) throws IOException {
        String json = fetcher.fetch(url);
        KeySet previous = current;
        long generation = previous == null ? 1 : previous.generation;
        KeySet keys = KeySet.parse(json, now, generation);
        if (keys.entries.isEmpty()) {
            throw new IOException("the JWKS holds no EC or RSA signature key");
        }
        if (previous != null && !keys.entries.equals(previous.entries)) {
            keys = new KeySet(keys.entries, now, generation + 1);
        }
        current = keys;
        lastFailure = null;
        return keys;
    }

    private String unavailableMessage() {
        return JakartaErrorText.IDENTITY_VERIFIER_UNAVAILABLE.with(" at " + url);
    }

    /** One fetched key set. */
    private static final class KeySet {
        final List<Entry> entries;
        final Instant fetchedAt;
        final long generation;

        KeySet(List<Entry> entries, Instant fetchedAt, long generation) {
            this.entries = entries;
            this.fetchedAt = fetchedAt;
            this.generation = generation;
        }

        static KeySet parse(String json, Instant now, long generation) throws IOException {
            List<JsonWebKey> jwks;
            try {
                jwks = new JsonWebKeySet(json).getJsonWebKeys();
            } catch (JoseException | RuntimeException e) {
                throw new IOException("the JWKS is not a valid JSON Web Key Set", e);
            }
            List<Entry> entries = new ArrayList<>();
            for (JsonWebKey jwk : jwks) {
                String use = jwk.getUse();
                String type = jwk.getKeyType();
                boolean signing = use == null || "sig".equals(use);
                if (signing && jwk instanceof PublicJsonWebKey pub && ("EC".equals(type) || "RSA".equals(type))) {
                    entries.add(new Entry(jwk.getKeyId(), type, pub.getPublicKey()));
                }
            }
            return new KeySet(List.copyOf(entries), now, generation);
        }

        List<PublicKey> find(String kid, String keyType) {
            List<PublicKey> keys = new ArrayList<>(1);
            for (Entry e : entries) {
                if (e.type.equals(keyType) && (kid == null || kid.equals(e.kid))) {
                    keys.add(e.key);
                }
            }
            return keys;
        }
    }

    /** One key; equal when kid, type and key are (public keys compare by their encoding). */
    private record Entry(String kid, String type, PublicKey key) {}
}
