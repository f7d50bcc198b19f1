package run.vendo.internal.token;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import run.vendo.internal.telemetry.Outcome;
import run.vendo.internal.telemetry.Telemetry;
import run.vendo.internal.telemetry.VendoOperation;

/**
 * The background refreshes of one root client's cached tokens: at most one in flight per key, run on
 * at most {@value #THREADS} daemon threads named {@code vendo-refresh-N} that the root owns. The
 * threads start on the first refresh, end after a minute without work, and are stopped when the root
 * closes. Not the common pool: a slow Vendo then ties up these threads only, never the application's
 * own tasks.
 *
 * <p>A refresh is registered under each of its keys until it has handed over its result; a reader
 * that finds a key's token past its last moment waits for that refresh rather than making a second
 * call, and runs it itself when no thread has picked it up yet, so it never waits in the queue.
 * {@link #cancel(TokenCache.Key)} forgets a refresh: later readers no longer wait for it, and the
 * cache drops its result.
 */
public final class TokenRefresher implements AutoCloseable {

    /** Threads that run refreshes: each refresh is one short call, so a few keep up with many keys. */
    static final int THREADS = 2;

    /** Refreshes waiting for a thread; when full, a read leaves its key to a later read. */
    static final int QUEUE_CAPACITY = 1024;

    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();

    /** The cache, as its refreshes see it. */
    interface Store {
        /**
         * Whether the cache still holds {@code value} for {@code key}: read earlier, it may since have
         * been replaced by a refresh that ended, or dropped.
         *
         * @param key the key
         * @param value the cache's value for the key when a read found it due
         * @return whether a refresh from that value is still wanted
         */
        boolean holds(TokenCache.Key key, CompletableFuture<TokenCache.Entry> value);

        /**
         * Takes a finished refresh's result for one key, before readers waiting for it get it.
         *
         * @param key the key
         * @param refreshedFrom the cache's value for the key when the refresh was started
         * @param result the new entry, or a failed one
         */
        void refreshed(TokenCache.Key key, CompletableFuture<TokenCache.Entry> refreshedFrom, TokenCache.Entry result);
    }

    private final ConcurrentHashMap<TokenCache.Key, Refresh> inFlight = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor threads;
    private final Telemetry telemetry;
    /** Refreshes started and not finished (cancelled ones included), for {@link #awaitIdle(Duration)}. */
    private int unfinished;

    /**
     * Refreshes whose spans go to {@code telemetry}, each linked to the read that started it.
     *
     * @param telemetry the client's telemetry
     */
    public TokenRefresher(Telemetry telemetry) {
        this.telemetry = telemetry;
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY), TokenRefresher::daemonThread);
        threads.allowCoreThreadTimeOut(true);
    }

    /**
     * A daemon thread that takes nothing from the thread that happens to start it (a request thread,
     * in a server): no inheritable thread locals, and this library's class loader as its context.
     */
    private static Thread daemonThread(Runnable task) {
        Thread thread = new Thread(null, task, "vendo-refresh-" + THREAD_NUMBERS.incrementAndGet(), 0, false);
        thread.setDaemon(true);
        thread.setContextClassLoader(TokenRefresher.class.getClassLoader());
        return thread;
    }

    /**
     * Starts one refresh of the slugs of {@code identity} that are not being refreshed already.
     *
     * @param identity the identity the slugs belong to
     * @param due each slug, with the cache's value for it now
     * @param loader fetches the entries of some slugs in one call; a slug it leaves out did not resolve
     * @param store receives each slug's result
     */
    void start(String identity, Map<String, CompletableFuture<TokenCache.Entry>> due,
            Function<List<String>, Map<String, TokenCache.Entry>> loader, Store store) {
        Refresh refresh = new Refresh(identity, loader, store, telemetry.cause());
        for (Map.Entry<String, CompletableFuture<TokenCache.Entry>> slug : due.entrySet()) {
            refresh.add(slug.getKey(), slug.getValue());
        }
        begun(); // before a reader can run it
        if (!refresh.seal()) {
            finished();
            return; // every key is being refreshed already, or was refreshed since the read
        }
        try {
            threads.execute(refresh);
        } catch (RejectedExecutionException busyOrClosed) {
            refresh.abandon(); // a later read in the refresh window tries again
        }
    }

    /**
     * The refresh in flight for {@code key}, to {@linkplain Refresh#await(String) wait for}.
     *
     * @return the refresh, or {@code null} when none is in flight
     */
    Refresh running(TokenCache.Key key) {
        return inFlight.get(key);
    }

    /** Forgets the refresh in flight for {@code key}, if any. */
    void cancel(TokenCache.Key key) {
        inFlight.remove(key);
    }

    /** Forgets the refreshes in flight for {@code slug}, for every identity. */
    void cancelSlug(String slug) {
        inFlight.keySet().removeIf(key -> key.slug().equals(slug));
    }

    /** Forgets every refresh in flight. */
    void cancelAll() {
        inFlight.clear();
    }

    /**
     * Waits until every refresh started so far has finished, cancelled ones included.
     *
     * @return whether they finished in time
     */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unfinished > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Stops the threads: refreshes not started are dropped, running ones are interrupted. */
    @Override
    public void close() {
        cancelAll();
        for (Runnable notStarted : threads.shutdownNow()) {
            ((Refresh) notStarted).abandon();
        }
    }

    /**
     * Waits (at most {@code timeout}) for the threads to end after {@link #close()}.
     *
     * @return whether they ended in time
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return threads.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void begun() {
        unfinished++;
    }

    private synchronized void finished() {
        unfinished--;
        notifyAll();
    }

    /**
     * One call that refreshes one or more keys of one identity. Runs once, on whichever thread claims
     * it first; only after {@link #seal()}, so that it loads every key it was registered under.
     */
    final class Refresh implements Runnable {
        private final String identity;
        private final Function<List<String>, Map<String, TokenCache.Entry>> loader;
        private final Store store;
        /** The read that found the keys due, on whose thread the refresh was started. */
        private final Telemetry.Cause cause;
        /** Per slug: the cache's value when the refresh started. Written only before {@link #seal()}. */
        private final Map<String, CompletableFuture<TokenCache.Entry>> from = new LinkedHashMap<>();
        /** Per slug: the result readers wait for; {@code null} when the refresh did not run. */
        private final Map<String, CompletableFuture<TokenCache.Entry>> results = new ConcurrentHashMap<>();
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile boolean sealed;

        Refresh(String identity, Function<List<String>, Map<String, TokenCache.Entry>> loader, Store store,
                Telemetry.Cause cause) {
            this.identity = identity;
            this.loader = loader;
            this.store = store;
            this.cause = cause;
        }

        /**
         * Registers this refresh under a key unless one is in flight for it, or one ended since the
         * read that found it due (checked after registering: a refresh ends by storing its result,
         * then unregistering, so one of the two is seen).
         */
        void add(String slug, CompletableFuture<TokenCache.Entry> current) {
            TokenCache.Key key = new TokenCache.Key(identity, slug);
            results.put(slug, new CompletableFuture<>()); // before it can be found under its key
            if (inFlight.putIfAbsent(key, this) == null) {
                if (store.holds(key, current)) {
                    from.put(slug, current);
                    return;
                }
                inFlight.remove(key, this);
            }
            results.remove(slug).complete(null); // a reader that found it here loads by itself
        }

        /** Ends registration; {@code false} when there is nothing to refresh. */
        boolean seal() {
            sealed = true;
            return !from.isEmpty();
        }

        @Override
        public void run() {
            if (!sealed || !claimed.compareAndSet(false, true)) {
                return;
            }
            if (from.keySet().stream().noneMatch(this::registered)) {
                finish(null, null); // cancelled before it started: no call
                return;
            }
            Telemetry.Operation span = telemetry.startLinked(VendoOperation.TOKEN_REFRESH,
                    from.size() == 1 ? from.keySet().iterator().next() : null, cause);
            Map<String, TokenCache.Entry> fetched;
            try {
                fetched = loader.apply(new ArrayList<>(from.keySet()));
            } catch (RuntimeException e) {
                span.failed(e);
                span.end();
                finish(null, e);
                return;
            } catch (Error e) {
                span.failed(e);
                span.end();
                for (CompletableFuture<TokenCache.Entry> result : results.values()) {
                    result.completeExceptionally(e);
                }
                unregister();
                finished();
                throw e;
            }
            span.outcome(Outcome.REFRESHED).end();
            finish(fetched, null);
        }

        /**
         * Hands each result to the store, then stops being found under its keys, then wakes the
         * readers: in that order, a reader never sees the old token due for a refresh that has ended.
         */
        private void finish(Map<String, TokenCache.Entry> fetched, RuntimeException failure) {
            Map<String, TokenCache.Entry> outcome = new LinkedHashMap<>();
            if (fetched != null || failure != null) {
                TokenCache.Entry unresolved = TokenCache.Entry.failed(TokenCache.Unresolved.INSTANCE);
                for (Map.Entry<String, CompletableFuture<TokenCache.Entry>> slug : from.entrySet()) {
                    TokenCache.Entry result = failure != null ? TokenCache.Entry.failed(failure)
                            : fetched.getOrDefault(slug.getKey(), unresolved);
                    outcome.put(slug.getKey(), result);
                    try {
                        store.refreshed(new TokenCache.Key(identity, slug.getKey()), slug.getValue(), result);
                    } catch (RuntimeException storeFailed) {
                        // Keep going: the other keys and the waiting readers still get their results.
                    }
                }
            }
            unregister();
            for (Map.Entry<String, CompletableFuture<TokenCache.Entry>> result : results.entrySet()) {
                result.getValue().complete(outcome.get(result.getKey()));
            }
            finished();
        }

        /** Drops a refresh that will never run. */
        void abandon() {
            if (claimed.compareAndSet(false, true)) {
                finish(null, null);
            }
        }

        /**
         * Waits for this refresh's result for {@code slug}, running the refresh on this thread if no
         * other thread has started it.
         *
         * @return the result, or {@code null} when the refresh ended without running
         */
        TokenCache.Entry await(String slug) {
            run(); // a no-op once another thread has claimed it
            CompletableFuture<TokenCache.Entry> result = results.get(slug);
            if (result == null) {
                return null;
            }
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        private boolean registered(String slug) {
            return inFlight.get(new TokenCache.Key(identity, slug)) == this;
        }

        private void unregister() {
            for (String slug : from.keySet()) {
                inFlight.remove(new TokenCache.Key(identity, slug), this);
            }
        }
    }
}
