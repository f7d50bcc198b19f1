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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import run.vendo.jakarta.VendoIdentityFilter;
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
 * a warm-up), so that a slow spell of a shared machine hits every scenario. Prints per round and
 * scenario the requests, requests/s, p50 and p99 latency, errors and the CPU time per request of the
 * server and of this JVM; then the medians, the ratios b/a, c/a and a′/a (a′/a would be 1 on a
 * perfect rig), and the upstream token calls the emulator saw. Stops WildFly and the emulator; fails
 * (non-zero exit of Maven) on any error.
 */
public final class LoadHarness {

    static final String SLUG = "google";
    static final String BARE = "bench-bare";
    /** A second bare copy: its ratio to the first shows what the rig can resolve on this machine. */
    static final String CONTROL = "bench-bare2";
    static final String NO_VERIFY = "bench-noverify";
    static final String VERIFY = "bench-verify";
    /** What the application's {@code GET /api/ping} answers. */
    static final String PONG = "pong";

    private final LoadOptions options;
    private final PrintStream out;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private VendoEmulator emulator;
    private WildFlyServer wildfly;

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
            errors = measure();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs already
            }
            shutdown();
        }
        if (errors > 0) {
            throw new IllegalStateException(errors + " request(s) failed; see " + wildfly.serverLog());
        }
    }

    private long measure() throws Exception {
        emulator = VendoEmulator.builder().port(options.emulatorPort()).start();
        emulator.autoConnect(SLUG);
        out.println("Vendo emulator running on " + emulator.baseUrl());

        Path dir = options.workDir().resolve("load");
        Files.createDirectories(dir);
        Path bareWar = dir.resolve(BARE + ".war");
        Path noVerifyWar = dir.resolve(NO_VERIFY + ".war");
        Path verifyWar = dir.resolve(VERIFY + ".war");
        Path controlWar = dir.resolve(CONTROL + ".war");
        Files.copy(options.war(), bareWar, StandardCopyOption.REPLACE_EXISTING);
        addWebXml(bareWar, FILTER_OFF_WEB_XML);
        Files.copy(bareWar, controlWar, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(options.war(), noVerifyWar, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(options.war(), verifyWar, StandardCopyOption.REPLACE_EXISTING);
        addConfig(verifyWar, "vendo.jwt.jwks-url=" + emulator.jwksUrl() + "\n"
                + "vendo.jwt.issuer=" + emulator.issuer() + "\n"
                + "vendo.jwt.audiences=" + VendoEmulator.AUDIENCE + "\n");

        // Only these four applications in the server.
        Files.createDirectories(wildfly.deployments());
        try (DirectoryStream<Path> old = Files.newDirectoryStream(wildfly.deployments(), "*.war*")) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        }
        wildfly.deploy(bareWar);
        wildfly.deploy(controlWar);
        wildfly.deploy(noVerifyWar);
        wildfly.deploy(verifyWar);

        // Shared by both WARs: the key and the emulator's URLs; never VENDO_JWT_* (the caller's VENDO_* are dropped).
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("VENDO_API_KEY", emulator.apiKey());
        settings.put("VENDO_BASE_URL", emulator.baseUrl());
        settings.put("VENDO_CREDENTIALS_URL", emulator.credentialsUrl());
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
        URI ping = URI.create(base + NO_VERIFY + "/api/ping");
        URI barePing = URI.create(base + BARE + "/api/ping");
        URI controlPing = URI.create(base + CONTROL + "/api/ping");
        URI token = URI.create(base + NO_VERIFY + "/api/token");
        URI verifiedToken = URI.create(base + VERIFY + "/api/token");
        try {
            wildfly.awaitReady(ping, PONG, options.startupTimeout(), stopping::get);
            wildfly.awaitReady(barePing, PONG, options.startupTimeout(), stopping::get);
            wildfly.awaitReady(controlPing, PONG, options.startupTimeout(), stopping::get);
            wildfly.awaitReady(URI.create(base + VERIFY + "/api/ping"), PONG,
                    options.startupTimeout(), stopping::get);
        } catch (WildFlyServer.StartupFailure e) {
            out.println("WildFly did not start: " + e.getMessage());
            out.println(wildfly.consoleTail(40));
            throw new IllegalStateException("WildFly did not start: " + e.getMessage());
        }
        out.printf(Locale.ROOT, "WildFly up with /%s, /%s, /%s and /%s in %.1f s%n", BARE, NO_VERIFY, VERIFY, CONTROL,
                (System.nanoTime() - started) / 1e9);

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
        // The bare WAR must run no Vendo code: a token that is not even a JWT passes its filter.
        int bareStatus = status(barePing, "not-a-jwt");
        if (bareStatus != 200) {
            out.println("ERROR: /" + BARE + " answered " + bareStatus
                    + " to a malformed JWT, expected 200 (filter off)");
            errors++;
        }

        List<LoadDriver.Caller> callers = new ArrayList<>();
        for (int i = 0; i < options.users(); i++) {
            String id = "load-user-" + i;
            callers.add(new LoadDriver.Caller(id, emulator.mintUserJwt(id), emulator.user(id).token(SLUG)));
        }
        out.printf(Locale.ROOT, "%d users, %d keep-alive connections, warm-up %d s, %d round(s) of %d s per "
                        + "scenario%n", options.users(), options.connections(), options.warmup().toSeconds(),
                options.rounds(), options.duration().toSeconds());

        record Scenario(String name, URI url, List<LoadDriver.Caller> callers, String body) {
        }
        List<Scenario> scenarios = List.of(
                new Scenario("a ping (bare WAR)", barePing, callers, PONG),
                new Scenario("b token (no-verify WAR)", token, callers, null),
                new Scenario("c token (verify WAR)", verifiedToken, callers, null),
                new Scenario("a' ping (second bare WAR)", controlPing, callers, PONG));
        Map<String, List<Measured>> results = new LinkedHashMap<>();
        scenarios.forEach(s -> results.put(s.name(), new ArrayList<>()));
        // Warm-up in interleaved rounds too, so that every path is compiled before anything counts.
        try (LoadDriver driver = new LoadDriver(options.connections())) {
            for (int round = 1; round <= options.warmupRounds(); round++) {
                for (Scenario s : scenarios) {
                    LoadDriver.Result r = driver.run(s.name(), s.url(), s.callers(), s.body(), options.duration());
                    out.printf(Locale.ROOT, "warm-up %d %-32s %8.0f req/s, %d errors%n", round, s.name(),
                            r.throughput(), r.errors());
                    errors += report(r);
                }
            }
            out.println();
            out.printf(Locale.ROOT, "%-9s %-28s %9s %8s %7s %7s %6s %11s %11s%n", "round", "scenario", "requests",
                    "req/s", "p50 ms", "p99 ms", "errors", "server µs/r", "driver µs/r");
            for (int round = 1; round <= options.rounds(); round++) {
                for (Scenario s : scenarios) {
                    Duration serverBefore = wildfly.cpuTime();
                    long driverBefore = harnessCpuNanos();
                    LoadDriver.Result r = driver.run(s.name(), s.url(), s.callers(), s.body(), options.duration());
                    Measured m = new Measured(r, perRequestMicros(wildfly.cpuTime().minus(serverBefore).toNanos(), r),
                            perRequestMicros(harnessCpuNanos() - driverBefore, r));
                    results.get(s.name()).add(m);
                    out.printf(Locale.ROOT, "%-9s %-28s %9d %8.0f %7.2f %7.2f %6d %11.1f %11.1f%n", "round " + round,
                            s.name(), r.requests(), r.throughput(), r.p50Micros() / 1000.0, r.p99Micros() / 1000.0,
                            r.errors(), m.serverMicros(), m.driverMicros());
                    out.flush();
                    errors += report(r);
                }
            }
        }

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

        int upstream = 0;
        for (LoadDriver.Caller c : callers) {
            upstream += emulator.tokenCalls(c.userId(), SLUG);
        }
        out.printf(Locale.ROOT, "Upstream token calls for %s seen by the emulator: %d for the %d users (expected %d: "
                        + "%d users x 1 slug x 2 WARs, separate caches); emulator requests in total: %d, "
                        + "JWKS fetches: %d%n",
                SLUG, upstream, callers.size(), 2 * callers.size(), callers.size(), emulator.calls(),
                emulator.jwksCalls());
        out.println(errors == 0 ? "No errors." : "ERRORS: " + errors);
        return errors;
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
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("X-Vendo-User-JWT", jwt).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
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
