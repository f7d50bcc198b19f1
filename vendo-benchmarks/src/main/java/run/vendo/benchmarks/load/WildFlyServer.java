package run.vendo.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One WildFly started with its own script as a child process: {@code bin/standalone.sh -c
 * standalone-microprofile.xml -b 127.0.0.1 -bmanagement 127.0.0.1}, the application copied into
 * {@code standalone/deployments} (the default configuration's deployment scanner deploys it at
 * boot), the console written to a file.
 */
final class WildFlyServer {

    static final String CONFIG = "standalone-microprofile.xml";
    static final String BIND_ADDRESS = "127.0.0.1";
    static final int HTTP_PORT = 8080;
    static final int HTTPS_PORT = 8443;
    static final int MANAGEMENT_PORT = 9990;
    static final int MANAGEMENT_HTTPS_PORT = 9993;

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    /** The first "used NNNK" of {@code GC.heap_info}: the whole heap's, on G1, Parallel and Serial. */
    private static final Pattern HEAP_USED = Pattern.compile("\\bused (\\d+)K");

    private final Path home;
    private final int portOffset;
    private final Path consoleLog;
    private volatile Process process;

    WildFlyServer(Path home, int portOffset, Path consoleLog) {
        this.home = home;
        this.portOffset = portOffset;
        this.consoleLog = consoleLog;
    }

    int httpPort() {
        return HTTP_PORT + portOffset;
    }

    /** Every port the configuration binds on 127.0.0.1 that a second server would clash on. */
    List<Integer> ports() {
        return List.of(HTTP_PORT + portOffset, HTTPS_PORT + portOffset, MANAGEMENT_PORT + portOffset,
                MANAGEMENT_HTTPS_PORT + portOffset);
    }

    /** Whether something listens on {@code port} of 127.0.0.1 already. */
    static boolean inUse(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getByName(BIND_ADDRESS)).close();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    Path home() {
        return home;
    }

    Path consoleLog() {
        return consoleLog;
    }

    Path serverLog() {
        return home.resolve("standalone/log/server.log");
    }

    Path deployments() {
        return home.resolve("standalone/deployments");
    }

    /** The start script's command line. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        if (WINDOWS) {
            command.add("cmd.exe");
            command.add("/c");
            command.add(home.resolve("bin/standalone.bat").toString());
        } else {
            // Through sh: the unpacked script needs no execute permission.
            command.add("sh");
            command.add(home.resolve("bin/standalone.sh").toString());
        }
        command.addAll(List.of("-c", CONFIG, "-b", BIND_ADDRESS, "-bmanagement", BIND_ADDRESS));
        if (portOffset != 0) {
            command.add("-Djboss.socket.binding.port-offset=" + portOffset);
        }
        return command;
    }

    /**
     * The server's environment: the caller's, without what would change how the script starts the
     * server, plus the settings. Secrets go through the environment, never the command line (which
     * {@code ps} shows to every user).
     *
     * @param inherited the caller's environment
     * @param settings the application's settings, e.g. {@code VENDO_API_KEY}
     * @param keepCallerVendo whether the caller's {@code VENDO_*} variables reach the server
     * @param javaHome the Java to run WildFly with
     * @param heap {@code JBOSS_JAVA_SIZING}
     */
    static Map<String, String> environment(Map<String, String> inherited, Map<String, String> settings,
            boolean keepCallerVendo, String javaHome, String heap) {
        Map<String, String> env = new HashMap<>(inherited);
        env.keySet().removeIf(name -> name.equals("JAVA_OPTS") || name.equals("PRESERVE_JAVA_OPTS")
                || name.equals("SERVER_OPTS") || name.equals("MODULE_OPTS") || name.startsWith("JBOSS_")
                || (!keepCallerVendo && name.startsWith("VENDO_")));
        env.put("JAVA_HOME", javaHome);
        env.put("JBOSS_JAVA_SIZING", heap);
        // The script runs the JVM in the background and relays TERM/INT to it: stopping the script stops the server.
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        env.put("NOPAUSE", "true");
        env.putAll(settings);
        return env;
    }

    /** Replaces any earlier copy of the application in {@code standalone/deployments}, markers included. */
    void deploy(Path war) throws IOException {
        String name = war.getFileName().toString();
        Files.createDirectories(deployments());
        try (DirectoryStream<Path> old = Files.newDirectoryStream(deployments(), name + "*")) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        }
        Files.copy(war, deployments().resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    void start(Map<String, String> environment) throws IOException {
        start(command(), environment);
    }

    void start(List<String> command, Map<String, String> environment) throws IOException {
        Files.createDirectories(consoleLog.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(environment);
        process = builder.start();
        process.getOutputStream().close();
    }

    /**
     * Waits until {@code GET ping} answers 200 with {@code expectedBody}.
     *
     * @throws StartupFailure if the server exits, the deployment fails or the time runs out
     */
    void awaitReady(URI ping, String expectedBody, Duration timeout, BooleanSupplier cancelled)
            throws StartupFailure, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new StartupFailure("start cancelled");
            }
            if (!process.isAlive()) {
                throw new StartupFailure("WildFly exited during startup (exit code " + process.exitValue() + ")");
            }
            Path failed = failedMarker();
            if (failed != null) {
                throw new StartupFailure("the deployment failed: " + read(failed), true);
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && expectedBody.equals(response.body().strip())) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new StartupFailure("the application did not answer " + ping + " within " + timeout.toSeconds()
                        + " s");
            }
            Thread.sleep(500);
        }
    }

    /** The scanner's marker of a failed deployment, or null. */
    private Path failedMarker() {
        try (DirectoryStream<Path> failed = Files.newDirectoryStream(deployments(), "*.failed")) {
            for (Path marker : failed) {
                return marker;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * CPU time used so far by the server: its script and every process below it (the JVM).
     *
     * @return the total, or zero before the start
     */
    Duration cpuTime() {
        Process p = process;
        if (p == null) {
            return Duration.ZERO;
        }
        Duration total = p.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : p.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    /**
     * The server's live heap: a full collection ({@code jcmd <pid> GC.run}), then the heap in use
     * ({@code GC.heap_info}), with the {@code jcmd} of the JDK the server runs on.
     *
     * @param javaHome the server's JDK
     * @return bytes in use after the collection
     * @throws IllegalStateException when the server's JVM is not found or {@code jcmd} fails
     */
    long heapAfterFullGc(Path javaHome) throws IOException, InterruptedException {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("WildFly is not running");
        }
        ProcessHandle jvm = p.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java") || c.endsWith("java.exe")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no java process under WildFly's script"));
        String jcmd = javaHome.resolve("bin").resolve(WINDOWS ? "jcmd.exe" : "jcmd").toString();
        jcmd(jcmd, jvm.pid(), "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(jcmd, jvm.pid(), "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("GC.heap_info printed no 'used': " + jvm.pid());
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(String jcmd, long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output.strip());
        }
        return output;
    }

    /** Blocks until the server process ends, and returns its exit code. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Stops the server gracefully (TERM to the JVM and to its script), then forcibly whatever is left
     * after {@code timeout}. Waits for every process of the tree to end.
     *
     * @return true when it stopped within {@code timeout}, false when it had to be killed
     */
    boolean stop(Duration timeout) throws InterruptedException {
        Process p = process;
        if (p == null) {
            return true;
        }
        List<ProcessHandle> tree = p.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        p.destroy();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean graceful = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (ProcessHandle child : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            graceful &= awaitExit(child, left);
        }
        if (!graceful) {
            tree.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle child : tree) {
                awaitExit(child, TimeUnit.SECONDS.toNanos(10));
            }
        }
        return graceful;
    }

    private static boolean awaitExit(ProcessHandle handle, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (handle.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** The last {@code lines} lines of the console log, for an error message. */
    String consoleTail(int lines) {
        try {
            List<String> all = Files.readAllLines(consoleLog, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + consoleLog + ": " + e.getMessage() + ")";
        }
    }

    /** Why the server did not come up. */
    static final class StartupFailure extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean deploymentFailed;

        StartupFailure(String message) {
            this(message, false);
        }

        StartupFailure(String message, boolean deploymentFailed) {
            super(message);
            this.deploymentFailed = deploymentFailed;
        }

        boolean deploymentFailed() {
            return deploymentFailed;
        }
    }
}
