package run.vendo.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The harness's settings, from {@code --name=value} arguments (the {@code load} profile passes them,
 * see the module's pom.xml).
 *
 * @param wildflyHome the unpacked WildFly
 * @param war the application whose copies the harness deploys
 * @param workDir where the harness writes the copies and WildFly's console log ({@code target/})
 * @param portOffset WildFly's {@code jboss.socket.binding.port-offset}: HTTP on 8080 + offset
 * @param emulatorPort the emulator's port on 127.0.0.1
 * @param heap WildFly's heap options ({@code JBOSS_JAVA_SIZING})
 * @param startupTimeout how long to wait for the applications to answer
 * @param connections keep-alive connections, one driver thread each
 * @param warmup warm-up time per scenario, run as interleaved rounds; zero: none
 * @param duration time per scenario and round
 * @param rounds measured rounds
 * @param users users (JWTs) to rotate
 * @param cacheSize the applications' {@code vendo.cache-size}, or 0 for the SDK's default
 * @param serverJvmOptions extra JVM options for WildFly ({@code JDK_JAVA_OPTIONS}), or blank
 * @param scenario what to measure: the four endpoints, or the token-churn comparison
 * @param tokenLifetime the lifetime of the emulator's tokens in the churn scenario
 * @param upstreamDelay how long the emulator takes to answer each token lookup in the churn scenario,
 *     as a credentials worker across the internet would
 */
record LoadOptions(Path wildflyHome, Path war, Path workDir, int portOffset, int emulatorPort, String heap,
        Duration startupTimeout, int connections, Duration warmup, Duration duration, int rounds, int users,
        int cacheSize, String serverJvmOptions, Scenario scenario, Duration tokenLifetime, Duration upstreamDelay) {

    static final int DEFAULT_EMULATOR_PORT = 8787;

    /** What a run measures. */
    enum Scenario {
        /** The bare endpoint, the {@code @VendoUser} one with and without verification, and a control. */
        STANDARD,
        /** The bare and the {@code @VendoUser} endpoint while every user's token expires every few minutes. */
        CHURN
    }

    static LoadOptions parse(String... args) {
        Path wildflyHome = null;
        Path war = null;
        Path workDir = Path.of("target");
        int portOffset = 0;
        int emulatorPort = DEFAULT_EMULATOR_PORT;
        String heap = "-Xms64m -Xmx512m";
        Duration startupTimeout = Duration.ofSeconds(240);
        int connections = 16;
        Duration warmup = Duration.ofSeconds(40);
        Duration duration = Duration.ofSeconds(10);
        int rounds = 6;
        int users = 50;
        int cacheSize = 0;
        String serverJvmOptions = "";
        Scenario scenario = Scenario.STANDARD;
        Duration tokenLifetime = Duration.ofMinutes(2);
        Duration upstreamDelay = Duration.ofMillis(50);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got: " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1).trim();
            switch (name) {
                case "wildfly-home" -> wildflyHome = Path.of(value);
                case "war" -> war = Path.of(value);
                case "work-dir" -> workDir = Path.of(value);
                case "port-offset" -> portOffset = number(name, value, 0, 50000);
                case "emulator-port" -> emulatorPort = number(name, value, 1, 65535);
                case "heap" -> heap = value;
                case "startup-timeout" -> startupTimeout = Duration.ofSeconds(number(name, value, 1, 3600));
                case "connections" -> connections = number(name, value, 1, 1024);
                case "warmup" -> warmup = Duration.ofSeconds(number(name, value, 0, 3600));
                case "duration" -> duration = Duration.ofSeconds(number(name, value, 1, 3600));
                case "rounds" -> rounds = number(name, value, 1, 1000);
                case "users" -> users = number(name, value, 1, 100_000);
                case "cache-size" -> cacheSize = number(name, value, 0, 10_000_000);
                case "server-jvm-options" -> serverJvmOptions = value;
                case "scenario" -> scenario = scenario(value);
                // Over a minute: Vendo's tokens are not served in their last 60 s.
                case "token-lifetime" -> tokenLifetime = Duration.ofSeconds(number(name, value, 90, 86_400));
                case "upstream-delay" -> upstreamDelay = Duration.ofMillis(number(name, value, 0, 10_000));
                default -> throw new IllegalArgumentException("unknown option: --" + name);
            }
        }
        if (wildflyHome == null || war == null) {
            throw new IllegalArgumentException("--wildfly-home and --war are required");
        }
        return new LoadOptions(wildflyHome.toAbsolutePath(), war.toAbsolutePath(), workDir.toAbsolutePath(),
                portOffset, emulatorPort, heap, startupTimeout, connections, warmup, duration, rounds, users,
                cacheSize, serverJvmOptions, scenario, tokenLifetime, upstreamDelay);
    }

    private static Scenario scenario(String value) {
        for (Scenario s : Scenario.values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--scenario must be standard or churn: " + value);
    }

    /** Warm-up rounds of every scenario: the warm-up time in rounds of {@link #duration}, rounded up. */
    int warmupRounds() {
        long round = duration.toSeconds();
        return (int) ((warmup.toSeconds() + round - 1) / round);
    }

    private static int number(String name, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, got: " + value);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ": " + n);
        }
        return n;
    }
}
