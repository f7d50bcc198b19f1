package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The command line: options and the printed banner, whose curl really works. */
class VendoEmulatorMainTest {

    @Test
    void optionsHaveDefaultsAndAcceptBothSpellings() {
        VendoEmulatorMain.Options defaults = VendoEmulatorMain.Options.parse(new String[0]);
        assertEquals(8787, defaults.port);
        assertEquals(null, defaults.apiKey);
        VendoEmulatorMain.Options set = VendoEmulatorMain.Options.parse(
                new String[] {"--port", "0", "--api-key=vendo_sk_test_demo"});
        assertEquals(0, set.port);
        assertEquals("vendo_sk_test_demo", set.apiKey);
        assertThrows(IllegalArgumentException.class, () -> VendoEmulatorMain.Options.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class,
                () -> VendoEmulatorMain.Options.parse(new String[] {"--port", "x"}));
        assertThrows(IllegalArgumentException.class,
                () -> VendoEmulatorMain.Options.parse(new String[] {"--bogus"}));
    }

    @Test
    void appUrlsRepeatAndTheWaitHasADefault() {
        VendoEmulatorMain.Options defaults = VendoEmulatorMain.Options.parse(new String[0]);
        assertEquals(List.of(), defaults.appUrls);
        assertEquals(300, defaults.appWait);
        VendoEmulatorMain.Options app = VendoEmulatorMain.Options.parse(new String[] {
            "--app-url", "http://127.0.0.1:8080/app/api/calendar", "--app-url=http://127.0.0.1:8080/app/api/me",
            "--app-wait", "0"});
        assertEquals(List.of("http://127.0.0.1:8080/app/api/calendar", "http://127.0.0.1:8080/app/api/me"),
                app.appUrls);
        assertEquals(0, app.appWait);
        assertThrows(IllegalArgumentException.class,
                () -> VendoEmulatorMain.Options.parse(new String[] {"--app-url", "127.0.0.1:8080/app"}));
        assertThrows(IllegalArgumentException.class,
                () -> VendoEmulatorMain.Options.parse(new String[] {"--app-wait", "-1"}));
    }

    @Test
    void theAppBannerWaitsForTheApplicationAndItsCurlLinesCarryAJwtTheEmulatorAccepts() throws Exception {
        Queue<String> jwtsSeen = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        // An application that is not deployed for its first two requests (404), then answers 200.
        HttpServer app = app(exchange -> {
            jwtsSeen.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Vendo-User-JWT")));
            return calls.incrementAndGet() <= 2 ? 404 : 200;
        });
        try (VendoEmulator emulator = VendoEmulator.builder().apiKey("vendo_sk_test_demo").start()
                .autoConnect("google", "notion", "openai", "slack")) {
            String calendar = appUrl(app, "/app/api/calendar");
            String me = appUrl(app, "/app/api/me");
            String out = appBanner(emulator, List.of(calendar, me), Duration.ofSeconds(30));

            assertEquals(3, calls.get(), out);
            assertTrue(out.contains("The application answers"), out);
            List<String> curls = out.lines().filter(l -> l.startsWith("curl ")).toList();
            assertEquals(4, curls.size(), out);
            String jwt = jwtsSeen.peek();
            assertEquals("curl -sS -H 'X-Vendo-User-JWT: " + jwt + "' '" + calendar + "'", curls.get(0));
            assertEquals("curl -sS -H 'X-Vendo-User-JWT: " + jwt + "' '" + me + "'", curls.get(1));
            assertEquals("curl -sS -i '" + calendar + "'", curls.get(2));
            assertEquals("curl -sS -H 'Authorization: Bearer vendo_sk_test_demo' -H 'Content-Type: application/json'"
                    + " --data '" + VendoEmulatorMain.DEMO_STREAM_EVENT + "' '" + emulator.baseUrl()
                    + "/_emulator/events'", curls.get(3));
            assertFalse(out.contains("webhook"), "no webhook line without --webhook-url");
            assertTrue(out.contains(emulator.baseUrl()) && out.contains("vendo_sk_test_demo"), out);

            // The JWT is the emulator's: the demo user's token comes back for it.
            HttpResponse<String> r = TestHttp.send(TestHttp.asUser(emulator, "/credentials/google", jwt));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(emulator.user(VendoEmulatorMain.DEMO_USER).token("google"),
                    TestHttp.json(r).getString("access_token"));
        } finally {
            app.stop(0);
        }
    }

    @Test
    void theDemoUserIsAnOwnerByASignedClaimAndTheReadinessLineIsPrintedWhenAsked() throws Exception {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            String url = "http://127.0.0.1:1/app/api/admin";
            String health = "http://127.0.0.1:2/health/ready";
            String out = appBanner(emulator, List.of(url), Duration.ZERO, null, health);
            assertTrue(out.contains("curl -sS '" + health + "'"), out);
            assertFalse(appBanner(emulator, List.of(url), Duration.ZERO).contains("/health/ready"));

            String curl = out.lines().filter(l -> l.startsWith("curl -sS -H 'X-Vendo-User-JWT: ")).findFirst()
                    .orElseThrow();
            String jwt = curl.substring("curl -sS -H 'X-Vendo-User-JWT: ".length(), curl.indexOf("' '"));
            String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8);
            assertTrue(payload.contains("\"app_metadata\":{\"roles\":[\"owner\"]}"), payload);
            assertTrue(payload.contains("\"sub\":\"" + VendoEmulatorMain.DEMO_USER + "\""), payload);
        }
    }

    @Test
    void anApplicationThatNeverAnswersGetsAWarningAndTheLinesAnyway() throws Exception {
        HttpServer app = app(exchange -> 503);
        try (VendoEmulator emulator = VendoEmulator.start()) {
            String url = appUrl(app, "/app/api/calendar");
            String out = appBanner(emulator, List.of(url), Duration.ofSeconds(1));
            assertTrue(out.contains("WARNING: " + url + " did not answer 200 within 1 s (last answer: HTTP 503)"),
                    out);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("curl -sS -H 'X-Vendo-User-JWT: ey")), out);
        } finally {
            app.stop(0);
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theAppCurlLinesSurviveTheShell() throws Exception {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            String url = "http://127.0.0.1:1/app/api/calendar?from=today&to=tomorrow";
            String out = appBanner(emulator, List.of(url), Duration.ZERO);
            String curl = out.lines().filter(l -> l.startsWith("curl -sS -H")).findFirst().orElseThrow();
            // A curl that prints its arguments, one per line, as the shell passed them.
            Process sh = new ProcessBuilder("sh", "-c",
                    "curl() { for a in \"$@\"; do printf '%s\\n' \"$a\"; done; }; " + curl)
                    .redirectErrorStream(true).start();
            String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, sh.waitFor(), output);
            String jwt = curl.substring(curl.indexOf("JWT: ") + 5, curl.indexOf("' '"));
            assertEquals(List.of("-sS", "-H", "X-Vendo-User-JWT: " + jwt, url), List.of(output.split("\n")));
        }
    }

    private interface Answer {
        int status(com.sun.net.httpserver.HttpExchange exchange);
    }

    private static HttpServer app(Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(answer.status(exchange), -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String appUrl(HttpServer app, String path) {
        return "http://127.0.0.1:" + app.getAddress().getPort() + path;
    }

    private static String appBanner(VendoEmulator emulator, List<String> urls, Duration wait)
            throws InterruptedException {
        return appBanner(emulator, urls, wait, null);
    }

    private static String appBanner(VendoEmulator emulator, List<String> urls, Duration wait,
            VendoEmulatorMain.Webhook webhook) throws InterruptedException {
        return appBanner(emulator, urls, wait, webhook, null);
    }

    private static String appBanner(VendoEmulator emulator, List<String> urls, Duration wait,
            VendoEmulatorMain.Webhook webhook, String healthUrl) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VendoEmulatorMain.printAppBanner(emulator, urls, wait, webhook, healthUrl,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theBannerNamesEverythingAndItsCurlFetchesTheDemoUsersGoogleToken() {
        try (VendoEmulator emulator = VendoEmulator.builder().apiKey("vendo_sk_test_demo").start()
                .autoConnect("google", "notion", "openai", "slack")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            VendoEmulatorMain.printBanner(emulator, null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains(emulator.baseUrl()));
            assertTrue(out.contains(emulator.jwksUrl()));
            assertTrue(out.contains("export VENDO_API_KEY=vendo_sk_test_demo VENDO_BASE_URL=" + emulator.baseUrl()
                    + " VENDO_CREDENTIALS_URL=" + emulator.credentialsUrl() + " VENDO_DATA_PROXY_URL="
                    + emulator.dataProxyUrl() + " VENDO_DEPLOYMENT_ID=" + emulator.deploymentId()
                    + " VENDO_TENANT_ID=" + emulator.tenantId() + " VENDO_DEPLOYMENT_SLUG=" + emulator.deploymentSlug()
                    + " VENDO_AUTH=1 VENDO_WEBHOOK_SECRET=" + emulator.webhookSecret() + "\n"), out);
            String curl = out.lines().filter(l -> l.startsWith("curl ")).findFirst().orElseThrow();
            assertTrue(curl.endsWith(emulator.credentialsUrl() + "/google"));

            // run the curl line's headers through java.net.http
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(curl.substring(curl.lastIndexOf(' ') + 1)));
            for (String part : curl.split(" -H '")) {
                if (part.startsWith("curl")) {
                    continue;
                }
                String header = part.substring(0, part.indexOf('\''));
                int colon = header.indexOf(':');
                request.header(header.substring(0, colon), header.substring(colon + 1).trim());
            }
            HttpResponse<String> r = TestHttp.send(request);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(emulator.user(VendoEmulatorMain.DEMO_USER).token("google"),
                    TestHttp.json(r).getString("access_token"));
            assertEquals(List.of("google", "notion", "openai", "slack"),
                    emulator.user(VendoEmulatorMain.DEMO_USER).slugs());
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theExportLineSetsEveryEnvironmentVariableThroughTheShell() throws Exception {
        String secret = "whsec_it's a \"demo\" $secret";
        try (VendoEmulator emulator = VendoEmulator.builder().webhookSecret(secret).start()) {
            String line = VendoEmulatorMain.exportLine(emulator);
            assertTrue(line.startsWith("export VENDO_API_KEY="), line);
            StringBuilder echo = new StringBuilder(line).append(';');
            for (String name : emulator.environment().keySet()) {
                echo.append(" printf '%s\\n' \"$").append(name).append('"').append(';');
            }
            assertEquals(String.join("\n", emulator.environment().values()) + "\n", sh(echo.toString()));
        }
    }

    @Test
    void webhookUrlAndSecretGoTogether() {
        VendoEmulatorMain.Options options = VendoEmulatorMain.Options.parse(new String[] {
            "--webhook-url", "http://127.0.0.1:8080/app/vendo/webhooks", "--webhook-secret=whsec_demo"});
        assertEquals("http://127.0.0.1:8080/app/vendo/webhooks", options.webhookUrl);
        assertEquals("whsec_demo", options.webhookSecret);
        for (String[] args : List.of(new String[] {"--webhook-url", "http://127.0.0.1:8080/hooks"},
                new String[] {"--webhook-secret", "whsec_demo"},
                new String[] {"--webhook-url", "127.0.0.1:8080/hooks", "--webhook-secret", "whsec_demo"},
                new String[] {"--webhook-url", "http://127.0.0.1:8080/hooks", "--webhook-secret", " "},
                new String[] {"--webhook-secret"})) {
            assertThrows(IllegalArgumentException.class, () -> VendoEmulatorMain.Options.parse(args),
                    String.join(" ", args));
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theWebhookLineSignsWhenItRunsWithAFreshIdAndTheSignatureVerifies() throws Exception {
        assumeTrue(onPath("openssl") && onPath("curl"), "needs openssl and curl");
        String secret = "whsec_it's a \"demo\" $secret";   // quotes and a dollar survive the shell
        Queue<String> received = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String ts = exchange.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER);
            String sig = exchange.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER);
            boolean valid = ts != null && WebhookSigner.signature(secret, ts, body).equals(sig)
                    && "POST".equals(exchange.getRequestMethod())
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(ts + "\n" + new String(body, StandardCharsets.UTF_8));
            byte[] answer = (valid ? "verified" : "refused").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(valid ? 200 : 400, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        try (VendoEmulator emulator = VendoEmulator.start()) {
            String url = appUrl(receiver, "/app/vendo/webhooks?from=demo&x=1");
            String out = appBanner(emulator, List.of(appUrl(receiver, "/app/api/ping")), Duration.ZERO,
                    new VendoEmulatorMain.Webhook(url, secret));
            List<String> lines = out.lines().filter(l -> l.startsWith("ts=$(date +%s); ")).toList();
            assertEquals(1, lines.size(), out);
            String line = lines.get(0);

            long before = Instant.now().getEpochSecond();
            assertEquals("verified", sh(line));
            assertEquals("verified", sh(line));
            long after = Instant.now().getEpochSecond();

            assertEquals(2, received.size());
            Pattern body = Pattern.compile("(\\d+)\n\\{\"id\":\"(evt_[0-9a-f]{16})\",\"type\":\"connection.connected\","
                    + "\"data\":\\{\"slug\":\"google\"}}");
            String firstId = null;
            for (String delivery : received) {
                Matcher m = body.matcher(delivery);
                assertTrue(m.matches(), delivery);
                long ts = Long.parseLong(m.group(1));
                assertTrue(ts >= before && ts <= after, "signed when it ran: " + ts);
                assertNotEquals(firstId, m.group(2), "a new event id each time");
                firstId = m.group(2);
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theEmitLineEmitsAnEventOnTheEmulator() throws Exception {
        assumeTrue(onPath("curl"), "needs curl");
        try (VendoEmulator emulator = VendoEmulator.start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            VendoEmulatorMain.printBanner(emulator, null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            String line = out.lines().filter(l -> l.contains("/_emulator/events")).findFirst().orElseThrow();
            String answer = sh(line);
            assertEquals("{\"id\":\"1\",\"open_streams\":0}", answer);
            assertEquals("1", emulator.events().lastId());
        }
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
    }

    /** Runs a line in {@code sh}, as pasted into a terminal; returns its standard output. */
    private static String sh(String line) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-c", line).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor(), output);
        return output;
    }
}
