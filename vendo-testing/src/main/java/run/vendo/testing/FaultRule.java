package run.vendo.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides which requests get an injected {@link Fault}. Returned by {@link
 * VendoEmulator#inject(Fault)}, already active, and by default applying to the next 1 request on
 * any path except the JWKS. Narrow or widen it right away, before sending the requests it targets:
 *
 * <pre>{@code
 * vendo.inject(Fault.status(503)).times(2).onSlug("google").forIdentity("alice");
 * }</pre>
 *
 * <p>Rules are checked in injection order; the first matching rule with uses left is consumed.
 * Conditions combine with AND. Thread-safe.
 */
public final class FaultRule {

    private final Fault fault;
    private int remaining = 1;
    private boolean always;
    private boolean cancelled;
    private int applied;
    private int held;
    private boolean released;
    private String path;
    private String slug;
    private String identity;

    FaultRule(Fault fault) {
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    /**
     * Applies the fault to the next {@code n} matching requests (default 1).
     *
     * @param n at least 1
     * @return this rule
     */
    public synchronized FaultRule times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + n);
        }
        remaining = n;
        always = false;
        return this;
    }

    /**
     * Applies the fault to every matching request until {@link #cancel()} or {@link
     * VendoEmulator#reset()}.
     *
     * @return this rule
     */
    public synchronized FaultRule always() {
        always = true;
        return this;
    }

    /**
     * Applies only to requests to exactly this (decoded) path, e.g. {@code "/credentials/_bulk"}.
     * Naming the JWKS path ({@code /auth/v1/.well-known/jwks.json}) is the only way to fault JWKS
     * requests.
     *
     * @param exactPath the path, without query
     * @return this rule
     */
    public synchronized FaultRule onPath(String exactPath) {
        this.path = Secrets.requireText(exactPath, "path");
        return this;
    }

    /**
     * Applies only to {@code GET /credentials/{slug}} of this slug (not to bulk requests).
     *
     * @param slug the provider slug
     * @return this rule
     */
    public synchronized FaultRule onSlug(String slug) {
        this.slug = Secrets.requireText(slug, "slug");
        return this;
    }

    /**
     * Applies only to requests of this identity: a user id (the {@code sub} of a valid {@code
     * X-Vendo-User-JWT} on a credentials-worker request) or {@link VendoEmulator#DEPLOYMENT} for
     * credentials-worker requests without one and for every other endpoint, which ignores the header.
     *
     * @param identity the identity name
     * @return this rule
     */
    public synchronized FaultRule forIdentity(String identity) {
        this.identity = Secrets.requireText(identity, "identity");
        return this;
    }

    /**
     * Returns how many more requests will get the fault.
     *
     * @return the remaining count, {@link Integer#MAX_VALUE} for {@link #always()}, 0 once used up
     *     or cancelled
     */
    public synchronized int remaining() {
        if (cancelled) {
            return 0;
        }
        return always ? Integer.MAX_VALUE : remaining;
    }

    /**
     * Returns how many requests got the fault so far.
     *
     * @return the count of applications
     */
    public synchronized int applied() {
        return applied;
    }

    /**
     * Returns the fault this rule injects.
     *
     * @return the fault
     */
    public Fault fault() {
        return fault;
    }

    /**
     * Lets the requests a {@link Fault#hold()} rule holds go on, now and from now on: they are
     * answered normally. Without effect on other faults.
     *
     * @return this rule
     */
    public synchronized FaultRule release() {
        released = true;
        notifyAll();
        return this;
    }

    /**
     * Returns how many requests a {@link Fault#hold()} rule holds right now.
     *
     * @return the count
     */
    public synchronized int held() {
        return held;
    }

    /**
     * Waits until a {@link Fault#hold()} rule holds at least {@code n} requests at once.
     *
     * @param n the number of requests
     * @param timeout how long to wait at most
     * @return whether they were held in time
     * @throws InterruptedException if the thread is interrupted
     */
    public synchronized boolean awaitHeld(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (held < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Deactivates this rule; requests already faulted are unaffected, except held ones, which go on. */
    public synchronized void cancel() {
        cancelled = true;
        released = true;
        notifyAll();
    }

    /** Holds the calling request until the rule is released or cancelled. */
    synchronized void holdUntilReleased() throws InterruptedException {
        held++;
        notifyAll();
        try {
            while (!released) {
                wait();
            }
        } finally {
            held--;
            notifyAll();
        }
    }

    /** True when this rule will never apply again. */
    synchronized boolean isSpent() {
        return cancelled || (!always && remaining <= 0);
    }

    /** Consumes one use if the rule matches {@code target}; true if it did. */
    synchronized boolean tryConsume(FaultTarget target) {
        if (isSpent()) {
            return false;
        }
        if (path != null ? !path.equals(target.path) : target.jwks) {
            return false;
        }
        if (slug != null && !slug.equals(target.slug)) {
            return false;
        }
        if (identity != null && !identity.equals(target.identity())) {
            return false;
        }
        if (!always) {
            remaining--;
        }
        applied++;
        return true;
    }

    @Override
    public synchronized String toString() {
        return "FaultRule[" + fault + ", remaining=" + (always ? "always" : String.valueOf(remaining))
                + (path == null ? "" : ", path=" + path) + (slug == null ? "" : ", slug=" + slug)
                + (identity == null ? "" : ", identity=" + identity) + (cancelled ? ", cancelled" : "") + "]";
    }
}
