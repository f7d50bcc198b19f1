package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import run.vendo.errors.AuthError;
import run.vendo.errors.NeedsReauth;
import run.vendo.errors.NotConnected;
import run.vendo.errors.RateLimited;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.ValidationError;
import run.vendo.errors.VendoError;
import run.vendo.testing.Await;
import run.vendo.testing.DocumentedAnswer;
import run.vendo.testing.LogCapture;
import run.vendo.testing.WebhookSigner;

/**
 * Every example answer of Vendo's docs ({@link DocumentedAnswer}), served verbatim by a loopback
 * server, and what this SDK makes of it. A fixture without a check here fails the build, so a new
 * one cannot be left unread; no {@code toString()} or message of anything the SDK makes of a
 * fixture shows a value the docs mark as secret.
 */
class DocumentedWireTest {

    private static final String API_KEY = "vendo_sk_documented_wire_test";
    private static final String WEBHOOK_SECRET = "whsec_documented";
    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");

    private static HttpServer server;
    private static volatile DocumentedAnswer serving;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    /** What each check made of its fixture: every toString() and message must be free of its secrets. */
    private final List<Object> made = new ArrayList<>();
    private Vendo vendo;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            DocumentedAnswer answer = serving;
            boolean stream = answer.contentType().startsWith("text/event-stream");
            // A stream ends with a marker, so that a test knows every documented block has been read.
            byte[] body = (answer.body() + (stream ? "event: test.end\ndata: {}\n\n" : ""))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @AfterEach
    void closeClient() {
        if (vendo != null) {
            vendo.close();
            vendo = null;
        }
    }

    @TestFactory
    List<DynamicTest> everyDocumentedAnswer() {
        Map<String, Consumer<DocumentedAnswer>> checks = checks();
        List<DynamicTest> tests = new ArrayList<>();
        for (DocumentedAnswer answer : DocumentedAnswer.all()) {
            tests.add(DynamicTest.dynamicTest(answer.name(), () -> {
                Consumer<DocumentedAnswer> check = checks.get(answer.name());
                assertTrue(check != null, "no check reads the documented answer " + answer.name());
                serve(answer);
                made.clear();
                try {
                    check.accept(answer); // a client of its own: nothing cached from another fixture
                } finally {
                    closeClient();
                }
                assertFalse(made.isEmpty(), answer.name() + ": the check kept nothing to look at");
                for (Object thing : made) {
                    String shown = thing instanceof Throwable t ? t.getMessage() + " " + t : String.valueOf(thing);
                    for (String secret : answer.secrets()) {
                        assertFalse(shown.contains(secret), answer.name() + ": a secret shows in " + shown);
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void everyCheckHasItsFixture() {
        Set<String> names = new HashSet<>();
        DocumentedAnswer.all().forEach(a -> names.add(a.name()));
        assertEquals(Set.of(), difference(checks().keySet(), names));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    private Map<String, Consumer<DocumentedAnswer>> checks() {
        Map<String, Consumer<DocumentedAnswer>> c = new java.util.LinkedHashMap<>();
        c.put("credentials-worker.token", a -> {
            assertEquals("ntn_***", client().token("notion"));
            assertEquals(1, REQUESTS.get());
        });
        errorRow(c, "validation_failed", 400, ValidationError.class, 1);
        errorRow(c, "app_unknown", 401, AuthError.class, 1);
        errorRow(c, "app_revoked", 401, AuthError.class, 1);
        errorRow(c, "app_expired", 401, AuthError.class, 1);
        errorRow(c, "connection_needs_reauth", 401, NeedsReauth.class, 1);
        errorRow(c, "binding_missing", 403, NotConnected.class, 1);
        errorRow(c, "connection_revoked", 403, NotConnected.class, 1);
        errorRow(c, "provider_unknown", 404, VendoError.class, 1);
        errorRow(c, "profile_unsupported", 500, UpstreamError.class, 1); // documented as permanent
        errorRow(c, "upstream_error", 502, UpstreamError.class, 3); // documented as transient
        c.put("typescript-sdk.bulk", a -> assertEquals(Set.of("notion"),
                keep(client().tokens(List.of("notion", "slack")).keySet())));

        c.put("connections.list", a -> {
            List<Connection> list = keep(client().connections().list());
            assertEquals(List.of("openai", "telegram"), list.stream().map(Connection::slug).toList());
            Connection openai = keep(list.get(0));
            assertEquals("connected", openai.status());
            assertTrue(openai.isActive());
            assertEquals("vendo_managed_pool", openai.profile());
            assertEquals("vendo_sk_…", openai.secretApiKey());
            assertEquals("https://openai-proxy.vendo.run/v1", openai.baseUrl());
            assertEquals(new Connection.EnvBootstrap(List.of(), "none"), openai.envBootstrap());
            assertFalse(openai.exclusive());
            assertEquals("#10A37F", openai.brandColor());
            Connection telegram = keep(list.get(1));
            assertNull(telegram.id());
            assertEquals("available", telegram.status());
            assertFalse(telegram.isActive());
            assertEquals("https://vendo.run/connections/connect/telegram?app=…", telegram.setupUrl());
            assertNull(telegram.envBootstrap());
            assertNull(telegram.secretApiKey());
            assertTrue(telegram.exclusive());
            assertEquals(Map.of(), telegram.context());
        });
        c.put("connections.list-with-credential", a -> {
            Connection supabase = keep(client().connections().get("supabase").orElseThrow());
            assertEquals("error", supabase.status());
            assertEquals("Supabase rejected the stored credential.", supabase.errorMessage());
            assertEquals(Map.of("SUPABASE_ACCESS_TOKEN", "sbp_0123456789abcdef"), supabase.secretCredentials());
            assertEquals(Map.of("project_ref", "abcd1234"), supabase.context());
            assertEquals(new Connection.EnvBootstrap(List.of(new Connection.EnvBootstrap.Var("SUPABASE_ACCESS_TOKEN",
                    "metadata.credential.SUPABASE_ACCESS_TOKEN")), "gateway"), supabase.envBootstrap());
            keep(client().connections().list());
        });
        c.put("connections.error-401-missing-bearer", a -> statusOnly(a, AuthError.class, () -> client().connections()
                .list(), "Missing or invalid Bearer token"));
        c.put("connections.error-401-invalid-token", a -> statusOnly(a, AuthError.class, () -> client().connections()
                .list(), "Invalid or revoked token"));
        c.put("connections.error-500", a -> statusOnly(a, UpstreamError.class, () -> client().connections().list(),
                "Internal server error"));

        c.put("integrations.list-anonymous", a -> {
            Integration openrouter = keep(client().integrations().list().get(0));
            assertEquals("openrouter", openrouter.slug());
            assertEquals("OpenRouter", openrouter.name());
            assertEquals(List.of("vendo_managed_pool"), openrouter.supportedProfiles());
            assertEquals("https://vendo.run/logos/openrouter.svg", openrouter.logoUrl());
            assertTrue(openrouter.attributes().containsKey("env_bootstrap"));
            assertTrue(openrouter.attributes().containsKey("icon_name"));
        });
        c.put("integrations.list-signed-in", a -> {
            Integration openrouter = keep(client().integrations().list().get(0));
            assertEquals("openrouter", openrouter.slug());
            assertTrue(openrouter.enabled());
            assertNull(openrouter.logoUrl(), "'…' is not a link");
            assertEquals(Boolean.TRUE, openrouter.attributes().get("tenantEnabled"));
            assertEquals(1235000L, openrouter.attributes().get("costThisMonth"));
        });
        c.put("integrations.get-anonymous", a -> assertEquals("openrouter",
                keep(client().integrations().get("openrouter").orElseThrow()).slug()));
        c.put("integrations.get-error-404", a -> assertTrue(keep(client().integrations().get("nope")).isEmpty()));
        c.put("integrations.list-error-404", a -> statusOnly(a, VendoError.class, () -> client().integrations().list(),
                "No workspace found"));
        c.put("integrations.list-error-500", a -> statusOnly(a, UpstreamError.class,
                () -> client().integrations().list(), "Internal server error"));

        c.put("billing.balance", a -> {
            Balance balance = keep(client().billing().balance());
            assertEquals(12_500_000L, balance.creditsRemainingMicros());
            assertEquals("USD", balance.currency());
            assertEquals("https://vendo.run/billing", balance.topUpUrl());
        });
        c.put("billing.balance-error-401-missing", a -> statusOnly(a, AuthError.class,
                () -> client().billing().balance(), "Missing Bearer token"));
        c.put("billing.balance-error-401-invalid", a -> statusOnly(a, AuthError.class,
                () -> client().billing().balance(), "Invalid or revoked token"));
        c.put("billing.balance-error-429", a -> statusOnly(a, RateLimited.class, () -> client().billing().balance(),
                "Rate limit exceeded"));
        c.put("billing.balance-error-500", a -> statusOnly(a, UpstreamError.class, () -> client().billing().balance(),
                null));

        c.put("events.stream", a -> {
            List<VendoEvent> events = eventsUntilEnd();
            assertEquals(List.of("connection.connected", "billing.usage_recorded"),
                    events.stream().map(VendoEvent::type).toList());
            Map<?, ?> data = (Map<?, ?>) events.get(0).data();
            assertEquals("openai", data.get("slug"));
            assertEquals("connection.connected", data.get("kind"));
            assertEquals("2026-05-20T12:00:00Z", data.get("at"));
            assertEquals("evt_01H…", events.get(0).id().orElseThrow());
            assertEquals(1234L, ((Map<?, ?>) events.get(1).data()).get("micros"));
        });
        c.put("events.stream-legacy-alias", a -> assertEquals(List.of("connection.connected"),
                eventsUntilEnd().stream().map(VendoEvent::type).toList(), "the legacy alias is not delivered again"));
        c.put("events.error-429-streams", a -> {
            try (LogCapture logs = LogCapture.attach("run.vendo");
                    Subscription s = client().events().subscribe(e -> { })) {
                keep(s);
                Await.until(() -> logs.messages().stream()
                        .anyMatch(m -> m.contains("HTTP 429 (rate_limit_sse_streams)")), "the refusal's warning");
            }
        });

        c.put("data-proxy.execute", a -> assertEquals(Map.of("id", "msg_123", "threadId", "thr_456"),
                keep(client().data().execute("GMAIL_SEND_EMAIL", Map.of("to", "a@example.com")))));
        c.put("data-proxy.error-403-binding_missing", a -> {
            NotConnected e = keep(assertThrows(NotConnected.class, () -> client().data().execute("GMAIL_SEND_EMAIL")));
            assertEquals("gmail", e.slug().orElseThrow());
            assertEquals(403, e.status().orElseThrow());
        });
        c.put("data-proxy.error-400-composio", a -> {
            UpstreamError e = keep(assertThrows(UpstreamError.class, () -> client().data().execute("GMAIL_SEND_MAIL")));
            assertEquals("composio_error", e.code());
            assertTrue(e.getMessage().contains("Action GMAIL_SEND_MAIL not found"), e.getMessage());
            assertEquals(1, REQUESTS.get(), "an action is never sent twice");
        });

        c.put("webhooks.event", a -> {
            Map<String, String> headers = WebhookSigner.sign(WEBHOOK_SECRET, a.body(), NOW);
            WebhookEvent event = keep(client().webhooks().verify(headers, a.body()));
            assertEquals("evt_01H…", event.id());
            assertEquals("connection.connected", event.type());
            assertEquals(Instant.parse("2026-05-20T12:00:00Z"), event.occurredAt().orElseThrow());
            assertEquals("openai", event.data().get("slug"));
        });
        return c;
    }

    /** A row of the credentials worker's error table: the type, the code, the status, the attempts made. */
    private void errorRow(Map<String, Consumer<DocumentedAnswer>> checks, String code, int status,
            Class<? extends VendoError> type, int attempts) {
        checks.put("credentials-worker.error-" + status + "-" + code, a -> {
            VendoError e = keep(assertThrows(VendoError.class, () -> client().token("notion")));
            assertSame(type, e.getClass(), e.toString());
            assertEquals(code, e.code());
            assertEquals(status, e.status().orElseThrow());
            assertEquals(attempts, REQUESTS.get(), "attempts");
        });
    }

    /** An error answer without a code: typed by its status, coded {@code http_<status>}, its message kept. */
    private void statusOnly(DocumentedAnswer a, Class<? extends VendoError> type, Runnable call, String text) {
        VendoError e = keep(assertThrows(VendoError.class, call::run));
        assertSame(type, e.getClass(), e.toString());
        assertEquals("http_" + a.status(), e.code());
        assertEquals(a.status(), e.status().orElseThrow());
        if (text != null) {
            assertTrue(e.getMessage().contains(text), e.getMessage());
        }
    }

    private List<VendoEvent> eventsUntilEnd() {
        LinkedBlockingQueue<VendoEvent> received = new LinkedBlockingQueue<>();
        List<VendoEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription s = client().events().subscribe(received::add)) {
            for (VendoEvent e = poll(received); !e.type().equals("test.end"); e = poll(received)) {
                events.add(keep(e));
            }
            keep(s);
        }
        return events;
    }

    private static VendoEvent poll(LinkedBlockingQueue<VendoEvent> queue) {
        try {
            VendoEvent e = queue.poll(10, TimeUnit.SECONDS);
            assertTrue(e != null, "no event within 10 s");
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private <T> T keep(T thing) {
        made.add(thing);
        return thing;
    }

    private static void serve(DocumentedAnswer answer) {
        serving = answer;
        REQUESTS.set(0);
    }

    private Vendo client() {
        if (vendo == null) {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            vendo = Vendo.builder()
                    .environment(Map.of("VENDO_DEPLOYMENT_ID", "dep_documented"))
                    .apiKey(API_KEY)
                    .baseUrl(url)
                    .credentialsUrl(url)
                    .dataProxyUrl(url)
                    .webhookSecret(WEBHOOK_SECRET)
                    .requestTimeout(Duration.ofSeconds(5))
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .build();
            made.add(vendo);
        }
        return vendo;
    }
}
