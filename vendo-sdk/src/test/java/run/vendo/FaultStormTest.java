package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.errors.RateLimited;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.VendoError;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Fault;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * Every kind of upstream fault, injected on the wire by the emulator, gives its documented typed
 * error within a bound computed from the settings (attempts x (connect + response timeout + the
 * largest backoff) + slack: a correctness bound, not a performance figure), first one at a time
 * with the attempts counted, then 10,000 mixed faulted calls on many threads, after
 * which no pooled connection is left leased and the client still serves a healthy call.
 */
class FaultStormTest {

    private static final int ATTEMPTS = 3;
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(400);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);
    /**
     * Room for every attempt: the storm is about retries and leases, and a call deadline of one
     * request timeout (the default) would turn a retried fault on a busy machine into a deadline.
     */
    private static final Duration CALL_TIMEOUT = CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT).multipliedBy(ATTEMPTS);
    private static final Duration BACKOFF_BASE = Duration.ofMillis(2);
    /** Longer than the response timeout: every attempt times out. */
    private static final Duration SLOW = Duration.ofMillis(1000);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final int CALLS = 10_000;
    private static final int THREADS = 16;

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    private VendoEmulator emulator;
    private Vendo root;
    private Vendo down;
    private String googleToken;
    private String flakyToken;
    private String bulkJwt;

    /** One kind of fault: how it is injected, called and recognised. */
    private enum Kind {
        HEALTHY(30, 1), S500(4, ATTEMPTS), S502(4, ATTEMPTS), S503(4, ATTEMPTS), S504(4, ATTEMPTS),
        CODED_503(3, ATTEMPTS), FLAKY_503(8, 0), RATE_LIMITED(8, 1), SLOW_ANSWER(1, ATTEMPTS), DROPPED(6, ATTEMPTS),
        CUT_MID_BODY(6, ATTEMPTS), MALFORMED_JSON(4, 1), EMPTY_BODY(3, 1), EMPTY_OBJECT(2, 1), HTML_200(3, 1),
        HTML_502(3, ATTEMPTS), BULK_503(3, ATTEMPTS), CONNECTIONS_BAD_SHAPE(2, 1), WORKER_DOWN(3, 0);

        final int weight;
        /** Requests the emulator sees for one call; 0 when not countable (flaky, or another host). */
        final int requests;

        Kind(int weight, int requests) {
            this.weight = weight;
            this.requests = requests;
        }

        String slug() {
            return "f-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    @BeforeEach
    void start() throws IOException {
        emulator = vendo.emulator();
        googleToken = emulator.deployment().connect("google");
        flakyToken = emulator.deployment().connect(Kind.FLAKY_503.slug());
        emulator.user("bulk-user").connect("google");
        bulkJwt = emulator.mintUserJwt("bulk-user");
        root = client(emulator.credentialsUrl());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        down = client("http://127.0.0.1:" + closedPort + "/credentials");
    }

    @AfterEach
    void stop() {
        root.close();
        down.close();
    }

    private Vendo client(String credentialsUrl) {
        return ClientInternals.fastRetries(EmulatorClients.builder(emulator)
                .credentialsUrl(credentialsUrl)
                .connectTimeout(CONNECT_TIMEOUT)
                .requestTimeout(REQUEST_TIMEOUT)
                .callTimeout(CALL_TIMEOUT)
                .maxAttempts(ATTEMPTS), BACKOFF_BASE)
                .build();
    }

    /** attempts x (connect + response timeout + largest backoff) + slack. */
    private static Duration bound() {
        long maxBackoff = Math.min(Math.max(BACKOFF_BASE.toMillis(), 2_000), BACKOFF_BASE.toMillis() << (ATTEMPTS - 1));
        return CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT).plusMillis(maxBackoff).multipliedBy(ATTEMPTS).plus(SLACK);
    }

    private void inject(Kind kind, int flakyTimes) {
        String slug = kind.slug();
        switch (kind) {
            case S500 -> emulator.inject(Fault.status(500)).onSlug(slug).always();
            case S502 -> emulator.inject(Fault.status(502)).onSlug(slug).always();
            case S503 -> emulator.inject(Fault.status(503)).onSlug(slug).always();
            case S504 -> emulator.inject(Fault.status(504)).onSlug(slug).always();
            case CODED_503 -> emulator.inject(Fault.error(503, "upstream_error")).onSlug(slug).always();
            case FLAKY_503 -> emulator.inject(Fault.status(503)).onSlug(slug).times(flakyTimes);
            case RATE_LIMITED -> emulator.inject(Fault.rateLimited(RETRY_AFTER)).onSlug(slug).always();
            case SLOW_ANSWER -> emulator.inject(Fault.delay(SLOW)).onSlug(slug).always();
            case DROPPED -> emulator.inject(Fault.drop()).onSlug(slug).always();
            case CUT_MID_BODY -> emulator.inject(Fault.truncatedBody()).onSlug(slug).always();
            case MALFORMED_JSON -> emulator.inject(Fault.raw(200, "application/json", "{\"access_token\": \"t"))
                    .onSlug(slug).always();
            case EMPTY_BODY -> emulator.inject(Fault.raw(200, "application/json", "")).onSlug(slug).always();
            case EMPTY_OBJECT -> emulator.inject(Fault.raw(200, "application/json", "{}")).onSlug(slug).always();
            case HTML_200 -> emulator.inject(Fault.raw(200, "text/html; charset=utf-8",
                    "<!doctype html><html><body>Sign in</body></html>")).onSlug(slug).always();
            case HTML_502 -> emulator.inject(Fault.raw(502, "text/html",
                    "<html><body><h1>502 Bad Gateway</h1></body></html>")).onSlug(slug).always();
            case BULK_503 -> emulator.inject(Fault.status(503))
                    .onPath("/credentials/_bulk").forIdentity("bulk-user").always();
            case CONNECTIONS_BAD_SHAPE -> emulator.inject(Fault.raw(200, "application/json", "{\"connections\":{}}"))
                    .onPath("/api/deployments/me/connections").always();
            case HEALTHY, WORKER_DOWN -> {
                // nothing to inject
            }
        }
    }

    /** Makes the call of {@code kind}; returns what it returned, or throws what it threw. */
    private Object call(Kind kind) {
        return switch (kind) {
            case HEALTHY -> {
                root.invalidate("google"); // make it a real round trip, not a cache hit
                yield root.token("google");
            }
            case FLAKY_503 -> {
                root.invalidate(kind.slug());
                yield root.token(kind.slug());
            }
            case BULK_503 -> root.forUser(bulkJwt).tokens(List.of("google", "notion"));
            case CONNECTIONS_BAD_SHAPE -> root.connections().list();
            case WORKER_DOWN -> down.token("google");
            default -> root.token(kind.slug());
        };
    }

    /** Whether an outcome is the documented one: a result, or the typed error. */
    private Predicate<Object> expected(Kind kind) {
        return switch (kind) {
            case HEALTHY -> googleToken::equals;
            case S500, S502, S503, S504 -> upstream("http_" + kind.name().substring(1),
                    Integer.parseInt(kind.name().substring(1)));
            case CODED_503 -> upstream("upstream_error", 503);
            case FLAKY_503 -> o -> flakyToken.equals(o) || upstream("http_503", 503).test(o);
            case RATE_LIMITED -> o -> o instanceof RateLimited e && e.retryAfter().orElse(null) != null
                    && e.retryAfter().get().equals(RETRY_AFTER) && e.status().orElse(0) == 429;
            case SLOW_ANSWER, DROPPED, CUT_MID_BODY, WORKER_DOWN -> upstream("network_error", -1);
            case MALFORMED_JSON, EMPTY_BODY, EMPTY_OBJECT, HTML_200,
                    CONNECTIONS_BAD_SHAPE -> upstream("invalid_response", 200);
            case HTML_502 -> upstream("http_502", 502);
            case BULK_503 -> upstream("http_503", 503);
        };
    }

    private static Predicate<Object> upstream(String code, int status) {
        return o -> o instanceof UpstreamError e && e.code().equals(code)
                && (status < 0 ? e.status().isEmpty() : e.status().orElse(0) == status);
    }

    private static String describe(Object outcome) {
        if (outcome instanceof VendoError e) {
            return e.getClass().getSimpleName() + " " + e.code()
                    + (e.status().isPresent() ? " HTTP " + e.status().getAsInt() : " (no status)");
        }
        return outcome instanceof Throwable t ? t.getClass().getName() : "a result";
    }

    @Test
    void eachFaultAloneGivesItsTypedErrorAfterTheDocumentedAttemptsWithinTheBound() {
        Duration bound = bound();
        List<String> wrong = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Kind kind : Kind.values()) {
            if (kind == Kind.FLAKY_503) {
                continue; // a burst that ends: covered below
            }
            emulator.reset();
            inject(kind, 0);
            long start = System.nanoTime();
            Object outcome = outcome(kind);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            int requests = kind == Kind.BULK_503 ? emulator.calls("/credentials/_bulk")
                    : kind == Kind.CONNECTIONS_BAD_SHAPE ? emulator.calls("/api/deployments/me/connections")
                    : kind == Kind.HEALTHY ? emulator.calls("/credentials/google")
                    : emulator.calls("/credentials/" + kind.slug());
            if (!expected(kind).test(outcome)) {
                wrong.add(kind + ": " + describe(outcome));
            }
            if (kind.requests > 0 && requests != kind.requests) {
                wrong.add(kind + ": " + requests + " requests instead of " + kind.requests);
            }
            if (took.compareTo(bound) > 0) {
                wrong.add(kind + ": took " + took.toMillis() + " ms, bound " + bound.toMillis() + " ms");
            }
            report.append(String.format("%n  %-22s %-40s %d request(s) %5d ms",
                    kind, describe(outcome), requests, took.toMillis()));
        }
        // A burst of 503s shorter than the attempts is retried into a success.
        emulator.reset();
        emulator.inject(Fault.status(503)).onSlug("google").times(ATTEMPTS - 1);
        root.invalidate("google");
        if (!googleToken.equals(root.token("google"))) {
            wrong.add("a 503 burst of " + (ATTEMPTS - 1) + " did not end in the token");
        }
        report.append(String.format("%n  %-22s %-40s %d request(s)",
                "503 x " + (ATTEMPTS - 1) + " then 200", "the token",
                emulator.calls("/credentials/google")));
        System.out.println("faults one at a time (bound " + bound.toMillis() + " ms):" + report);
        assertEquals(List.of(), wrong);
        assertEquals(0, ClientInternals.leasedConnections(root), "leased connections");
    }

    private Object outcome(Kind kind) {
        try {
            return call(kind);
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void tenThousandMixedFaultedCallsLeaveNoLeasedConnection() throws Exception {
        // A deterministic mix, spread over the threads.
        List<Kind> plan = new ArrayList<>(CALLS);
        int totalWeight = 0;
        for (Kind k : Kind.values()) {
            totalWeight += k.weight;
        }
        for (Kind k : Kind.values()) {
            for (int i = 0; i < CALLS * k.weight / totalWeight; i++) {
                plan.add(k);
            }
        }
        while (plan.size() < CALLS) {
            plan.add(Kind.HEALTHY);
        }
        Collections.shuffle(plan, new Random(20_261_125L));
        long flaky = plan.stream().filter(k -> k == Kind.FLAKY_503).count();
        for (Kind k : Kind.values()) {
            inject(k, (int) flaky * 2); // about two failed attempts per flaky call, spread unevenly
        }

        Duration bound = bound();
        AtomicInteger next = new AtomicInteger();
        Map<Kind, AtomicInteger> counts = new EnumMap<>(Kind.class);
        Map<Kind, AtomicInteger> successes = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicInteger());
            successes.put(k, new AtomicInteger());
        }
        AtomicLongArray worstNanos = new AtomicLongArray(Kind.values().length);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                        Kind kind = plan.get(i);
                        long begin = System.nanoTime();
                        Object outcome = outcome(kind);
                        long took = System.nanoTime() - begin;
                        worstNanos.accumulateAndGet(kind.ordinal(), took, Math::max);
                        counts.get(kind).incrementAndGet();
                        if (!(outcome instanceof Throwable)) {
                            successes.get(kind).incrementAndGet();
                        }
                        if (!expected(kind).test(outcome)) {
                            wrong.add(kind + ": " + describe(outcome));
                        }
                        if (took > bound.toNanos()) {
                            wrong.add(kind + ": took " + took / 1_000_000 + " ms, bound " + bound.toMillis() + " ms");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int requests = emulator.calls();
        int leased = ClientInternals.leasedConnections(root);
        int leasedDown = ClientInternals.leasedConnections(down);

        StringBuilder report = new StringBuilder();
        long worst = 0;
        for (Kind k : Kind.values()) {
            long w = worstNanos.get(k.ordinal()) / 1_000_000;
            worst = Math.max(worst, w);
            report.append(String.format("%n  %-22s %5d calls, %5d succeeded, worst %5d ms", k, counts.get(k).get(),
                    successes.get(k).get(), w));
        }
        emulator.reset();
        root.invalidate("google");
        String healthy = root.token("google");
        System.out.printf("fault storm: %d calls on %d threads in %d ms, %d HTTP requests,"
                        + " worst call %d ms (bound %d ms),"
                        + " %d unexpected outcomes, leased connections after: %d (worker-down client: %d),"
                        + " healthy call after: %s%s%n",
                plan.size(), THREADS, millis, requests, worst, bound.toMillis(), wrong.size(), leased, leasedDown,
                googleToken.equals(healthy) ? "ok" : "WRONG TOKEN", report);
        assertEquals(List.of(), new ArrayList<>(wrong).subList(0, Math.min(20, wrong.size())),
                wrong.size() + " unexpected");
        assertEquals(0, leased, "connections still leased from the pool");
        assertEquals(0, leasedDown, "connections still leased from the worker-down client's pool");
        assertEquals(googleToken, healthy, "the client serves a healthy call after the storm");
        assertEquals(CALLS, counts.values().stream().mapToInt(AtomicInteger::get).sum());
        assertTrue(successes.get(Kind.HEALTHY).get() == counts.get(Kind.HEALTHY).get());
    }
}
