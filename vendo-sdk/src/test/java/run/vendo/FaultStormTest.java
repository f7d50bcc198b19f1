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
import run.vendo.testing.FaultRule;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * Every kind of upstream fault, injected on the wire by the emulator, gives its documented typed
 * error after the documented number of attempts, first one at a time with the attempts counted,
 * then in 10,000 mixed faulted calls on many threads, after which no pooled connection is left
 * leased and the client still serves a healthy call.
 *
 * <p>Nothing here depends on how fast the machine is. The answer that never comes is held by the
 * emulator until the test ends, and only its client has a short request timeout; every other call
 * has the default timeouts, which a busy machine cannot reach, so it cannot turn an answer into a
 * timeout. The ticker of the call deadlines stands still, so a deadline never cuts a call's
 * attempts short (deadlines are {@code RetryPolicyTest}'s and {@code UpstreamFaultTest}'s).
 */
class FaultStormTest {

    private static final int ATTEMPTS = 3;
    private static final Duration BACKOFF_BASE = Duration.ofMillis(2);
    /** The held answer's request timeout: any value works, since that answer never comes. */
    private static final Duration IMPATIENT = Duration.ofMillis(400);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    /** How long the test waits for a marker event, such as the emulator holding a request. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CALLS = 10_000;
    private static final int THREADS = 16;

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    private VendoEmulator emulator;
    private Vendo root;
    private Vendo down;
    private Vendo impatient;
    private String googleToken;
    private String flakyToken;
    private String bulkJwt;

    /** One kind of fault: how it is injected, called and recognised. */
    private enum Kind {
        HEALTHY(30, 1), S500(4, ATTEMPTS), S502(4, ATTEMPTS), S503(4, ATTEMPTS), S504(4, ATTEMPTS),
        CODED_503(3, ATTEMPTS), FLAKY_503(8, 0), RATE_LIMITED(8, 1), HELD_ANSWER(1, ATTEMPTS), DROPPED(6, ATTEMPTS),
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
        root = client(emulator.credentialsUrl()).build();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        down = client("http://127.0.0.1:" + closedPort + "/credentials").build();
        impatient = client(emulator.credentialsUrl()).requestTimeout(IMPATIENT).build();
    }

    @AfterEach
    void stop() {
        root.close();
        down.close();
        impatient.close();
    }

    /** Default timeouts, fast retries, and call deadlines on a ticker that stands still. */
    private Vendo.Builder client(String credentialsUrl) {
        Vendo.Builder builder = EmulatorClients.builder(emulator).credentialsUrl(credentialsUrl).maxAttempts(ATTEMPTS);
        return ClientInternals.ticker(ClientInternals.fastRetries(builder, BACKOFF_BASE), () -> 0L);
    }

    /** Injects the fault of {@code kind}; returns its rule, or null when there is nothing to inject. */
    private FaultRule inject(Kind kind, int flakyTimes) {
        String slug = kind.slug();
        return switch (kind) {
            case S500 -> emulator.inject(Fault.status(500)).onSlug(slug).always();
            case S502 -> emulator.inject(Fault.status(502)).onSlug(slug).always();
            case S503 -> emulator.inject(Fault.status(503)).onSlug(slug).always();
            case S504 -> emulator.inject(Fault.status(504)).onSlug(slug).always();
            case CODED_503 -> emulator.inject(Fault.error(503, "upstream_error")).onSlug(slug).always();
            case FLAKY_503 -> emulator.inject(Fault.status(503)).onSlug(slug).times(flakyTimes);
            case RATE_LIMITED -> emulator.inject(Fault.rateLimited(RETRY_AFTER)).onSlug(slug).always();
            case HELD_ANSWER -> emulator.inject(Fault.hold()).onSlug(slug).always();
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
            case HEALTHY, WORKER_DOWN -> null;
        };
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
            case HELD_ANSWER -> impatient.token(kind.slug());
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
            case HELD_ANSWER, DROPPED, CUT_MID_BODY, WORKER_DOWN -> upstream("network_error", -1);
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
    void eachFaultAloneGivesItsTypedErrorAfterTheDocumentedAttempts() throws InterruptedException {
        List<String> wrong = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (Kind kind : Kind.values()) {
            if (kind == Kind.FLAKY_503) {
                continue; // a burst that ends: covered below
            }
            emulator.reset();
            FaultRule rule = inject(kind, 0);
            Object outcome = outcome(kind);
            if (kind == Kind.HELD_ANSWER && !rule.awaitHeld(kind.requests, WAIT)) {
                // The client gives up on an attempt that the emulator may not have taken in yet.
                wrong.add(kind + ": fewer than " + kind.requests + " requests reached the emulator");
            }
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
            report.append(String.format("%n  %-22s %-40s %d request(s)", kind, describe(outcome), requests));
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
        System.out.println("faults one at a time:" + report);
        assertEquals(List.of(), wrong);
        assertEquals(0, ClientInternals.leasedConnections(root), "leased connections");
        assertEquals(0, ClientInternals.leasedConnections(impatient), "leased connections of the impatient client");
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

        AtomicInteger next = new AtomicInteger();
        Map<Kind, AtomicInteger> counts = new EnumMap<>(Kind.class);
        Map<Kind, AtomicInteger> successes = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicInteger());
            successes.put(k, new AtomicInteger());
        }
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                        Kind kind = plan.get(i);
                        Object outcome = outcome(kind);
                        counts.get(kind).incrementAndGet();
                        if (!(outcome instanceof Throwable)) {
                            successes.get(kind).incrementAndGet();
                        }
                        if (!expected(kind).test(outcome)) {
                            wrong.add(kind + ": " + describe(outcome));
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
        int requests = emulator.calls();
        int leased = ClientInternals.leasedConnections(root);
        int leasedDown = ClientInternals.leasedConnections(down);
        int leasedImpatient = ClientInternals.leasedConnections(impatient);

        StringBuilder report = new StringBuilder();
        for (Kind k : Kind.values()) {
            report.append(String.format("%n  %-22s %5d calls, %5d succeeded", k, counts.get(k).get(),
                    successes.get(k).get()));
        }
        emulator.reset();
        root.invalidate("google");
        String healthy = root.token("google");
        System.out.printf("fault storm: %d calls on %d threads, %d HTTP requests, %d unexpected outcomes,"
                        + " leased connections after: %d (worker-down client: %d, impatient client: %d),"
                        + " healthy call after: %s%s%n",
                plan.size(), THREADS, requests, wrong.size(), leased, leasedDown, leasedImpatient,
                googleToken.equals(healthy) ? "ok" : "WRONG TOKEN", report);
        assertEquals(List.of(), new ArrayList<>(wrong).subList(0, Math.min(20, wrong.size())),
                wrong.size() + " unexpected");
        assertEquals(0, leased, "connections still leased from the pool");
        assertEquals(0, leasedDown, "connections still leased from the worker-down client's pool");
        assertEquals(0, leasedImpatient, "connections still leased from the impatient client's pool");
        assertEquals(googleToken, healthy, "the client serves a healthy call after the storm");
        assertEquals(CALLS, counts.values().stream().mapToInt(AtomicInteger::get).sum());
        assertTrue(successes.get(Kind.HEALTHY).get() == counts.get(Kind.HEALTHY).get());
    }
}
