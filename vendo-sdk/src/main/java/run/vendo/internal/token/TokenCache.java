package run.vendo.internal.token;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import run.vendo.errors.VendoError;
import run.vendo.internal.telemetry.Outcome;
import run.vendo.internal.telemetry.Telemetry;

/**
 * Access tokens by (identity, slug), on the client's clock. A token is served until its last moment,
 * {@code expires_at} less {@link #REFRESH_MARGIN} ({@link #DEFAULT_LIFETIME} after it was fetched
 * when it has no {@code expires_at}), and never after: its entry has expired, and the next read loads
 * anew and waits for the call. From the entry's refresh point, shortly before that, a read is
 * answered with the cached token at once and starts one background refresh ({@link TokenRefresher})
 * whose result replaces the entry: while a token can be served, no read waits for Vendo.
 *
 * <p>Loads of missing keys run on the calling thread, one per key: the cache holds an incomplete
 * future while it runs, so other keys are never blocked behind a slow call. A miss of a key whose
 * refresh is still in flight waits for that refresh instead of making a second call.
 *
 * <p>Not Caffeine's own refresh ({@code refreshAfterWrite}, {@code LoadingCache.refresh}): its loader
 * sees only the key, which holds a hash of the user's identity token rather than the token a call
 * needs; its refresh point is one duration for all entries where ours follows each token's expiry;
 * and a bulk read refreshes several keys with one call.
 */
public final class TokenCache implements TokenRefresher.Store {

    /** A token is not served from the cache this long before it expires. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    /** How long a token without {@code expires_at} is served. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(50);

    /** After a background refresh fails, a read starts the next one for that key no sooner than this. */
    static final Duration REFRESH_RETRY_INTERVAL = Duration.ofSeconds(30);

    /** The identity of the root client's own entries; a user's is a hash of the user's token. */
    public static final String DEPLOYMENT = "deployment";

    private static final System.Logger LOG = System.getLogger("run.vendo");

    public record Key(String identity, String slug) {}

    /**
     * A token, the instant from which a read refreshes it in the background, the instant from which
     * it is no longer served, and whether its refresh ahead failed ({@code stale}); or a failed load,
     * which expires at once. Failures travel as values, not as exceptionally completed futures, which
     * the cache would log as warnings with stack traces.
     */
    public record Entry(String accessToken, Instant refreshAt, Instant servedUntil, boolean stale,
            RuntimeException failure) {

        static Entry failed(RuntimeException failure) {
            return new Entry(null, null, null, false, failure);
        }

        /** Whether a read at {@code nowMillis} starts a background refresh of this token. */
        boolean refreshDue(long nowMillis) {
            return nowMillis >= refreshAt.toEpochMilli();
        }

        /** This token after its refresh failed, to be refreshed again by a read no sooner than {@code instant}. */
        Entry refreshNoSoonerThan(Instant instant) {
            return new Entry(accessToken, instant, servedUntil, true, null);
        }

        /** How a read that is served this token went, when it does ({@code refreshing}) or does not start a refresh. */
        String outcome(boolean refreshing) {
            return refreshing ? Outcome.REFRESHED_AHEAD : stale ? Outcome.STALE : Outcome.HIT;
        }

        @Override
        public String toString() {
            return failure == null ? "Entry[refreshAt=" + refreshAt + ", servedUntil=" + servedUntil + "]"
                    : "Entry[failed]";
        }
    }

    /** The slugs one bulk read of one identity found due for a refresh, to refresh with one call. */
    public static final class DueForRefresh {
        private final String identity;
        private final Map<String, CompletableFuture<Entry>> slugs = new LinkedHashMap<>();

        public DueForRefresh(String identity) {
            this.identity = identity;
        }

        public boolean isEmpty() {
            return slugs.isEmpty();
        }
    }

    private final AsyncCache<Key, Entry> cache;
    private final Clock clock;
    private final Duration refreshAhead;
    private final TokenRefresher refresher;

    /**
     * A cache whose refreshes run on {@code refresher} (which its owner closes).
     *
     * @param refreshAhead how long before a token's last moment a read starts refreshing it; zero: never
     */
    public TokenCache(long maximumSize, Clock clock, Duration refreshAhead, TokenRefresher refresher) {
        this.clock = clock;
        this.refreshAhead = refreshAhead;
        this.refresher = refresher;
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
        Instant now = clock.instant();
        Instant servedUntil = expiresAt == null ? now.plus(DEFAULT_LIFETIME) : expiresAt.minus(REFRESH_MARGIN);
        return new Entry(accessToken, refreshPoint(now, servedUntil), servedUntil, false, null);
    }

    /**
     * When reads start refreshing a token fetched at {@code now}: {@link #refreshAhead} before its last
     * moment, but not before half of its time in the cache has passed, so that a token shorter-lived
     * than the refresh-ahead is refreshed once per half-life, not by every read.
     */
    private Instant refreshPoint(Instant now, Instant servedUntil) {
        if (!servedUntil.isAfter(now)) {
            return servedUntil;
        }
        Instant halfway = now.plus(Duration.between(now, servedUntil).dividedBy(2));
        Instant ahead = servedUntil.minus(refreshAhead);
        return ahead.isAfter(halfway) ? ahead : halfway;
    }

    /**
     * The cached token, or the one {@code loader} fetches; one load per key at a time. A token due for
     * a refresh is returned at once, and a refresh by {@code loader} starts in the background.
     *
     * @param lookup the lookup's operation, told how it went
     */
    public String get(Key key, Supplier<Entry> loader, Telemetry.Operation lookup) {
        CompletableFuture<Entry> cached = cache.getIfPresent(key); // the hot path: no future, no lambda
        Entry hit = servable(cached);
        if (hit != null) {
            boolean refreshing = hit.refreshDue(clock.millis());
            if (refreshing) {
                refresher.start(key.identity(), Map.of(key.slug(), cached),
                        slugs -> Map.of(key.slug(), loader.get()), this);
            }
            lookup.outcome(hit.outcome(refreshing));
            return hit.accessToken();
        }
        lookup.outcome(Outcome.MISS);
        for (int attempt = 0; ; attempt++) {
            Claim claim = claim(key, attempt == 0);
            if (claim.mine()) {
                try {
                    if (!claim.completeFromRefresh()) {
                        claim.future().complete(loader.get());
                    }
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

    /**
     * The cached token, or {@code null} when there is none or its load is still running; a token due
     * for a refresh is added to {@code due}.
     */
    public String getIfPresent(Key key, DueForRefresh due) {
        CompletableFuture<Entry> cached = cache.getIfPresent(key);
        Entry hit = servable(cached);
        if (hit == null) {
            return null;
        }
        if (hit.refreshDue(clock.millis()) && key.identity().equals(due.identity)) {
            due.slugs.put(key.slug(), cached);
        }
        return hit.accessToken();
    }

    /** Starts one background refresh of the due slugs not being refreshed already, by one {@code loader} call. */
    public void refreshInBackground(DueForRefresh due, Function<List<String>, Map<String, Entry>> loader) {
        if (!due.isEmpty()) {
            refresher.start(due.identity, due.slugs, loader, this);
        }
    }

    @Override
    public boolean holds(Key key, CompletableFuture<Entry> value) {
        return cache.asMap().get(key) == value;
    }

    /**
     * Takes a refresh's result, only over the value it started from: an invalidated key, or one loaded
     * anew meanwhile, keeps what it has. A failure keeps the token until its last moment, and the next
     * refresh waits for {@link #REFRESH_RETRY_INTERVAL}; nobody but the log hears of it.
     */
    @Override
    public void refreshed(Key key, CompletableFuture<Entry> from, Entry result) {
        if (result.failure() == null) {
            cache.asMap().replace(key, from, CompletableFuture.completedFuture(result));
            return;
        }
        Entry current = from.join();
        Instant retryAt = clock.instant().plus(REFRESH_RETRY_INTERVAL);
        if (cache.asMap().replace(key, from, CompletableFuture.completedFuture(current.refreshNoSoonerThan(retryAt)))) {
            LOG.log(Level.WARNING, () -> "Could not refresh " + (DEPLOYMENT.equals(key.identity()) ? "the deployment's"
                    : "a user's") + " '" + key.slug() + "' token ahead of its expiry (" + describe(result.failure())
                    + "); the cached token is used until " + current.servedUntil().truncatedTo(ChronoUnit.SECONDS)
                    + ", and a read tries again from " + retryAt.truncatedTo(ChronoUnit.SECONDS) + ".");
        }
    }

    /** What went wrong, by code and status: never a message, which might quote a secret. */
    private static String describe(RuntimeException failure) {
        if (failure instanceof VendoError e) {
            return e.code() + (e.status().isPresent() ? ", HTTP " + e.status().getAsInt() : "");
        }
        if (failure instanceof Unresolved) {
            return "the bulk answer had no token for it";
        }
        return failure.getClass().getName();
    }

    private static Entry servable(CompletableFuture<Entry> future) {
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return null;
        }
        Entry entry = future.join();
        return entry.accessToken() == null ? null : entry; // null for a failed load
    }

    /**
     * A key's pending or finished load: {@code mine} when the caller must load it and complete the
     * future (with an entry, or exceptionally), otherwise another caller's load to wait for. A
     * refresh of the key that was in flight when the claim was made is kept, to wait for.
     */
    public static final class Claim {
        private final CompletableFuture<Entry> future;
        private final boolean mine;
        private final TokenRefresher.Refresh refresh;
        private final String slug;

        Claim(CompletableFuture<Entry> future, boolean mine, TokenRefresher.Refresh refresh, String slug) {
            this.future = future;
            this.mine = mine;
            this.refresh = refresh;
            this.slug = slug;
        }

        public CompletableFuture<Entry> future() {
            return future;
        }

        public boolean mine() {
            return mine;
        }

        /**
         * Completes a claimed load with the result of the key's refresh in flight, waiting for it.
         *
         * @return {@code false} when there was none (or it ended without a result): load it
         */
        public boolean completeFromRefresh() {
            Entry refreshed = refresh == null ? null : refresh.await(slug);
            return refreshed != null && future.complete(refreshed);
        }

        /** Completes a claimed load with "nothing to serve" (a bulk answer's null). */
        public void completeUnresolved() {
            future.complete(Entry.failed(Unresolved.INSTANCE));
        }

        /** Completes a claimed load with its failure, for every caller waiting on it. */
        public void completeFailed(Throwable t) {
            if (t instanceof RuntimeException r) {
                future.complete(Entry.failed(r));
            } else {
                future.completeExceptionally(t);
            }
        }
    }

    /** Marks a load that found no token; only ever seen inside this package. */
    public static final class Unresolved extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unresolved INSTANCE = new Unresolved();

        private Unresolved() {
            super("no token in the bulk answer", null, false, false);
        }
    }

    /** Joins one load as the caller expects it: the entry, or the loader's own exception. */
    public static Entry await(CompletableFuture<Entry> future) {
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
    public Claim claim(Key key) {
        return claim(key, true);
    }

    private Claim claim(Key key, boolean joinRefresh) {
        // Looked up before claiming: once the claim is visible, a refresh in flight is known to it.
        TokenRefresher.Refresh refresh = joinRefresh ? refresher.running(key) : null;
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> future = cache.get(key, (k, executor) -> mine);
        return new Claim(future, future == mine, refresh, key.slug());
    }

    /** Whether a load of {@code key} is running (a claimed future not completed yet). */
    public boolean loading(Key key) {
        CompletableFuture<Entry> future = cache.getIfPresent(key);
        return future != null && !future.isDone();
    }

    /** Drops the key's token; a refresh in flight for it is forgotten and its result dropped. */
    public void invalidate(Key key) {
        refresher.cancel(key); // first: from now on no read waits for the old refresh
        cache.synchronous().invalidate(key);
    }

    /**
     * Drops the tokens of {@code slug} for every identity, and forgets their refreshes in flight. A
     * load already running may still store the token it fetched.
     */
    public void invalidateSlug(String slug) {
        refresher.cancelSlug(slug);
        cache.synchronous().asMap().keySet().removeIf(key -> key.slug().equals(slug));
    }

    public void clear() {
        refresher.cancelAll();
        cache.synchronous().invalidateAll();
    }

    public long estimatedSize() {
        return cache.synchronous().estimatedSize();
    }

    private long remaining(Entry entry) {
        if (entry.failure() != null) {
            return 0;
        }
        long nanos = TimeUnit.MILLISECONDS.toNanos(entry.servedUntil().toEpochMilli() - clock.millis());
        return Math.max(0, nanos);
    }
}
