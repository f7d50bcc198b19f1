package run.vendo.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import run.vendo.internal.client.VendoClientBuilder;
import run.vendo.jakarta.VendoIdentityFilter;
import run.vendo.testing.Fault;
import run.vendo.testing.RecordedRequest;
import run.vendo.testing.VendoEmulator;

/**
 * The load harness (profile {@code load} of vendo-benchmarks): the Vendo emulator in this JVM, ONE
 * WildFly with the benchmark application ({@code load-app}) deployed four times, {@code /bench-bare}
 * (the identity filter switched off in a {@code WEB-INF/web.xml}: no Vendo code runs per request),
 * {@code /bench-noverify} (no {@code vendo.jwt.jwks-url}: the identity token is read, not verified),
 * {@code /bench-verify} (JWKS URL, issuer and audience from a {@code
 * WEB-INF/classes/META-INF/microprofile-config.properties} added to that copy only; the server's
 * environment carries no {@code VENDO_JWT_*}) and {@code /bench-bare2} (a second bare copy, the
 * control), then closed-loop load over loopback with {@link LoadDriver}, every request carrying one of
 * the users' JWTs as Vendo's proxy sends it:
 * <ol type="a">
 *   <li>{@code GET /bench-bare/api/ping}: a bare JAX-RS endpoint returning a constant,
 *   <li>{@code GET /bench-noverify/api/token}: {@code @VendoUser Vendo}, cached {@code token("google")}
 *       as plain text,
 *   <li>{@code GET /bench-verify/api/token}: the same with signature verification,
 * </ol>
 * and (a′) {@code GET /bench-bare2/api/ping}, in interleaved rounds a, b, c, a′, a, … (the first ones
 * a warm-up, with {@value #WARM_UP_USERS} users of its own), so that a slow spell of a shared machine
 * hits every scenario. Between warm-up and measurement, each token scenario touches every measured
 * user once: the first touch (one upstream call and, in (c), one signature check per user), timed and
 * costed as its own figure and checked against the emulator's count (users x 2 WARs). Each
 * connection walks its own slice of the users, so a round visits every user once its connections
 * have made as many requests as there are users. Prints per round and scenario the requests,
 * requests/s, p50 and p99 latency, errors, the CPU time per request of the server and of this JVM,
 * and the users visited; then the upstream calls and the verify copy's signature checks during the
 * measured rounds, the server's heap after a full GC before the first touch and after the rounds, the
 * medians, the ratios b/a, c/a and a′/a (a′/a would be 1 on a perfect rig), and the upstream token
 * calls the emulator saw. Stops WildFly and the emulator; fails (non-zero exit of Maven) on any error.
 *
 * <p>With {@code --scenario=churn} ({@code -Dvendo.load.scenario=churn}) it measures token churn
 * instead: the emulator's tokens live {@code --token-lifetime} (two minutes), and {@code /bench-bare},
 * {@code /bench-noverify} and {@code /bench-norefresh} (the same with {@code vendo.refresh-ahead=0})
 * run in interleaved rounds, to compare the tail latency of the scoped endpoint with the bare one's
 * while tokens are refreshed all the time.
 */
public final class LoadHarness {

    static final String SLUG = "google";
    static final String BARE = "bench-bare";
    /** A second bare copy: its ratio to the first shows what the rig can resolve on this machine. */
    static final String CONTROL = "bench-bare2";
    static final String NO_VERIFY = "bench-noverify";
    static final String VERIFY = "bench-verify";
    /** The name of scenario (c), whose requests the signature checks are counted against. */
    static final String VERIFIED_SCENARIO = "c token (verify WAR)";
    /** Churn scenario: a copy of the no-verify application with {@code vendo.refresh-ahead=0}. */
    static final String NO_REFRESH = "bench-norefresh";
    /** What the application's {@code GET /api/ping} answers. */
    static final String PONG = "pong";
    /** The SDK's margin: a token is not served in the last minute before its {@code expires_at}. */
    static final Duration CREDENTIALS_MARGIN = Duration.ofSeconds(60);

    private final LoadOptions options;
    private final PrintStream out;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private VendoEmulator emulator;
    private WildFlyServer wildfly;
    /** The verify WAR's count of signature checks; null in the churn scenario, which verifies nothing. */
    private URI signatureChecks;

    LoadHarness(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Entry point.
     *
     * @param args {@code --name=value} options, see {@link LoadOptions}
     * @throws Exception when WildFly does not start, or any request failed
     */
    public static void main(String[] args) throws Exception {
        new LoadHarness(LoadOptions.parse(args), System.out).run();
    }

    void run() throws Exception {
        if (!Files.isRegularFile(options.wildflyHome().resolve("bin/standalone.sh"))) {
            throw new IllegalStateException("No WildFly in " + options.wildflyHome() + ": run with -Pload");
        }
        if (!Files.isRegularFile(options.war())) {
            throw new IllegalStateException("No WAR at " + options.war());
        }
        wildfly = new WildFlyServer(options.wildflyHome(), options.portOffset(),
                options.workDir().resolve("wildfly-load-console.log"));
        List<Integer> ports = new ArrayList<>(wildfly.ports());
        ports.add(options.emulatorPort());
        List<Integer> busy = ports.stream().filter(WildFlyServer::inUse).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Port(s) " + busy + " on 127.0.0.1 are in use; use "
                    + "-Dvendo.load.port-offset=100 / -Dvendo.load.emulator-port=8788");
        }

        Thread hook = new Thread(this::shutdown, "vendo-load-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long errors;
        try {
            errors = options.scenario() == LoadOptions.Scenario.CHURN ? measureChurn() : measureStandard();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs already
            }
            shutdown();
        }
        if (errors > 0) {
            throw new IllegalStateException(errors + " error(s), see above and " + wildfly.serverLog());
        }
    }

    /** The four endpoints: a, b, c and the control a′, and the throughput ratios of the design's bar. */
    private long measureStandard() throws Exception {
        startEmulator(VendoEmulator.builder());
        Path dir = warDirectory();
        Path bareWar = bareCopy(dir, BARE);
        Path controlWar = bareCopy(dir, CONTROL);
        Path noVerifyWar = copy(dir, NO_VERIFY);
        Path verifyWar = copy(dir, VERIFY);
        addConfig(verifyWar, "vendo.jwt.jwks-url=" + emulator.jwksUrl() + "\n"
                + "vendo.jwt.issuer=" + emulator.issuer() + "\n"
                + "vendo.jwt.audiences=" + VendoEmulator.AUDIENCE + "\n");
        String base = startWildFly(List.of(bareWar, controlWar, noVerifyWar, verifyWar));
        URI ping = URI.create(base + NO_VERIFY + "/api/ping");
        URI barePing = URI.create(base + BARE + "/api/ping");
        URI controlPing = URI.create(base + CONTROL + "/api/ping");
        URI token = URI.create(base + NO_VERIFY + "/api/token");
        URI verifiedToken = URI.create(base + VERIFY + "/api/token");
        signatureChecks = URI.create(base + VERIFY + "/api/signature-checks");

        long errors = 0;
        // Verification must be on in the verify WAR only: a JWT signed by an unknown key is refused there.
        String forged = emulator.jwt("probe-user").signedByUnknownKey().sign();
        int verifyStatus = status(verifiedToken, forged);
        if (verifyStatus != 401) {
            out.println("ERROR: /" + VERIFY + " answered " + verifyStatus + " to a forged JWT, expected 401");
            errors++;
        }
        out.println("Forged JWT: /" + VERIFY + "/api/token -> " + verifyStatus + " (verification on); /"
                + NO_VERIFY + "/api/ping -> " + status(ping, forged) + " (not verified)");
        errors += checkBareRunsNoVendoCode(barePing);

        List<LoadDriver.Caller> callers = callers("load-user-");
        List<Scenario> scenarios = List.of(
                new Scenario("a ping (bare WAR)", barePing, callers, PONG),
                new Scenario("b token (no-verify WAR)", token, callers, null),
                new Scenario(VERIFIED_SCENARIO, verifiedToken, callers, null),
                new Scenario("a' ping (second bare WAR)", controlPing, callers, PONG));
        Map<String, List<Measured>> results = new LinkedHashMap<>();
        errors += rounds(scenarios, results, Duration.ZERO);

        List<Measured> ra = results.get(scenarios.get(0).name());
        List<Measured> rb = results.get(scenarios.get(1).name());
        List<Measured> rc = results.get(scenarios.get(2).name());
        List<Measured> rControl = results.get(scenarios.get(3).name());
        double[] bOverA = perRound(rb, ra, Measured::throughputOver);
        double[] cOverA = perRound(rc, ra, Measured::throughputOver);
        double[] controlOverA = perRound(rControl, ra, Measured::throughputOver);
        StringBuilder perRound = new StringBuilder("Throughput ratios per round:");
        for (int i = 0; i < bOverA.length; i++) {
            perRound.append(String.format(Locale.ROOT, " %d: b/a %.3f c/a %.3f a'/a %.3f;", i + 1, bOverA[i],
                    cOverA[i], controlOverA[i]));
        }
        out.println();
        out.println(perRound);
        double aMedian = median(ra, Measured::throughput);
        double bMedian = median(rb, Measured::throughput);
        double cMedian = median(rc, Measured::throughput);
        out.printf(Locale.ROOT, "Median per scenario: a %.0f req/s, %.1f server µs/request; b %.0f req/s, %.1f µs; "
                        + "c %.0f req/s, %.1f µs%n",
                aMedian, median(ra, Measured::serverMicros), bMedian, median(rb, Measured::serverMicros),
                cMedian, median(rc, Measured::serverMicros));
        out.printf(Locale.ROOT, "Server CPU added per request (median of rounds): b - a = %.1f µs, c - a = %.1f µs; "
                        + "control a' - a = %.1f µs%n",
                median(perRound(rb, ra, Measured::serverMicrosAbove)),
                median(perRound(rc, ra, Measured::serverMicrosAbove)),
                median(perRound(rControl, ra, Measured::serverMicrosAbove)));
        out.printf(Locale.ROOT, "Throughput ratios (median of rounds): b/a = %.3f (target >= 0.90), c/a = %.3f "
                + "(target >= 0.85); control a'/a = %.3f (1 would be a perfect rig; it spans %.3f to %.3f)%n",
                median(bOverA), median(cOverA), median(controlOverA),
                Arrays.stream(controlOverA).min().orElse(0), Arrays.stream(controlOverA).max().orElse(0));
        out.printf(Locale.ROOT, "Ratios of the medians: b/a = %.3f, c/a = %.3f, a'/a = %.3f%n",
                bMedian / aMedian, cMedian / aMedian, median(rControl, Measured::throughput) / aMedian);
        out.println();

        int upstream = upstreamCalls(scenarios);
        out.printf(Locale.ROOT, "Upstream token calls for %s seen by the emulator: %d for the %d users (expected %d: "
                        + "%d users x 1 slug x 2 WARs, separate caches); emulator requests in total: %d, "
                        + "JWKS fetches: %d%n",
                SLUG, upstream, callers.size(), 2 * callers.size(), callers.size(), emulator.calls(),
                emulator.jwksCalls());
        out.println(errors == 0 ? "No errors." : "ERRORS: " + errors);
        return errors;
    }

    /**
     * Token churn: the emulator's tokens expire every couple of minutes, so that each user's cached
     * token is replaced every half of its time in the cache, and the {@code @VendoUser} endpoint is
     * measured against the bare one in the same rounds on the same server: (a) the bare endpoint, (b)
     * the token endpoint (refreshing ahead, as configured by default), and (b0) a copy with {@code
     * vendo.refresh-ahead=0}, where the first read after a token's last moment waits for a new one.
     * Each token lookup takes {@code --upstream-delay}, as a credentials worker across the internet
     * would. Reports p50, p99, p99.9 and the maximum latency, the requests that took at least one
     * lookup, the p99 ratios to (a), and the upstream calls of each token WAR (its own users) with the
     * shortest gap between two calls of one user: a second call for one refresh would follow the first
     * within milliseconds.
     */
    private long measureChurn() throws Exception {
        startEmulator(VendoEmulator.builder().tokenLifetime(options.tokenLifetime()));
        Duration delay = options.upstreamDelay();
        if (!delay.isZero()) {
            emulator.inject(Fault.delay(delay)).onSlug(SLUG).always();
        }
        Duration served = options.tokenLifetime().minus(CREDENTIALS_MARGIN);
        Duration halfway = served.dividedBy(2);
        Duration pause = options.duration().multipliedBy(2);
        if (pause.compareTo(served.minus(halfway)) >= 0) {
            out.println("WARNING: each scenario pauses " + pause.toSeconds() + " s between its rounds, not less than"
                    + " a token's refresh window of " + served.minus(halfway).toSeconds() + " s: some tokens will"
                    + " pass their last moment unread; shorten -Dvendo.load.duration or lengthen the lifetime");
        }
        Path dir = warDirectory();
        Path bareWar = bareCopy(dir, BARE);
        Path refreshWar = copy(dir, NO_VERIFY);
        Path noRefreshWar = copy(dir, NO_REFRESH);
        addConfig(noRefreshWar, "vendo.refresh-ahead=0\n");
        String base = startWildFly(List.of(bareWar, refreshWar, noRefreshWar));
        URI barePing = URI.create(base + BARE + "/api/ping");
        URI token = URI.create(base + NO_VERIFY + "/api/token");
        URI tokenNoRefresh = URI.create(base + NO_REFRESH + "/api/token");
        long errors = checkBareRunsNoVendoCode(barePing);

        // Each token WAR has users of its own, so that the emulator's record tells their calls apart.
        List<LoadDriver.Caller> refreshing = callers("churn-user-");
        List<LoadDriver.Caller> waiting = callers("churn-wait-user-");
        out.printf(Locale.ROOT, "Token churn: tokens live %d s, served for %d s, refreshed by reads from %d s (%s) "
                        + "or fetched anew after %d s (%s); each token lookup takes %d ms%n",
                options.tokenLifetime().toSeconds(), served.toSeconds(), halfway.toSeconds(), NO_VERIFY,
                served.toSeconds(), NO_REFRESH, delay.toMillis());
        List<Scenario> scenarios = List.of(
                new Scenario("a ping (bare WAR)", barePing, refreshing, PONG),
                new Scenario("b token (refresh ahead)", token, refreshing, null),
                new Scenario("b0 token (refresh-ahead 0)", tokenNoRefresh, waiting, null));
        Map<String, List<Measured>> results = new LinkedHashMap<>();
        errors += rounds(scenarios, results, delay);

        List<Measured> ra = results.get(scenarios.get(0).name());
        List<Measured> rb = results.get(scenarios.get(1).name());
        List<Measured> rb0 = results.get(scenarios.get(2).name());
        out.println();
        out.printf(Locale.ROOT, "%-28s %8s %8s %9s %8s %9s %11s%n", "scenario", "p50 ms", "p99 ms", "p99.9 ms",
                "max ms", "req/s", delay.isZero() ? "" : ">= " + delay.toMillis() + " ms");
        for (Scenario s : scenarios) {
            List<Measured> r = results.get(s.name());
            out.printf(Locale.ROOT, "%-28s %8.2f %8.2f %9.2f %8.2f %9.0f %11s%n", s.name(),
                    median(r, m -> m.result().p50Micros()) / 1000.0, median(r, m -> m.result().p99Micros()) / 1000.0,
                    median(r, m -> m.result().p999Micros()) / 1000.0, max(r, m -> m.result().maxMicros()) / 1000.0,
                    median(r, Measured::throughput),
                    delay.isZero() ? "" : String.valueOf((long) sum(r, m -> m.result().slowRequests())));
        }
        out.println("(p50, p99, p99.9, req/s: median of rounds; max: of all rounds"
                + (delay.isZero() ? "" : "; last column: requests that took at least one token lookup, all rounds")
                + ")");
        double[] bOverA = perRound(rb, ra, Measured::p99Over);
        double[] b0OverA = perRound(rb0, ra, Measured::p99Over);
        out.printf(Locale.ROOT, "p99 (b)/(a) = %.3f (median of per-round ratios, target <= 1.20; per round %s), "
                        + "ratio of the medians %.3f%n", median(bOverA), Arrays.toString(round3(bOverA)),
                median(rb, m -> m.result().p99Micros()) / median(ra, m -> m.result().p99Micros()));
        out.printf(Locale.ROOT, "p99 (b0)/(a) = %.3f (refresh-ahead 0: the first read after a token's last moment"
                + " waits for a new one)%n", median(b0OverA));
        out.printf(Locale.ROOT, "max (b) %.2f ms, max (b0) %.2f ms, max (a) %.2f ms%n",
                max(rb, m -> m.result().maxMicros()) / 1000.0, max(rb0, m -> m.result().maxMicros()) / 1000.0,
                max(ra, m -> m.result().maxMicros()) / 1000.0);
        out.println();

        Duration duplicate = halfway.multipliedBy(9).dividedBy(10);
        UpstreamCalls refreshCalls = UpstreamCalls.of(tokenCallTimes(refreshing), duplicate);
        UpstreamCalls waitCalls = UpstreamCalls.of(tokenCallTimes(waiting), duplicate);
        out.println("Upstream token calls (b, refresh ahead): " + refreshCalls.describe());
        out.println("Upstream token calls (b0, refresh-ahead 0): " + waitCalls.describe());
        if (refreshCalls.closeCalls() > 0) {
            out.println("ERROR: " + refreshCalls.closeCalls() + " call(s) in (b) came within " + duplicate.toSeconds()
                    + " s of the previous call for the same user: more than one upstream call for one refresh");
            errors++;
        }
        out.println(errors == 0 ? "No errors." : "ERRORS: " + errors);
        return errors;
    }

    /** Per user: when the emulator received each of the user's token calls for {@link #SLUG}, in order. */
    private Map<String, List<Instant>> tokenCallTimes(List<LoadDriver.Caller> callers) {
        Map<String, List<Instant>> times = new LinkedHashMap<>();
        callers.forEach(c -> times.put(c.userId(), new ArrayList<>()));
        for (RecordedRequest r : emulator.requests()) {
            List<Instant> user = r.identity() == null ? null : times.get(r.identity());
            if (user != null && r.path().equals("/credentials/" + SLUG)) {
                user.add(r.receivedAt());
            }
        }
        return times;
    }

    /**
     * One token WAR's upstream calls under churn: per user, a first fetch and then one call per
     * refresh; a call sooner than {@code duplicate} after the user's previous one is a second call
     * for one refresh.
     *
     * @param users the users
     * @param calls all their token calls
     * @param refreshes calls after each user's first
     * @param fewestPerUser the fewest calls of one user
     * @param mostPerUser the most calls of one user
     * @param shortestGap the shortest time between two calls of one user, or null with fewer than two
     * @param closeCalls calls sooner than {@code duplicate} after the user's previous one
     */
    record UpstreamCalls(int users, int calls, int refreshes, int fewestPerUser, int mostPerUser, Duration shortestGap,
            int closeCalls) {

        static UpstreamCalls of(Map<String, List<Instant>> callsByUser, Duration duplicate) {
            int calls = 0;
            int fewest = Integer.MAX_VALUE;
            int most = 0;
            int close = 0;
            int refreshes = 0;
            Duration shortest = null;
            for (List<Instant> times : callsByUser.values()) {
                List<Instant> sorted = times.stream().sorted().toList();
                calls += sorted.size();
                refreshes += Math.max(0, sorted.size() - 1);
                fewest = Math.min(fewest, sorted.size());
                most = Math.max(most, sorted.size());
                for (int i = 1; i < sorted.size(); i++) {
                    Duration gap = Duration.between(sorted.get(i - 1), sorted.get(i));
                    shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
                    if (gap.compareTo(duplicate) < 0) {
                        close++;
                    }
                }
            }
            return new UpstreamCalls(callsByUser.size(), calls, refreshes, callsByUser.isEmpty() ? 0 : fewest, most,
                    shortest, close);
        }

        String describe() {
            return String.format(Locale.ROOT, "%d = %d users x 1 slug x %.2f token lifetimes on average (%d first "
                            + "fetches + %d refreshes; %d to %d calls per user); shortest gap between two calls of one "
                            + "user %s; calls for a refresh already made: %d", calls, users,
                    users == 0 ? 0.0 : (double) calls / users, users, refreshes, fewestPerUser, mostPerUser,
                    shortestGap == null ? "none"
                            : String.format(Locale.ROOT, "%.1f s", shortestGap.toMillis() / 1000.0), closeCalls);
        }
    }

    private static double[] round3(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray();
    }

    static double sum(List<Measured> rounds, ToDoubleFunction<Measured> value) {
        return rounds.stream().mapToDouble(value).sum();
    }

    static double max(List<Measured> rounds, ToDoubleFunction<Measured> value) {
        return rounds.stream().mapToDouble(value).max().orElse(0);
    }

    private void startEmulator(VendoEmulator.Builder builder) {
        emulator = builder.port(options.emulatorPort()).start();
        emulator.autoConnect(SLUG);
        out.println("Vendo emulator running on " + emulator.baseUrl());
    }

    private Path warDirectory() throws IOException {
        Path dir = options.workDir().resolve("load");
        Files.createDirectories(dir);
        return dir;
    }

    /** A copy of the application, deployed as {@code /name}. */
    private Path copy(Path dir, String name) throws IOException {
        Path war = dir.resolve(name + ".war");
        Files.copy(options.war(), war, StandardCopyOption.REPLACE_EXISTING);
        return war;
    }

    /** A copy with the identity filter switched off: no Vendo code runs per request. */
    private Path bareCopy(Path dir, String name) throws IOException {
        Path war = copy(dir, name);
        addWebXml(war, FILTER_OFF_WEB_XML);
        return war;
    }

    /**
     * Deploys these applications only, starts WildFly and waits until each answers its ping.
     *
     * @return the server's base URL, with a trailing slash
     */
    private String startWildFly(List<Path> wars) throws Exception {
        Files.createDirectories(wildfly.deployments());
        try (DirectoryStream<Path> old = Files.newDirectoryStream(wildfly.deployments(), "*.war*")) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        }
        for (Path war : wars) {
            wildfly.deploy(war);
        }
        // Shared by the WARs: the key and the emulator's URLs; never VENDO_JWT_* (the caller's VENDO_* are dropped).
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("VENDO_API_KEY", emulator.apiKey());
        settings.put("VENDO_BASE_URL", emulator.baseUrl());
        settings.put("VENDO_CREDENTIALS_URL", emulator.credentialsUrl());
        if (options.cacheSize() > 0) {
            settings.put("VENDO_CACHE_SIZE", String.valueOf(options.cacheSize()));
        }
        Map<String, String> env = WildFlyServer.environment(System.getenv(), settings, false,
                System.getProperty("java.home"), options.heap());
        env.remove("JDK_JAVA_OPTIONS");
        if (!options.serverJvmOptions().isBlank()) {
            env.put("JDK_JAVA_OPTIONS", options.serverJvmOptions());
        }
        long started = System.nanoTime();
        wildfly.start(env);
        out.println("Starting WildFly on http://" + WildFlyServer.BIND_ADDRESS + ":" + wildfly.httpPort()
                + " (console: " + wildfly.consoleLog() + ") ...");
        String base = "http://" + WildFlyServer.BIND_ADDRESS + ":" + wildfly.httpPort() + "/";
        List<String> names = new ArrayList<>();
        try {
            for (Path war : wars) {
                String name = war.getFileName().toString().replaceFirst("\\.war$", "");
                names.add("/" + name);
                wildfly.awaitReady(URI.create(base + name + "/api/ping"), PONG, options.startupTimeout(),
                        stopping::get);
            }
        } catch (WildFlyServer.StartupFailure e) {
            out.println("WildFly did not start: " + e.getMessage());
            out.println(wildfly.consoleTail(40));
            throw new IllegalStateException("WildFly did not start: " + e.getMessage());
        }
        out.printf(Locale.ROOT, "WildFly up with %s in %.1f s%n", String.join(", ", names),
                (System.nanoTime() - started) / 1e9);
        return base;
    }

    /** The bare WAR must run no Vendo code: a token that is not even a JWT passes its filter. */
    private long checkBareRunsNoVendoCode(URI barePing) throws IOException, InterruptedException {
        int bareStatus = status(barePing, "not-a-jwt");
        if (bareStatus != 200) {
            out.println("ERROR: /" + BARE + " answered " + bareStatus
                    + " to a malformed JWT, expected 200 (filter off)");
            return 1;
        }
        return 0;
    }

    /** The users to rotate through, each with a JWT and the token the emulator serves them. */
    private List<LoadDriver.Caller> callers(String prefix) {
        return callers(prefix, options.users());
    }

    private List<LoadDriver.Caller> callers(String prefix, int count) {
        List<LoadDriver.Caller> callers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            callers.add(new LoadDriver.Caller(id, emulator.mintUserJwt(id), emulator.user(id).token(SLUG)));
        }
        return callers;
    }

    /** The users of the warm-up, apart from the measured ones. */
    static final int WARM_UP_USERS = 50;

    /** A scenario: an endpoint, the users whose JWTs its requests carry, and the body expected (null: the token). */
    record Scenario(String name, URI url, List<LoadDriver.Caller> callers, String body) {
    }

    /**
     * Warm-up, then the measured rounds, each round running every scenario in turn, so that a slow
     * spell of a shared machine hits every scenario; prints a line per measured round and scenario.
     *
     * @param results filled with the measured rounds of each scenario, by name
     * @param slow requests that take at least this long are counted (zero: not counted)
     * @return the failed requests
     */
    private long rounds(List<Scenario> scenarios, Map<String, List<Measured>> results, Duration slow)
            throws Exception {
        long errors = 0;
        out.printf(Locale.ROOT, "%d users, %d keep-alive connections, warm-up %d s, %d round(s) of %d s per "
                        + "scenario, vendo.cache-size %s%n", options.users(), options.connections(),
                options.warmup().toSeconds(), options.rounds(), options.duration().toSeconds(),
                options.cacheSize() == 0 ? "default" : String.valueOf(options.cacheSize()));
        scenarios.forEach(s -> results.put(s.name(), new ArrayList<>()));
        try (LoadDriver driver = new LoadDriver(options.connections(), slow)) {
            // Warm-up in interleaved rounds too, so that every path is compiled before anything counts, with
            // users of its own: the measured users' first touch is then measured by itself, on a warm server.
            List<LoadDriver.Caller> warmupUsers = callers("warm-up-user-", WARM_UP_USERS);
            for (int round = 1; round <= options.warmupRounds(); round++) {
                for (Scenario s : scenarios) {
                    LoadDriver.Result r = driver.run(s.name(), s.url(), s.callers().isEmpty() ? List.of()
                            : warmupUsers, s.body(), options.duration());
                    out.printf(Locale.ROOT, "warm-up %d %-32s %8.0f req/s, %d errors%n", round, s.name(),
                            r.throughput(), r.errors());
                    errors += report(r);
                }
            }
            out.println();
            long heapBefore = wildfly.heapAfterFullGc(Path.of(System.getProperty("java.home")));
            errors += firstTouch(driver, scenarios);
            out.println();
            int upstreamBefore = upstreamCalls(scenarios);
            long checksBefore = signatureChecks();
            out.printf(Locale.ROOT, "%-9s %-28s %9s %8s %7s %7s %8s %6s %11s %11s %7s%n", "round", "scenario",
                    "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "server µs/r", "driver µs/r",
                    "users");
            for (int round = 1; round <= options.rounds(); round++) {
                for (Scenario s : scenarios) {
                    Duration serverBefore = wildfly.cpuTime();
                    long driverBefore = harnessCpuNanos();
                    LoadDriver.Result r = driver.run(s.name(), s.url(), s.callers(), s.body(), options.duration());
                    Measured m = new Measured(r, perRequestMicros(wildfly.cpuTime().minus(serverBefore).toNanos(), r),
                            perRequestMicros(harnessCpuNanos() - driverBefore, r));
                    results.get(s.name()).add(m);
                    out.printf(Locale.ROOT, "%-9s %-28s %9d %8.0f %7.2f %7.2f %8.2f %6d %11.1f %11.1f %7d%n",
                            "round " + round, s.name(), r.requests(), r.throughput(), r.p50Micros() / 1000.0,
                            r.p99Micros() / 1000.0, r.maxMicros() / 1000.0, r.errors(), m.serverMicros(),
                            m.driverMicros(), r.callersVisited());
                    out.flush();
                    errors += report(r);
                }
            }
            int during = upstreamCalls(scenarios) - upstreamBefore;
            out.printf(Locale.ROOT, "Upstream token calls during the measured rounds: %d (%.2f per 1,000 token "
                            + "requests)%n", during,
                    1000.0 * during / Math.max(1, tokenRequests(scenarios, results)));
            long checks = signatureChecks() - checksBefore;
            if (signatureChecks != null) {
                long verified = results.get(VERIFIED_SCENARIO).stream().mapToLong(m -> m.result().requests()).sum();
                out.printf(Locale.ROOT, "Signature checks during the measured rounds: %d (%.2f per 1,000 requests "
                        + "of c)%n", checks, 1000.0 * checks / Math.max(1, verified));
            }
            // Tokens outlive the standard run; while every cache holds every user, the rounds need no first touch.
            long bound = options.cacheSize() > 0 ? options.cacheSize() : VendoClientBuilder.DEFAULT_CACHE_SIZE;
            if (options.scenario() == LoadOptions.Scenario.STANDARD && options.users() + WARM_UP_USERS <= bound
                    && (during > 0 || checks > 0)) {
                out.println("ERROR: the caches hold every user (vendo.cache-size " + bound + "), yet the rounds made "
                        + during + " upstream call(s) and " + checks + " signature check(s)");
                errors++;
            }
            long heapAfter = wildfly.heapAfterFullGc(Path.of(System.getProperty("java.home")));
            out.printf(Locale.ROOT, "Server heap after a full GC: %.1f MB after the warm-up, %.1f MB after the rounds "
                            + "(%.1f MB more: %.0f KB per 1,000 users, their state in both token WARs)%n",
                    heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1e6,
                    (heapAfter - heapBefore) / 1e3 / options.users() * 1000);
        }
        return errors;
    }

    /**
     * The first touch of every user, after the warm-up: each token scenario sends one request per
     * user (a token fetch and, where verification is on, a signature check each), timed and costed
     * as its own figure; then the emulator's count is checked against users x WARs, and the verify
     * copy's signature checks against the users.
     */
    private long firstTouch(LoadDriver driver, List<Scenario> scenarios) throws Exception {
        long errors = 0;
        List<Scenario> tokenScenarios = scenarios.stream().filter(s -> s.body() == null).toList();
        long checksBefore = signatureChecks();
        for (Scenario s : tokenScenarios) {
            Duration serverBefore = wildfly.cpuTime();
            LoadDriver.Result r = driver.visitEach(s.name(), s.url(), s.callers(), s.body());
            double serverMicros = perRequestMicros(wildfly.cpuTime().minus(serverBefore).toNanos(), r);
            out.printf(Locale.ROOT, "first touch %-28s %d users in %.1f s: p50 %.2f ms, p99 %.2f ms, server %.1f µs "
                            + "per new user, %d errors%n", s.name(), r.callersVisited(), r.seconds(),
                    r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, serverMicros, r.errors());
            errors += report(r);
        }
        int expected = tokenScenarios.stream().mapToInt(s -> s.callers().size()).sum();
        int upstream = upstreamCalls(scenarios);
        out.printf(Locale.ROOT, "Upstream token calls after the first touch: %d (expected %d: users x 1 slug x %d "
                + "WARs)%n", upstream, expected, tokenScenarios.size());
        if (upstream != expected) {
            out.println("ERROR: the first touch made " + upstream + " upstream calls, expected " + expected);
            errors++;
        }
        if (signatureChecks != null) {
            long checks = signatureChecks() - checksBefore;
            out.printf(Locale.ROOT, "Signature checks in the first touch: %d (expected %d, one per user)%n", checks,
                    options.users());
            if (checks != options.users()) {
                out.println("ERROR: the first touch made " + checks + " signature checks, expected " + options.users());
                errors++;
            }
        }
        return errors;
    }

    /** The verify WAR's signature checks so far, or 0 when there is none. */
    private long signatureChecks() throws IOException, InterruptedException {
        if (signatureChecks == null) {
            return 0;
        }
        HttpResponse<String> response = get(signatureChecks, null, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(signatureChecks + " answered " + response.statusCode());
        }
        return Long.parseLong(response.body().strip());
    }

    /** The token calls the emulator saw for the users of the token scenarios (each user counted once). */
    private int upstreamCalls(List<Scenario> scenarios) {
        return scenarios.stream().filter(s -> s.body() == null).flatMap(s -> s.callers().stream())
                .map(LoadDriver.Caller::userId).distinct()
                .mapToInt(user -> emulator.tokenCalls(user, SLUG)).sum();
    }

    private static long tokenRequests(List<Scenario> scenarios, Map<String, List<Measured>> results) {
        return scenarios.stream().filter(s -> s.body() == null)
                .flatMap(s -> results.get(s.name()).stream()).mapToLong(m -> m.result().requests()).sum();
    }

    /** One measured round of a scenario: what the driver saw, and CPU time per request. */
    record Measured(LoadDriver.Result result, double serverMicros, double driverMicros) {

        double throughput() {
            return result.throughput();
        }

        /** This round's requests per second as a share of the baseline's round. */
        double throughputOver(Measured baseline) {
            return throughput() / baseline.throughput();
        }

        /** This round's p99 latency as a multiple of the baseline's round's. */
        double p99Over(Measured baseline) {
            return (double) result.p99Micros() / baseline.result().p99Micros();
        }

        /** The server CPU per request this round adds over the baseline's round. */
        double serverMicrosAbove(Measured baseline) {
            return serverMicros - baseline.serverMicros();
        }
    }

    /** One value per round, from a scenario's round and the baseline's round of the same number. */
    static double[] perRound(List<Measured> scenario, List<Measured> baseline,
            ToDoubleBiFunction<Measured, Measured> value) {
        double[] values = new double[scenario.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.applyAsDouble(scenario.get(i), baseline.get(i));
        }
        return values;
    }

    private static double perRequestMicros(long cpuNanos, LoadDriver.Result r) {
        return r.requests() == 0 ? 0 : cpuNanos / 1000.0 / r.requests();
    }

    /** CPU time of this JVM: the load driver's threads and the emulator. */
    private static long harnessCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double median(List<Measured> rounds, ToDoubleFunction<Measured> value) {
        return median(rounds.stream().mapToDouble(value).toArray());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private long report(LoadDriver.Result r) {
        for (String e : r.sampleErrors()) {
            out.println("  error in " + r.name() + ": " + e);
        }
        return r.errors();
    }

    private static int status(URI url, String jwt) throws IOException, InterruptedException {
        return get(url, jwt, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One GET outside the load, with the JWT as Vendo's proxy sends it, or none when {@code jwt} is null. */
    private static <T> HttpResponse<T> get(URI url, String jwt, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET();
        if (jwt != null) {
            request.header("X-Vendo-User-JWT", jwt);
        }
        return client.send(request.build(), body);
    }

    /** A deployment descriptor that switches the identity filter off, and nothing else. */
    static final String FILTER_OFF_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <context-param>
                <param-name>%s</param-name>
                <param-value>false</param-value>
              </context-param>
            </web-app>
            """.formatted(VendoIdentityFilter.PARAM_NAME_FILTER_ENABLED);

    /** Adds (or replaces) a WAR's {@code WEB-INF/web.xml}. */
    static void addWebXml(Path war, String webXml) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(war)) {
            Files.writeString(zip.getPath("/WEB-INF/web.xml"), webXml, StandardCharsets.UTF_8);
        }
    }

    /** Adds {@code WEB-INF/classes/META-INF/microprofile-config.properties} to a WAR (replacing any). */
    static void addConfig(Path war, String properties) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(war)) {
            Path file = zip.getPath("/WEB-INF/classes/META-INF/microprofile-config.properties");
            Files.createDirectories(file.getParent());
            Files.writeString(file, properties, StandardCharsets.UTF_8);
        }
    }

    /** Stops WildFly, then the emulator; once. */
    void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            if (wildfly != null) {
                out.println("Stopping WildFly ...");
                out.flush();
                boolean graceful = wildfly.stop(Duration.ofSeconds(60));
                out.println(graceful ? "WildFly stopped." : "WildFly did not stop in 60 s: killed.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException | NullPointerException notStarted) {
            // never started
        } finally {
            if (emulator != null) {
                emulator.close();
                out.println("Vendo emulator stopped.");
            }
            out.flush();
        }
    }
}
