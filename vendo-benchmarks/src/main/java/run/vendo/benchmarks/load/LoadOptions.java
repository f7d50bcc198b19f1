package run.vendo.sample.launcher;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The launcher's settings, from {@code --name=value} arguments (the {@code run} profile passes them,
 * see the module's pom.xml).
 *
 * @param wildflyHome the unpacked WildFly
 * @param war the application to deploy
 * @param workDir where the launcher writes WildFly's console log ({@code target/})
 * @param portOffset WildFly's {@code jboss.socket.binding.port-offset}: HTTP on 8080 + offset
 * @param emulator whether to start the Vendo emulator; otherwise WildFly gets the caller's {@code VENDO_*}
 * @param emulatorPort the emulator's port on 127.0.0.1
 * @param heap WildFly's heap options ({@code JBOSS_JAVA_SIZING})
 * @param startupTimeout how long to wait for the application to answer
 */
record LauncherOptions(Path wildflyHome, Path war, Path workDir, int portOffset, boolean emulator, int emulatorPort,
        String heap, Duration startupTimeout) {

    static final int DEFAULT_EMULATOR_PORT = 8787;

    static LauncherOptions parse(String... args) {
        Path wildflyHome = null;
        Path war = null;
        Path workDir = Path.of("target");
        int portOffset = 0;
        boolean emulator = true;
        int emulatorPort = DEFAULT_EMULATOR_PORT;
        String heap = "-Xms64m -Xmx512m";
        Duration startupTimeout = Duration.ofSeconds(240);
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
                case "emulator" -> emulator = !"false".equalsIgnoreCase(value);
                case "emulator-port" -> emulatorPort = number(name, value, 1, 65535);
                case "heap" -> heap = value;
                case "startup-timeout" -> startupTimeout = Duration.ofSeconds(number(name, value, 1, 3600));
                default -> throw new IllegalArgumentException("unknown option: --" + name);
            }
        }
        if (wildflyHome == null || war == null) {
            throw new IllegalArgumentException("--wildfly-home and --war are required");
        }
        return new LauncherOptions(wildflyHome.toAbsolutePath(), war.toAbsolutePath(), workDir.toAbsolutePath(),
                portOffset, emulator, emulatorPort, heap, startupTimeout);
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
