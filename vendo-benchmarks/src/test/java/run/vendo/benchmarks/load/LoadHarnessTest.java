package run.vendo.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import run.vendo.jakarta.VendoIdentityFilter;

/** The harness's pieces, without WildFly: options, environment, command line, WAR copies, statistics, stop. */
class LoadHarnessTest {

    @Test
    void parsesOptions() {
        LoadOptions options = LoadOptions.parse("--wildfly-home=/opt/wf", "--war=target/load-app.war",
                "--port-offset=100", "--emulator-port=9000", "--heap=-Xmx1g", "--startup-timeout=60",
                "--connections=4", "--warmup=0", "--duration=2", "--rounds=1", "--users=5",
                "--cache-size=60000", "--server-jvm-options=-XX:+UseSerialGC");
        assertEquals(Path.of("/opt/wf").toAbsolutePath(), options.wildflyHome());
        assertEquals(100, options.portOffset());
        assertEquals(9000, options.emulatorPort());
        assertEquals("-Xmx1g", options.heap());
        assertEquals(Duration.ofSeconds(60), options.startupTimeout());
        assertEquals(4, options.connections());
        assertEquals(Duration.ofSeconds(2), options.duration());
        assertEquals(1, options.rounds());
        assertEquals(5, options.users());
        assertEquals(60_000, options.cacheSize());
        assertEquals("-XX:+UseSerialGC", options.serverJvmOptions());
        assertEquals(0, options.warmupRounds());
        assertEquals(LoadOptions.Scenario.STANDARD, options.scenario());

        LoadOptions churn = LoadOptions.parse("--wildfly-home=wf", "--war=a.war", "--scenario=CHURN",
                "--token-lifetime=180");
        assertEquals(LoadOptions.Scenario.CHURN, churn.scenario());
        assertEquals(Duration.ofMinutes(3), churn.tokenLifetime());
        assertEquals(Duration.ofMillis(50), churn.upstreamDelay());
        assertEquals(Duration.ZERO, LoadOptions.parse("--wildfly-home=wf", "--war=a.war", "--upstream-delay=0")
                .upstreamDelay());
        assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse("--wildfly-home=wf", "--war=a.war", "--scenario=soak"));
        assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse("--wildfly-home=wf", "--war=a.war", "--token-lifetime=60"));

        LoadOptions defaults = LoadOptions.parse("--wildfly-home=wf", "--war=app.war");
        assertEquals(8787, defaults.emulatorPort());
        assertEquals(0, defaults.portOffset());
        assertEquals(16, defaults.connections());
        assertEquals(6, defaults.rounds());
        assertEquals(50, defaults.users());
        assertEquals(0, defaults.cacheSize(), "the SDK's default");
        assertEquals(Duration.ofMinutes(2), defaults.tokenLifetime());
        // 40 s of warm-up in rounds of 10 s.
        assertEquals(4, defaults.warmupRounds());
        assertEquals(1, LoadOptions.parse("--wildfly-home=wf", "--war=a.war", "--warmup=1").warmupRounds());

        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--war=app.war"));
        assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse("--wildfly-home=wf", "--war=a.war", "--port-offset=x"));
        assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse("--wildfly-home=wf", "--war=a.war", "--duration=0"));
        assertThrows(IllegalArgumentException.class,
                () -> LoadOptions.parse("--wildfly-home=wf", "--war=a.war", "--nope=1"));
    }

    @Test
    void wildFlyGetsItsSettingsThroughItsEnvironment() {
        Map<String, String> settings = Map.of("VENDO_API_KEY", "vendo_sk_test_load",
                "VENDO_BASE_URL", "http://127.0.0.1:8787");
        Map<String, String> caller = Map.of("PATH", "/usr/bin", "JAVA_OPTS", "-Xmx8g", "JBOSS_HOME", "/elsewhere",
                "VENDO_TOKEN_GOOGLE", "would-override", "VENDO_API_KEY", "the-callers");
        Map<String, String> env = WildFlyServer.environment(caller, settings, false, "/jdk", "-Xmx512m");
        assertEquals("/usr/bin", env.get("PATH"));
        assertFalse(env.containsKey("JAVA_OPTS"));
        assertFalse(env.containsKey("JBOSS_HOME"));
        assertFalse(env.containsKey("VENDO_TOKEN_GOOGLE"));
        assertEquals("vendo_sk_test_load", env.get("VENDO_API_KEY"));
        assertEquals("/jdk", env.get("JAVA_HOME"));
        assertEquals("-Xmx512m", env.get("JBOSS_JAVA_SIZING"));
        assertEquals("true", env.get("LAUNCH_JBOSS_IN_BACKGROUND"));

        Map<String, String> kept = WildFlyServer.environment(caller, Map.of(), true, "/jdk", "-Xmx512m");
        assertEquals("the-callers", kept.get("VENDO_API_KEY"));
        assertEquals("would-override", kept.get("VENDO_TOKEN_GOOGLE"));
    }

    @Test
    void startsTheMicroProfileConfigurationOnLoopback(@TempDir Path dir) {
        List<String> command = new WildFlyServer(dir, 0, dir.resolve("console.log")).command();
        assertEquals(List.of("-c", "standalone-microprofile.xml", "-b", "127.0.0.1", "-bmanagement", "127.0.0.1"),
                command.subList(command.size() - 6, command.size()));

        WildFlyServer moved = new WildFlyServer(dir, 100, dir.resolve("console.log"));
        assertEquals("-Djboss.socket.binding.port-offset=100", moved.command().get(moved.command().size() - 1));
        assertEquals(8180, moved.httpPort());
        assertEquals(List.of(8180, 8543, 10090, 10093), moved.ports());
    }

    @Test
    void deployReplacesEarlierCopiesAndMarkers(@TempDir Path dir) throws IOException {
        Path war = Files.writeString(dir.resolve("bench-bare.war"), "new");
        Path deployments = Files.createDirectories(dir.resolve("wf/standalone/deployments"));
        Files.writeString(deployments.resolve("bench-bare.war"), "old");
        Files.writeString(deployments.resolve("bench-bare.war.failed"), "boom");
        Files.writeString(deployments.resolve("other.war"), "kept");

        new WildFlyServer(dir.resolve("wf"), 0, dir.resolve("console.log")).deploy(war);

        assertEquals("new", Files.readString(deployments.resolve("bench-bare.war")));
        assertFalse(Files.exists(deployments.resolve("bench-bare.war.failed")));
        assertTrue(Files.exists(deployments.resolve("other.war")));
    }

    @Test
    void theCopiesGetTheirDescriptorAndSettings(@TempDir Path dir) throws IOException {
        Path war = dir.resolve("copy.war");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/run/vendo/benchmarks/app/PingResource.class"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        LoadHarness.addWebXml(war, LoadHarness.FILTER_OFF_WEB_XML);
        LoadHarness.addConfig(war, "vendo.jwt.issuer=http://127.0.0.1:8787/auth/v1\n");

        try (ZipFile zip = new ZipFile(war.toFile())) {
            String webXml = read(zip, "WEB-INF/web.xml");
            assertTrue(webXml.contains("<param-name>" + VendoIdentityFilter.PARAM_NAME_FILTER_ENABLED
                    + "</param-name>"), webXml);
            assertTrue(webXml.contains("<param-value>false</param-value>"), webXml);
            assertEquals("vendo.jwt.issuer=http://127.0.0.1:8787/auth/v1\n",
                    read(zip, "WEB-INF/classes/META-INF/microprofile-config.properties"));
            assertTrue(zip.getEntry("WEB-INF/classes/run/vendo/benchmarks/app/PingResource.class") != null);
        }
    }

    @Test
    void ratiosArePairedByRoundAndMediansTakeTheMiddle() {
        LoadDriver.Result slow = new LoadDriver.Result("a", 800, 0, 1.0, 1000, 2000, 3000, 5000, 0, List.of(), 0);
        LoadDriver.Result fast = new LoadDriver.Result("b", 1000, 0, 1.0, 900, 1800, 2000, 2500, 0, List.of(), 0);
        List<LoadHarness.Measured> a = List.of(new LoadHarness.Measured(fast, 100, 40),
                new LoadHarness.Measured(slow, 120, 40));
        List<LoadHarness.Measured> b = List.of(new LoadHarness.Measured(slow, 130, 40),
                new LoadHarness.Measured(slow, 150, 40));
        assertArrayEquals(new double[] {0.8, 1.0},
                LoadHarness.perRound(b, a, LoadHarness.Measured::throughputOver), 1e-9);
        assertArrayEquals(new double[] {30, 30},
                LoadHarness.perRound(b, a, LoadHarness.Measured::serverMicrosAbove), 1e-9);
        assertEquals(2.0, LoadHarness.median(new double[] {3, 1, 2}));
        assertEquals(2.5, LoadHarness.median(new double[] {4, 1, 2, 3}));
        assertEquals(110.0, LoadHarness.median(a, LoadHarness.Measured::serverMicros));
    }

    @Test
    void p99RatiosArePairedByRoundAndTheMaxIsTheWorstRound() {
        LoadDriver.Result bare = new LoadDriver.Result("a", 1000, 0, 1.0, 900, 2000, 3000, 9000, 2, List.of(), 0);
        LoadDriver.Result scoped = new LoadDriver.Result("b", 1000, 0, 1.0, 1000, 2200, 3000, 4000, 0, List.of(), 0);
        List<LoadHarness.Measured> a = List.of(new LoadHarness.Measured(bare, 100, 40));
        List<LoadHarness.Measured> b = List.of(new LoadHarness.Measured(scoped, 100, 40),
                new LoadHarness.Measured(bare, 100, 40));
        assertArrayEquals(new double[] {1.1}, LoadHarness.perRound(b.subList(0, 1), a,
                LoadHarness.Measured::p99Over), 1e-9);
        assertEquals(9000, LoadHarness.max(b, m -> m.result().maxMicros()));
        assertEquals(2, LoadHarness.sum(b, m -> m.result().slowRequests()));
        long[] sorted = {1, 5, 5, 9, 50};
        assertEquals(4, LoadDriver.countAtLeast(sorted, 5));
        assertEquals(0, LoadDriver.countAtLeast(sorted, 51));
        assertEquals(5, LoadDriver.countAtLeast(sorted, 0));
    }

    @Test
    void upstreamCallsCountOneFirstFetchPerUserAndFlagASecondCallForOneRefresh() {
        Instant t = Instant.parse("2026-12-01T12:00:00Z");
        Map<String, List<Instant>> calls = new java.util.LinkedHashMap<>();
        calls.put("u1", List.of(t.plusSeconds(31), t, t.plusSeconds(62)));
        calls.put("u2", List.of(t.plusSeconds(5), t.plusSeconds(40)));
        LoadHarness.UpstreamCalls ok = LoadHarness.UpstreamCalls.of(calls, Duration.ofSeconds(27));
        assertEquals(new LoadHarness.UpstreamCalls(2, 5, 3, 2, 3, Duration.ofSeconds(31), 0), ok);
        assertTrue(ok.describe().startsWith("5 = 2 users x 1 slug x 2.50 token lifetimes"), ok.describe());

        calls.put("u3", List.of(t, t.plusMillis(4)));
        LoadHarness.UpstreamCalls twice = LoadHarness.UpstreamCalls.of(calls, Duration.ofSeconds(27));
        assertEquals(1, twice.closeCalls());
        assertEquals(Duration.ofMillis(4), twice.shortestGap());
    }

    @Test
    void knowsABusyPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(WildFlyServer.inUse(socket.getLocalPort()));
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

    private static String read(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertTrue(entry != null, name + " missing");
        return new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }
}
