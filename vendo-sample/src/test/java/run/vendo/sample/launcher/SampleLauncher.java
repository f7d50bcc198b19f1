package run.vendo.sample.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import run.vendo.sample.PingResource;
import run.vendo.testing.VendoEmulator;

/**
 * Runs the sample: a {@link VendoEmulator} in this JVM, WildFly as a child process with the WAR
 * and the environment pointing at the emulator; prints curl lines once the application answers, and
 * on Ctrl-C (JVM shutdown) stops WildFly, then the emulator.
 *
 * <p>Started by the {@code run} profile ({@code ./mvnw -B -q -pl vendo-sample -am verify -Prun
 * -DskipTests}) through {@code exec:java}, so it lives in the Maven JVM: the shutdown hook that stops
 * WildFly runs when Maven is interrupted.
 */
public final class SampleLauncher {

    /** The user the printed JWT is minted for. */
    static final String DEMO_USER = "demo-user";

    /** The providers the emulator connects for every identity. */
    static final String[] CONNECTED = {"google", "notion", "openai", "slack"};

    private final LauncherOptions options;
    private final PrintStream out;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private VendoEmulator emulator;
    private WildFlyServer wildfly;

    SampleLauncher(LauncherOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Entry point.
     *
     * @param args {@code --name=value} options, see {@link LauncherOptions}
     * @throws Exception when the sample cannot start, or WildFly stops on its own
     */
    public static void main(String[] args) throws Exception {
        new SampleLauncher(LauncherOptions.parse(args), System.out).run();
    }

    /** The settings WildFly's environment gets to use the emulator: MicroProfile Config maps them to vendo.*. */
    static Map<String, String> vendoEnvironment(VendoEmulator emulator) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VENDO_API_KEY", emulator.apiKey());
        env.put("VENDO_BASE_URL", emulator.baseUrl());
        env.put("VENDO_CREDENTIALS_URL", emulator.credentialsUrl());
        env.put("VENDO_JWT_JWKS_URL", emulator.jwksUrl());
        env.put("VENDO_JWT_ISSUER", emulator.issuer());
        env.put("VENDO_JWT_AUDIENCES", VendoEmulator.AUDIENCE);
        return env;
    }

    String appUrl() {
        String war = options.war().getFileName().toString();
        String context = war.endsWith(".war") ? war.substring(0, war.length() - 4) : war;
        return "http://" + WildFlyServer.BIND_ADDRESS + ":" + wildfly.httpPort() + "/" + context + "/api";
    }

    WildFlyServer wildfly() {
        return wildfly;
    }

    void run() throws Exception {
        if (!Files.isRegularFile(options.wildflyHome().resolve("bin/standalone.sh"))) {
            throw new IllegalStateException("No WildFly in " + options.wildflyHome()
                    + ": run through Maven with -Prun (it unpacks org.wildfly:wildfly-dist)");
        }
        if (!Files.isRegularFile(options.war())) {
            throw new IllegalStateException("No WAR at " + options.war() + ": build it first (mvn package)");
        }
        wildfly = new WildFlyServer(options.wildflyHome(), options.portOffset(),
                options.workDir().resolve("wildfly-console.log"));
        checkPortsFree();

        long started = System.nanoTime();
        Map<String, String> settings = Map.of();
        if (options.emulator()) {
            emulator = VendoEmulator.builder().port(options.emulatorPort()).start();
            emulator.autoConnect(CONNECTED);
            settings = vendoEnvironment(emulator);
            out.println("Vendo emulator running on " + emulator.baseUrl());
        } else if (System.getenv("VENDO_API_KEY") == null) {
            out.println("No emulator and no VENDO_API_KEY in the environment: the application runs in OSS mode.");
        }
        wildfly.deploy(options.war());
        Thread hook = new Thread(this::shutdown, "vendo-sample-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        wildfly.start(WildFlyServer.environment(System.getenv(), settings, !options.emulator(),
                System.getProperty("java.home"), options.heap()));
        out.println("Starting WildFly on http://" + WildFlyServer.BIND_ADDRESS + ":" + wildfly.httpPort()
                + " (console: " + wildfly.consoleLog() + ") ...");
        out.flush();

        try {
            wildfly.awaitReady(URI.create(appUrl() + "/ping"), PingResource.PONG, options.startupTimeout(),
                    stopping::get);
        } catch (WildFlyServer.StartupFailure e) {
            removeHookOrWaitForShutdown(hook);
            out.println("WildFly did not start: " + e.getMessage());
            out.println("Last lines of " + wildfly.consoleLog() + ":");
            out.println(wildfly.consoleTail(40));
            shutdown();
            throw new IllegalStateException("The sample did not start: " + e.getMessage());
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - started);

        String jwt = emulator != null ? emulator.mintUserJwt(DEMO_USER) : null;
        Banner.Info info = new Banner.Info(appUrl(), emulator != null ? emulator.baseUrl() : null,
                emulator != null ? emulator.apiKey() : null, emulator != null ? DEMO_USER : null, jwt,
                wildfly.home(), wildfly.serverLog(), wildfly.consoleLog(), startup);
        if (jwt != null) {
            selfCheck(jwt);
        }
        Banner.print(info, out);

        int exit = wildfly.waitFor();
        removeHookOrWaitForShutdown(hook);
        shutdown();
        throw new IllegalStateException("WildFly stopped on its own (exit code " + exit + "); see "
                + wildfly.serverLog());
    }

    /**
     * Takes back the shutdown hook, to stop things from this thread; or, when the hook already runs
     * (Ctrl-C), blocks: the JVM ends once the hook has stopped everything.
     */
    private void removeHookOrWaitForShutdown(Thread hook) throws InterruptedException {
        if (!stopping.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                return;
            } catch (IllegalStateException shutdownInProgress) {
                // fall through
            }
        }
        Thread.currentThread().join();
    }

    /** One call through the whole chain (filter, JWKS, producer, emulator) before telling the user it works. */
    private void selfCheck(String jwt) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(appUrl() + "/calendar"))
                .timeout(Duration.ofSeconds(30)).header("X-Vendo-User-JWT", jwt).GET().build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                out.println("WARNING: the self-check GET /api/calendar answered " + response.statusCode() + " "
                        + response.headers().firstValue("Vendo-Error-Code").orElse("") + "; see "
                        + wildfly.serverLog());
            }
        } catch (IOException e) {
            out.println("WARNING: the self-check GET /api/calendar failed: " + e);
        }
    }

    private void checkPortsFree() {
        List<Integer> ports = new ArrayList<>(wildfly.ports());
        if (options.emulator()) {
            ports.add(options.emulatorPort());
        }
        List<Integer> busy = ports.stream().filter(SampleLauncher::inUse).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Port(s) " + busy + " on 127.0.0.1 are in use (another WildFly, or an "
                    + "earlier run still going?). Free them, or move WildFly with -Dvendo.sample.port-offset=100 "
                    + "and the emulator with -Dvendo.sample.emulator-port=8788.");
        }
    }

    static boolean inUse(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getByName(WildFlyServer.BIND_ADDRESS)).close();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Stops WildFly, then the emulator. Runs once: from the shutdown hook (Ctrl-C) or after a failure. */
    void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            if (wildfly != null) {
                out.println();
                out.println("Stopping WildFly ...");
                out.flush();
                boolean graceful = wildfly.stop(Duration.ofSeconds(60));
                out.println(graceful ? "WildFly stopped." : "WildFly did not stop in 60 s: killed.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (emulator != null) {
                emulator.close();
                out.println("Vendo emulator stopped.");
            }
            out.flush();
        }
    }
}
