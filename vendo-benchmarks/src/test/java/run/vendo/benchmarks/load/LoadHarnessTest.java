package run.vendo.sample.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import run.vendo.Vendo;
import run.vendo.testing.VendoEmulator;

/** The launcher's pieces, without WildFly: options, environment, command line, banner, process stop. */
class LauncherTest {

    static VendoEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = VendoEmulator.start().autoConnect(SampleLauncher.CONNECTED);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void parsesOptions() {
        LauncherOptions options = LauncherOptions.parse("--wildfly-home=/opt/wf", "--war=target/vendo-sample.war",
                "--port-offset=100", "--emulator=false", "--emulator-port=9000", "--heap=-Xmx1g",
                "--startup-timeout=60");
        assertEquals(Path.of("/opt/wf").toAbsolutePath(), options.wildflyHome());
        assertEquals(100, options.portOffset());
        assertFalse(options.emulator());
        assertEquals(9000, options.emulatorPort());
        assertEquals("-Xmx1g", options.heap());
        assertEquals(Duration.ofSeconds(60), options.startupTimeout());

        LauncherOptions defaults = LauncherOptions.parse("--wildfly-home=wf", "--war=app.war");
        assertTrue(defaults.emulator());
        assertEquals(8787, defaults.emulatorPort());
        assertEquals(0, defaults.portOffset());

        assertThrows(IllegalArgumentException.class, () -> LauncherOptions.parse("--war=app.war"));
        assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse("--wildfly-home=wf", "--war=a.war", "--port-offset=x"));
        assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse("--wildfly-home=wf", "--war=a.war", "--nope=1"));
    }

    @Test
    void wildFlyGetsTheEmulatorThroughItsEnvironment() {
        Map<String, String> settings = SampleLauncher.vendoEnvironment(emulator);
        assertEquals(emulator.apiKey(), settings.get("VENDO_API_KEY"));
        assertEquals(emulator.baseUrl(), settings.get("VENDO_BASE_URL"));
        assertEquals(emulator.credentialsUrl(), settings.get("VENDO_CREDENTIALS_URL"));
        assertEquals(emulator.jwksUrl(), settings.get("VENDO_JWT_JWKS_URL"));
        assertEquals(emulator.issuer(), settings.get("VENDO_JWT_ISSUER"));
        assertEquals("authenticated", settings.get("VENDO_JWT_AUDIENCES"));

        Map<String, String> caller = Map.of("PATH", "/usr/bin", "JAVA_OPTS", "-Xmx8g", "JBOSS_HOME", "/elsewhere",
                "VENDO_TOKEN_GOOGLE", "would-override", "VENDO_API_KEY", "the-callers");
        Map<String, String> env = WildFlyServer.environment(caller, settings, false, "/jdk", "-Xmx512m");
        assertEquals("/usr/bin", env.get("PATH"));
        assertFalse(env.containsKey("JAVA_OPTS"));
        assertFalse(env.containsKey("JBOSS_HOME"));
        assertFalse(env.containsKey("VENDO_TOKEN_GOOGLE"));
        assertEquals(emulator.apiKey(), env.get("VENDO_API_KEY"));
        assertEquals("/jdk", env.get("JAVA_HOME"));
        assertEquals("-Xmx512m", env.get("JBOSS_JAVA_SIZING"));
        assertEquals("true", env.get("LAUNCH_JBOSS_IN_BACKGROUND"));

        // Without the emulator the caller's VENDO_* reach the server: the real Vendo.
        Map<String, String> real = WildFlyServer.environment(caller, Map.of(), true, "/jdk", "-Xmx512m");
        assertEquals("the-callers", real.get("VENDO_API_KEY"));
        assertEquals("would-override", real.get("VENDO_TOKEN_GOOGLE"));
    }

    @Test
    void startsTheMicroProfileConfigurationOnLoopback(@TempDir Path dir) {
        List<String> command = new WildFlyServer(dir, 0, dir.resolve("console.log")).command();
        assertTrue(command.get(command.size() - 6).equals("-c"), command::toString);
        assertEquals(List.of("-c", "standalone-microprofile.xml", "-b", "127.0.0.1", "-bmanagement", "127.0.0.1"),
                command.subList(command.size() - 6, command.size()));

        WildFlyServer moved = new WildFlyServer(dir, 100, dir.resolve("console.log"));
        assertEquals("-Djboss.socket.binding.port-offset=100", moved.command().get(moved.command().size() - 1));
        assertEquals(8180, moved.httpPort());
        assertEquals(List.of(8180, 8543, 10090, 10093), moved.ports());
    }

    @Test
    void deployReplacesEarlierCopiesAndMarkers(@TempDir Path dir) throws IOException {
        Path war = Files.writeString(dir.resolve("vendo-sample.war"), "new");
        Path deployments = Files.createDirectories(dir.resolve("wf/standalone/deployments"));
        Files.writeString(deployments.resolve("vendo-sample.war"), "old");
        Files.writeString(deployments.resolve("vendo-sample.war.failed"), "boom");
        Files.writeString(deployments.resolve("other.war"), "kept");

        new WildFlyServer(dir.resolve("wf"), 0, dir.resolve("console.log")).deploy(war);

        assertEquals("new", Files.readString(deployments.resolve("vendo-sample.war")));
        assertFalse(Files.exists(deployments.resolve("vendo-sample.war.failed")));
        assertTrue(Files.exists(deployments.resolve("other.war")));
    }

    @Test
    void bannerPrintsTheAppUrlTheEmulatorAndAWorkingJwt() {
        String jwt = emulator.mintUserJwt(SampleLauncher.DEMO_USER);
        Banner.Info info = info(jwt);
        String banner = print(info);

        assertTrue(banner.contains("http://127.0.0.1:8080/vendo-sample/api"), banner);
        assertTrue(banner.contains(emulator.baseUrl()), banner);
        assertTrue(banner.contains("curl -sS -H \"X-Vendo-User-JWT: " + jwt + "\" "
                + "http://127.0.0.1:8080/vendo-sample/api/calendar"), banner);
        assertTrue(banner.contains(Banner.curlJob(info)), banner);
        assertTrue(banner.contains("Press Ctrl-C"), banner);

        // The minted JWT is the emulator's: the user's token comes back for it.
        try (Vendo client = emulator.client()) {
            String expected = emulator.user(SampleLauncher.DEMO_USER).connect("google");
            assertEquals(expected, client.forUser(jwt).token("google"));
        }
    }

    @Test
    void withoutTheEmulatorTheBannerUsesAPlaceholder() {
        Banner.Info info = new Banner.Info("http://127.0.0.1:8080/vendo-sample/api", null, null, null, null,
                Path.of("wf"), Path.of("server.log"), Path.of("console.log"), Duration.ofSeconds(12));
        String banner = print(info);
        assertTrue(banner.contains("X-Vendo-User-JWT: $VENDO_USER_JWT"), banner);
        assertTrue(banner.contains("from your VENDO_* environment"), banner);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void curlLinesSurviveTheShell() throws Exception {
        String jwt = emulator.mintUserJwt(SampleLauncher.DEMO_USER);
        Banner.Info info = info(jwt);
        // A curl that prints its arguments, one per line, as the shell passed them.
        List<String> job = shellArguments(Banner.curlJob(info));
        assertEquals("{\"jwt\":\"" + jwt + "\",\"slug\":\"openai\"}", job.get(job.indexOf("-d") + 1));
        assertEquals("http://127.0.0.1:8080/vendo-sample/api/jobs", job.get(job.size() - 1));

        List<String> calendar = shellArguments(Banner.curlCalendar(info));
        assertEquals("X-Vendo-User-JWT: " + jwt, calendar.get(calendar.indexOf("-H") + 1));
    }

    @Test
    void knowsABusyPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(SampleLauncher.inUse(socket.getLocalPort()));
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void stopEndsTheScriptAndTheServerItStarted(@TempDir Path dir) throws Exception {
        // What standalone.sh does with LAUNCH_JBOSS_IN_BACKGROUND: the JVM in the background, TERM relayed.
        String script = "sleep 300 & PID=$!; trap 'kill -TERM $PID' TERM INT; wait $PID; wait $PID";
        WildFlyServer server = new WildFlyServer(dir, 0, dir.resolve("console.log"));
        server.start(List.of("sh", "-c", script), System.getenv());
        ProcessHandle child = awaitChild(server);

        assertTrue(server.stop(Duration.ofSeconds(20)));
        assertFalse(child.isAlive());
    }

    private static ProcessHandle awaitChild(WildFlyServer server) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> children = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("sleep")).orElse(false)).toList();
            if (!children.isEmpty()) {
                return children.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the fake server did not start");
    }

    private static Banner.Info info(String jwt) {
        return new Banner.Info("http://127.0.0.1:8080/vendo-sample/api", emulator.baseUrl(), emulator.apiKey(),
                SampleLauncher.DEMO_USER, jwt, Path.of("wf"), Path.of("server.log"), Path.of("console.log"),
                Duration.ofSeconds(12));
    }

    private static String print(Banner.Info info) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Banner.print(info, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> shellArguments(String curlLine) throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "curl() { for a in \"$@\"; do printf '%s\\n' \"$a\"; done; }; "
                + curlLine).redirectErrorStream(true).start();
        String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor(), output);
        return List.of(output.split("\n"));
    }
}
