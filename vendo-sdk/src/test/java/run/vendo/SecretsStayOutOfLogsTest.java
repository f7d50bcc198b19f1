package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Await;
import run.vendo.testing.BadIdentityCorpus;
import run.vendo.testing.EmulatedIdentity;
import run.vendo.testing.Fault;
import run.vendo.testing.LogCapture;
import run.vendo.testing.MutableClock;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * Runs realistic client scenarios (successes, every fault type, bad identities, forUser and
 * forRequest) with the most verbose logging of this SDK ({@code run.vendo} at ALL) and of Apache
 * HttpClient ({@code org.apache.hc} at ALL through SLF4J and java.util.logging), except the two
 * loggers the README documents as unsafe; captures every log line and the full text of every
 * exception (message, toString, causes), and fails if any API key, user JWT, JWT signature or
 * access token of the run appears. A second test proves the README's warning: those two loggers do
 * print the key when switched on, and are off by default.
 */
class SecretsStayOutOfLogsTest {

    private static final String WIRE = "org.apache.hc.client5.http.wire";
    private static final String HEADERS = "org.apache.hc.client5.http.headers";

    // Strong references: java.util.logging forgets the level of a logger nobody holds.
    private static final Logger VENDO_LOGGER = Logger.getLogger("run.vendo");
    private static final Logger HC_LOGGER = Logger.getLogger("org.apache.hc");
    private static final Logger WIRE_LOGGER = Logger.getLogger(WIRE);
    private static final Logger HEADERS_LOGGER = Logger.getLogger(HEADERS);
    private static final Logger ROOT_LOGGER = Logger.getLogger("");

    /** An App Key without the {@code vendo_sk_} shape: only the exact-value scrubbing can hide it. */
    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension(
            b -> b.apiKey("app-key-" + UUID.randomUUID().toString().replace("-", "")));

    private final List<LogCapture> captures = new ArrayList<>();
    private final List<String> exceptionTexts = new ArrayList<>();
    private final List<String> extraSecrets = new ArrayList<>();

    private final Map<Logger, Level> levelsBefore = new LinkedHashMap<>();

    @BeforeEach
    void capture() {
        for (Logger logger : List.of(WIRE_LOGGER, HEADERS_LOGGER)) {
            levelsBefore.put(logger, logger.getLevel());
        }
        captures.add(LogCapture.attach(ROOT_LOGGER.getName(), ROOT_LOGGER.getLevel()));
        // Captured here, kept off the console: at ALL they are thousands of lines.
        for (Logger logger : List.of(VENDO_LOGGER, HC_LOGGER)) {
            captures.add(LogCapture.attach(logger.getName()));
            logger.setUseParentHandlers(false);
        }
    }

    @AfterEach
    void restore() {
        captures.forEach(LogCapture::close);
        for (Logger logger : List.of(VENDO_LOGGER, HC_LOGGER)) {
            logger.setUseParentHandlers(true);
        }
        levelsBefore.forEach(Logger::setLevel);
    }

    /** Every record captured so far, from every logger. */
    private List<LogRecord> records() {
        return captures.stream().flatMap(c -> c.records().stream()).toList();
    }

    @Test
    void noSecretAppearsInAnyLogLineOrExceptionText() throws IOException {
        VENDO_LOGGER.setLevel(Level.ALL);
        HC_LOGGER.setLevel(Level.ALL);
        WIRE_LOGGER.setLevel(Level.OFF); // documented as unsafe: see the other test
        HEADERS_LOGGER.setLevel(Level.OFF);
        assertTrue(LoggerFactory.getLogger("org.apache.hc.client5.http.impl.classic.InternalHttpClient")
                        .isTraceEnabled(),
                "HttpClient's SLF4J logging reaches java.util.logging at the finest level");

        VendoEmulator emulator = vendo.emulator();
        emulator.autoConnect("google", "notion");
        emulator.deployment().connect("openai");
        String aliceJwt = emulator.mintUserJwt("alice");
        String bobJwt = emulator.jwt("bob").rs256().sign();
        extraSecrets.addAll(List.of(aliceJwt, bobJwt));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        try (Vendo root = client(emulator, emulator.credentialsUrl());
                Vendo down = client(emulator, "http://127.0.0.1:" + closedPort + "/credentials")) {
            Vendo alice = root.forUser(aliceJwt);
            Vendo bob = root.forRequest(Map.of("x-vendo-user-jwt", bobJwt));
            Vendo bobToo = root.forRequest(name -> VendoHeaders.USER_JWT.equals(name) ? bobJwt : null);

            // Successes: single, bulk, connections, deployment and users.
            attempt(() -> root.token("openai"));
            attempt(() -> root.tokens(List.of("google", "notion", "missing")));
            attempt(() -> root.connections().list());
            attempt(() -> alice.token("google"));
            attempt(() -> alice.tokens(List.of("google", "notion")));
            attempt(() -> alice.connections().list());
            attempt(() -> bob.token("google"));
            attempt(() -> bobToo.token("notion"));
            alice.invalidate("google");
            attempt(() -> alice.token("google"));

            // The rest of the surface, for the deployment and a user: successes, failed actions, and
            // faults on the data proxy, whose calls are never retried.
            emulator.dataProxy().action("GOOGLE_LIST_EVENTS", "google", "[{\"id\": 1}]");
            emulator.dataProxy().action("SLACK_POST", "slack", "{}");
            for (Vendo who : List.of(root, alice)) {
                attempt(() -> who.integrations().list());
                attempt(() -> who.integrations().get("google"));
                attempt(() -> who.integrations().get("missing"));
                attempt(() -> who.billing().balance());
                attempt(() -> who.billing().spendCaps());
                attempt(() -> who.billing().usage(Billing.Period.DAY));
                attempt(() -> who.data().execute("GOOGLE_LIST_EVENTS", Map.of("max", 5)));
                attempt(() -> who.data().execute("SLACK_POST"));
                attempt(() -> who.data().execute("NO_SUCH_ACTION"));
                for (Fault fault : List.of(Fault.drop(), Fault.status(503), Fault.delay(Duration.ofMillis(700)))) {
                    emulator.inject(fault).onPath("/data-proxy/v1/execute");
                    attempt(() -> who.data().execute("GOOGLE_LIST_EVENTS"));
                    emulator.reset();
                }
            }

            // Every fault type, for the deployment and for a user.
            Map<String, Supplier<Fault>> faults = new LinkedHashMap<>();
            for (int status : new int[] {500, 502, 503, 504}) {
                faults.put("HTTP " + status, () -> Fault.status(status));
            }
            faults.put("503 with a code", () -> Fault.error(503, "upstream_error"));
            faults.put("429", () -> Fault.rateLimited(Duration.ofSeconds(9)));
            faults.put("slow", () -> Fault.delay(Duration.ofMillis(700)));
            faults.put("dropped", Fault::drop);
            faults.put("cut mid-body", Fault::truncatedBody);
            faults.put("malformed JSON", () -> Fault.raw(200, "application/json", "{\"access_token\":"));
            faults.put("empty body", () -> Fault.raw(200, "application/json", ""));
            faults.put("HTML", () -> Fault.raw(200, "text/html", "<html>login</html>"));
            faults.put("HTML 502", () -> Fault.raw(502, "text/html", "<html>bad gateway</html>"));
            faults.put("binding_missing", () -> Fault.error(404, "binding_missing").withConnectUrl("https://vendo.run/c/x"));
            faults.put("spend cap",
                    () -> Fault.error(429, "spend_cap_daily").withRetryAfterBody(Duration.ofSeconds(60)));
            faults.put("app key refused", () -> Fault.error(401, "app_revoked"));
            for (Map.Entry<String, Supplier<Fault>> fault : faults.entrySet()) {
                for (Vendo who : List.of(root, alice)) {
                    emulator.inject(fault.getValue().get()).times(3);
                    who.invalidate("google");
                    attempt(() -> who.token("google"));
                    emulator.reset();
                }
            }
            attempt(() -> down.token("google"));
            attempt(() -> down.forUser(aliceJwt).tokens(List.of("google")));

            // A server that echoes the caller's credentials in every field of its error.
            String key = emulator.apiKey();
            String signature = aliceJwt.substring(aliceJwt.lastIndexOf('.') + 1);
            String echo = "{\"error\":{\"code\":\"validation_failed\",\"message\":\"bad key " + key + " for " + aliceJwt
                    + " (" + signature + ")\",\"slug\":\"" + aliceJwt + "\",\"connect_url\":\"https://vendo.run/connect?jwt="
                    + aliceJwt + "&key=" + key + "&sig=" + signature + "\",\"suggested_fix\":\"use " + key + "\"}}";
            emulator.inject(Fault.raw(400, "application/json", echo));
            alice.invalidate("google");
            attempt(() -> alice.token("google"));
            emulator.inject(Fault.raw(422, "application/json", echo.replace("validation_failed", "something_new")));
            attempt(() -> alice.tokens(List.of("google")));
            emulator.inject(Fault.raw(401, "application/json", echo.replace("validation_failed", "identity_invalid")));
            attempt(() -> alice.connections().list());
            emulator.inject(Fault.raw(403, "application/json", echo)).onPath("/api/integrations/google");
            attempt(() -> alice.integrations().get("google"));
            emulator.inject(Fault.raw(402, "application/json", echo)).onPath("/api/billing/balance");
            attempt(() -> alice.billing().balance());
            emulator.dataProxy().answer("ECHO", 400,
                    "{\"error\": \"bad key " + key + " for " + aliceJwt + " (" + signature + ")\"}");
            emulator.dataProxy().answer("ECHO_BINDING", 403, "{\"error\": \"binding_missing\", \"toolkit\": \""
                    + aliceJwt + "\", \"connect_url\": \"https://vendo.run/connect?key=" + key + "\"}");
            emulator.inject(Fault.raw(409, "application/json", echo)).onPath("/data-proxy/v1/execute");
            for (String action : List.of("ECHO", "ECHO_BINDING", "GOOGLE_LIST_EVENTS")) {
                attempt(() -> alice.data().execute(action, Map.of("key", "not a secret")));
            }

            // Background refreshes ahead of expiry, for the deployment and a user: refused with that echo,
            // then on a dropped connection, then answered.
            MutableClock clock = MutableClock.ofNow();
            try (Vendo refreshing = ClientInternals.fastRetries(EmulatorClients.builder(emulator).clock(clock),
                    Duration.ofMillis(2)).build()) {
                Vendo user = refreshing.forUser(aliceJwt);
                attempt(() -> refreshing.token("openai"));
                attempt(() -> user.token("google"));
                clock.advance(Duration.ofMinutes(56)); // inside the window of an hour's token
                for (Fault fault : List.of(Fault.raw(400, "application/json", echo), Fault.drop())) {
                    emulator.inject(fault).always();
                    attempt(() -> refreshing.token("openai"));
                    attempt(() -> user.token("google"));
                    awaitRefreshes(refreshing);
                    emulator.reset();
                    clock.advance(Duration.ofSeconds(31)); // the next read may refresh again
                }
                attempt(() -> refreshing.token("openai"));
                attempt(() -> user.token("google"));
                awaitRefreshes(refreshing);
            }
            assertTrue(records().stream().anyMatch(r -> String.valueOf(r.getMessage()).startsWith("Could not refresh")),
                    "failed refreshes were logged");

            // The event stream: refused with that echo, then open, with a listener that throws.
            emulator.reset();
            emulator.inject(Fault.raw(403, "application/json", echo.replace("validation_failed", "app_revoked")))
                    .onPath("/api/deployments/me/events").times(2);
            ClientInternals.tuneEvents(root, Duration.ofSeconds(30), Duration.ofMillis(100), () -> 0.0);
            CountDownLatch delivered = new CountDownLatch(1);
            try (Subscription subscription = root.events().subscribe(event -> {
                delivered.countDown();
                throw new IllegalStateException("listener failed on " + event);
            })) {
                Await.until(() -> emulator.events().openStreams() > 0, "the event stream to open");
                emulator.events().emit("connection.connected", "{\"slug\":\"google\"}");
                assertTrue(delivered.await(30, TimeUnit.SECONDS), "the event arrived");
                assertTrue(subscription.isOpen());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            emulator.reset();

            // Bad identities: the whole corpus through forUser and forRequest, and a call for each taken one.
            BadIdentityCorpus corpus = BadIdentityCorpus.generate(emulator, 7L);
            for (BadIdentityCorpus.Case c : corpus.cases()) {
                extraSecrets.addAll(c.values());
                if (c.repeated()) {
                    attempt(() -> root.forRequest(Map.of(VendoHeaders.USER_JWT, c.values())).token("notion"));
                } else {
                    attempt(() -> root.forUser(c.value()).token("google"));
                }
            }
        }

        List<String> lines = new ArrayList<>();
        SimpleFormatter formatter = new SimpleFormatter();
        Map<String, Integer> byFamily = new LinkedHashMap<>();
        for (LogRecord r : records()) {
            lines.add(r.getLoggerName() + " " + formatter.format(r) + " " + r.getMessage());
            String family = r.getLoggerName() == null ? "?" : r.getLoggerName().startsWith("run.vendo") ? "run.vendo"
                    : r.getLoggerName().startsWith("org.apache.hc") ? "org.apache.hc" : "other";
            byFamily.merge(family, 1, Integer::sum);
        }
        Map<String, String> secrets = secrets(emulator);
        List<String> leaks = new ArrayList<>();
        scan(lines, "log line", secrets, leaks);
        scan(exceptionTexts, "exception text", secrets, leaks);
        System.out.printf("secrets in logs: %d log lines %s, %d exception texts, %d secrets checked"
                        + " (1 API key, JWTs and their signatures, access tokens), %d found%n",
                lines.size(), byFamily, exceptionTexts.size(), secrets.size(), leaks.size());
        assertTrue(byFamily.getOrDefault("run.vendo", 0) > 0, "the SDK's own log lines were captured");
        assertTrue(byFamily.getOrDefault("org.apache.hc", 0) > 100, "HttpClient's log lines were captured");
        assertEquals(List.of(), leaks);
    }

    @Test
    void theLoggersTheReadmeWarnsAboutPrintTheKeyWhenOnAndAreOffByDefault() {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("alice").connect("google");
        String jwt = emulator.mintUserJwt("alice");
        String key = emulator.apiKey();
        // Defaults: nobody configured logging (root at INFO), so both loggers are below DEBUG and print nothing.
        for (Logger logger : List.of(VENDO_LOGGER, HC_LOGGER, WIRE_LOGGER, HEADERS_LOGGER)) {
            logger.setLevel(null);
        }
        try (Vendo root = EmulatorClients.client(emulator)) {
            assertFalse(LoggerFactory.getLogger(WIRE).isDebugEnabled(), WIRE + " is off by default");
            assertFalse(LoggerFactory.getLogger(HEADERS).isDebugEnabled(), HEADERS + " is off by default");
            root.forUser(jwt).token("google");
        }
        assertEquals(List.of(), records().stream().map(LogRecord::getLoggerName)
                .filter(n -> n.equals(WIRE) || n.equals(HEADERS)).toList());
        assertTrue(records().stream().noneMatch(r -> text(r).contains(key) || text(r).contains(jwt)));

        // Switched on, as the README warns: they print the App Key and the user's JWT. (A new
        // client: the wire logger is chosen when a connection opens.)
        WIRE_LOGGER.setLevel(Level.ALL);
        HEADERS_LOGGER.setLevel(Level.ALL);
        try (Vendo root = EmulatorClients.client(emulator)) {
            root.forUser(jwt).token("google");
        }
        String headers = String.join("\n", records().stream().filter(r -> HEADERS.equals(r.getLoggerName()))
                .map(SecretsStayOutOfLogsTest::text).toList());
        String wire = String.join("\n", records().stream().filter(r -> WIRE.equals(r.getLoggerName()))
                .map(SecretsStayOutOfLogsTest::text).toList());
        assertTrue(headers.contains("Authorization: Bearer " + key), HEADERS + " prints the App Key");
        assertTrue(headers.contains(jwt), HEADERS + " prints the user's JWT");
        assertTrue(wire.contains(key), WIRE + " prints the App Key");
        System.out.println("unsafe loggers: " + HEADERS + " and " + WIRE + " print the App Key and the JWT when on"
                + " (as the README warns), and nothing by default");
    }

    private static Vendo client(VendoEmulator emulator, String credentialsUrl) {
        return ClientInternals.fastRetries(EmulatorClients.builder(emulator)
                .credentialsUrl(credentialsUrl)
                .connectTimeout(Duration.ofMillis(300))
                .requestTimeout(Duration.ofMillis(300)), Duration.ofMillis(2))
                .build();
    }

    private static void awaitRefreshes(Vendo client) {
        try {
            assertTrue(ClientInternals.awaitRefreshes(client, Duration.ofSeconds(30)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void attempt(Supplier<?> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            StringBuilder text = new StringBuilder(trace.toString());
            for (Throwable t = e; t != null; t = t.getCause()) {
                text.append('\n').append(t).append('\n').append(t.getMessage());
            }
            exceptionTexts.add(text.toString());
        }
    }

    /** Every credential of the run, by a label that never contains it. */
    private Map<String, String> secrets(VendoEmulator emulator) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(emulator.apiKey(), "the API key");
        List<EmulatedIdentity> identities = new ArrayList<>(emulator.users());
        identities.add(emulator.deployment());
        for (EmulatedIdentity identity : identities) {
            for (String slug : identity.slugs()) {
                secrets.put(identity.token(slug), "the access token of " + identity.name() + "/" + slug);
            }
        }
        List<String> jwts = new ArrayList<>(extraSecrets);
        emulator.requests().forEach(r -> jwts.addAll(r.headers(VendoHeaders.USER_JWT)));
        for (String jwt : jwts) {
            // A JWT's signature part is a real secret even when the rest is mangled (corpus values).
            String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
            if (signature.length() >= 40 && signature.matches("[A-Za-z0-9_-]+")
                    && !signature.chars().allMatch(c -> c == signature.charAt(0))) {
                secrets.putIfAbsent(signature, "a JWT's signature");
            }
        }
        return secrets;
    }

    /** Finds each secret by the hash of its first 20 characters: one pass over each text. */
    private static void scan(List<String> texts, String what, Map<String, String> secrets, List<String> leaks) {
        int prefix = 20;
        Map<String, List<String>> byPrefix = new java.util.HashMap<>();
        List<String> shortOnes = new ArrayList<>();
        for (String secret : secrets.keySet()) {
            if (secret.length() < prefix) {
                shortOnes.add(secret);
            } else {
                byPrefix.computeIfAbsent(secret.substring(0, prefix), k -> new ArrayList<>()).add(secret);
            }
        }
        for (String text : texts) {
            for (String secret : shortOnes) {
                if (text.contains(secret)) {
                    leaks.add(secrets.get(secret) + " in a " + what);
                }
            }
            for (int i = 0; i + prefix <= text.length(); i++) {
                List<String> candidates = byPrefix.get(text.substring(i, i + prefix));
                if (candidates == null) {
                    continue;
                }
                for (String secret : candidates) {
                    if (text.startsWith(secret, i)) {
                        leaks.add(secrets.get(secret) + " in a " + what + " starting: "
                                + text.substring(0, Math.min(80, i)));
                    }
                }
            }
        }
    }

    private static String text(LogRecord r) {
        return new SimpleFormatter().format(r) + " " + r.getMessage();
    }
}
