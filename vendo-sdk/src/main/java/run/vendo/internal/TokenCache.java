package run.vendo.internal;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Access tokens by (identity, slug). An entry lives until its token's {@code expires_at} less a
 * safety margin, measured on the client's clock; concurrent misses for one key share one load.
 * Loads run on the calling thread: the cache holds an incomplete future while it runs, so other
 * keys are never blocked behind a slow call.
 */
final class TokenCache {

    /** Tokens are refreshed this long before they expire. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    /** How long a token without {@code expires_at} is reused. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(50);

    record Key(String identity, String slug) {}

    /**
     * A token and the instant after which it must not be served from the cache; or a failed load,
     * which expires at once. Failures travel as values, not as exceptionally completed futures,
     * which the cache would log as warnings with stack traces.
     */
    record Entry(String accessToken, Instant refreshAt, RuntimeException failure) {

        static Entry failed(RuntimeException failure) {
            return new Entry(null, null, failure);
        }

        @Override
        public String toString() {
            return failure == null ? "Entry[refreshAt=" + refreshAt + "]" : "Entry[failed]";
        }
    }

    private final AsyncCache<Key, Entry> cache;
    private final Clock clock;

    TokenCache(long maximumSize, Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry entry, long now) {
                        return remaining(entry);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry entry, long now, long current) {
                        return remaining(entry);
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .buildAsync();
    }

    /** An entry for a token that expires at {@code expiresAt} (or {@code null}: unknown), fetched now. */
    Entry entry(String accessToken, Instant expiresAt) {
        Instant refreshAt = expiresAt == null ? clock.instant().plus(DEFAULT_LIFETIME)
                : expiresAt.minus(REFRESH_MARGIN);
        return new Entry(accessToken, refreshAt, null);
    }

    /** The cached token, or {@code null} when there is none or its load is still running. */
    String getIfPresent(Key key) {
        CompletableFuture<Entry> future = cache.getIfPresent(key);
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return null;
        }
        return future.join().accessToken(); // null for a failed load
    }

    /**
     * A key's pending or finished load: {@code mine} when the caller must load it and complete the
     * future (with an entry, or exceptionally), otherwise another caller's load to wait for.
     */
    record Claim(CompletableFuture<Entry> future, boolean mine) {
        /** Completes a claimed load with "nothing to serve" (a bulk answer's null). */
        void completeUnresolved() {
            future.complete(Entry.failed(Unresolved.INSTANCE));
        }

        /** Completes a claimed load with its failure, for every caller waiting on it. */
        void completeFailed(Throwable t) {
            if (t instanceof RuntimeException r) {
                future.complete(Entry.failed(r));
            } else {
                future.completeExceptionally(t);
            }
        }
    }

    /** Marks a load that found no token; only ever seen inside this package. */
    static final class Unresolved extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unresolved INSTANCE = new Unresolved();

        private Unresolved() {
            super("no token in the bulk answer", null, false, false);
        }
    }

    /** Joins one load as the caller expects it: the entry, or the loader's own exception. */
    static Entry await(CompletableFuture<Entry> future) {
        Entry entry;
        try {
            entry = future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        if (entry.failure() != null) {
            throw entry.failure();
        }
        return entry;
    }

    /** The current load of {@code key}, or a new one the caller owns. Failed loads leave the cache. */
    Claim claim(Key key) {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> future = cache.get(key, (k, executor) -> mine);
        return new Claim(future, future == mine);
    }

    /** The cached token, or the one {@code loader} fetches; one load per key at a time. */
    String get(Key key, Supplier<Entry> loader) {
        String cached = getIfPresent(key); // the hot path: no future, no lambda
        if (cached != null) {
            return cached;
        }
        for (int attempt = 0; ; attempt++) {
            Claim claim = claim(key);
            if (claim.mine()) {
                try {
                    claim.future().complete(loader.get());
                } catch (RuntimeException | Error e) {
                    claim.completeFailed(e);
                }
            }
            try {
                return await(claim.future()).accessToken();
            } catch (Unresolved e) {
                // A concurrent bulk lookup found nothing; look up alone once for Vendo's own error.
                if (attempt > 0) {
                    throw new IllegalStateException("unexpected bulk marker", e);
                }
            }
        }
    }

    void invalidate(Key key) {
        cache.synchronous().invalidate(key);
    }

    /**
     * Drops the tokens of {@code slug} for every identity. A load already running may still store
     * the token it fetched.
     */
    void invalidateSlug(String slug) {
        cache.synchronous().asMap().keySet().removeIf(key -> key.slug().equals(slug));
    }

    void clear() {
        cache.synchronous().invalidateAll();
    }

    long estimatedSize() {
        return cache.synchronous().estimatedSize();
    }

    private long remaining(Entry entry) {
        if (entry.failure() != null) {
            return 0;
        }
        long nanos = TimeUnit.MILLISECONDS.toNanos(entry.refreshAt().toEpochMilli() - clock.millis());
        return Math.max(0, nanos);
    }
}
