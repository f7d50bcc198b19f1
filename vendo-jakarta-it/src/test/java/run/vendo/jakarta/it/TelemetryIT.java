package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static run.vendo.jakarta.it.VendoAssertions.assertToken;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.OtlpTraceReceiver.ReceivedSpan;
import run.vendo.testing.EmulatedIdentity;
import run.vendo.testing.RecordedRequest;
import run.vendo.testing.VendoEmulator;

/**
 * The Vendo integration records through the server's MicroProfile Telemetry, with no Vendo setting:
 * the WAR turns MicroProfile Telemetry on for itself ({@code otel.sdk.disabled=false} in its
 * MicroProfile Config, as the specification has it) and points the server's OTLP exporter, over
 * {@code http/protobuf}, at an {@link OtlpTraceReceiver} in the test JVM, which decodes every span
 * the server exports. One deployment per server. What it proves:
 * <ul>
 *   <li>A request whose resource calls {@code vendo.token(slug)} on a cache miss makes the server's
 *       own SERVER span for the request, the SDK's {@code vendo token} INTERNAL span in the same
 *       trace under it ({@code vendo.slug}, {@code vendo.outcome=miss}), and exactly one CLIENT
 *       {@code GET} span under that with the HTTP client attributes ({@code http.request.method},
 *       {@code server.address}, {@code server.port}, {@code url.full} without a query, {@code
 *       http.response.status_code}).
 *   <li>The emulator got a W3C {@code traceparent} on that token call carrying the request's trace
 *       id, with the CLIENT span as its parent.
 *   <li>A second request for the same token (a cache hit) makes a {@code vendo token} span with
 *       {@code vendo.outcome=hit} and no CLIENT span.
 *   <li>Nothing received (span names, attributes, events, resources, the raw export bodies) contains
 *       the App Key, a user's identity token, a user id or an access token.
 * </ul>
 * What each server needs: WildFly 39 ({@code standalone-microprofile.xml}) has the {@code opentelemetry}
 * and {@code microprofile-telemetry} subsystems, and the application's {@code otel.*} settings override
 * the subsystem's (whose exporter speaks gRPC to {@code localhost:4317} by default). Open Liberty needs a
 * MicroProfile Telemetry feature in {@code server.xml}: {@code mpTelemetry-2.1} (MicroProfile 7.1, with
 * {@code mpRestClient-4.0}) offers the OpenTelemetry API to applications as a stable API, visible by
 * default; {@code mpTelemetry-2.0} offers it as a third-party API, which an application sees only when
 * configured with {@code <classloader apiTypeVisibility="+third-party"/>} (a drop-in cannot be, and the
 * adapter deploys drop-ins): without it the server traces the request, but the integration finds no
 * OpenTelemetry and records nothing, and this test fails saying so. Payara Micro 6 and 7, and WildFly
 * Preview ({@code -Pee11}) need nothing more than the WAR's settings; Payara Micro 6 offers the
 * OpenTelemetry API 1.29, older than the histogram advice the recorder uses where it can.
 *
 * <p>Runs first ({@code @Order(1)}, {@code junit-platform.properties}): WildFly keeps one server for
 * every test class, and after the whole suite a worker thread was once seen still holding a request
 * context with a server span, which suppressed this test's SERVER spans and became the parent of the
 * SDK's spans instead.
 */
@ExtendWith(ArquillianExtension.class)
@Order(1)
class TelemetryIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";

    /** How long the batch span processor may take to hand the spans over (it exports every 100 ms). */
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(30);

    private static final String SCOPE = "run.vendo.sdk";

    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    private static final OtlpTraceReceiver RECEIVER = OtlpTraceReceiver.start();

    /** The identity tokens the test minted, for the secret scans. */
    private static final List<String> JWTS = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new LinkedHashMap<>(VendoWars.emulatorSettings(EMULATOR));
        settings.put("otel.sdk.disabled", "false");
        settings.put("otel.service.name", "vendo-telemetry-it");
        settings.put("otel.traces.exporter", "otlp");
        settings.put("otel.metrics.exporter", "none");
        settings.put("otel.logs.exporter", "none");
        settings.put("otel.exporter.otlp.endpoint", RECEIVER.endpoint());
        settings.put("otel.exporter.otlp.protocol", "http/protobuf");
        settings.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
        settings.put("otel.bsp.schedule.delay", "100");
        return VendoWars.app("telemetry.war", settings);
    }

    @AfterAll
    static void stop() {
        SecretLedger.record(TelemetryIT.class, EMULATOR, JWTS);
        EMULATOR.close();
        RECEIVER.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void cacheMissIsTracedUnderTheServerSpanDownToTheCallToVendo() {
        String user = "otel-miss-7c41";
        String slug = "calendar";
        String token = EMULATOR.user(user).connect(slug);
        assertToken(token, Http.get(base, "api/user/token/" + slug, JWT_HEADER, jwt(user)), "the user's token");

        String[] parts = traceparent(user, slug);
        String traceId = parts[1];

        List<ReceivedSpan> trace = awaitTrace(traceId, t -> server(t, slug).isPresent()
                && !named(t, "vendo token").isEmpty() && !clients(t).isEmpty());
        System.out.println("Spans of the cache miss (" + ItServer.name() + "):\n" + tree(trace));
        ReceivedSpan request = server(trace, slug).orElseThrow(() -> new AssertionError(
                "no SERVER span for the request in its trace\n" + tree(trace)));
        List<ReceivedSpan> lookups = named(trace, "vendo token");
        assertEquals(1, lookups.size(), () -> "one vendo token span\n" + tree(trace));
        ReceivedSpan lookup = lookups.get(0);
        assertEquals("INTERNAL", lookup.kind());
        assertEquals(SCOPE, lookup.scope());
        assertEquals(slug, lookup.attribute("vendo.slug"));
        assertEquals("miss", lookup.attribute("vendo.outcome"));
        assertFalse(lookup.attributes().containsKey("error.type"), () -> tree(trace));
        assertTrue(descendsFrom(lookup, request, trace),
                () -> "vendo token is not under the request's SERVER span\n" + tree(trace));

        List<ReceivedSpan> clients = clients(trace);
        assertEquals(1, clients.size(), () -> "one CLIENT span for one attempt\n" + tree(trace));
        ReceivedSpan client = clients.get(0);
        assertEquals(SCOPE, client.scope());
        assertEquals("GET", client.name());
        assertEquals(lookup.spanId(), client.parentSpanId(), () -> "the CLIENT span's parent\n" + tree(trace));
        URI vendo = URI.create(EMULATOR.credentialsUrl());
        assertEquals("GET", client.attribute("http.request.method"));
        assertEquals(vendo.getHost(), client.attribute("server.address"));
        assertEquals((long) vendo.getPort(), client.attribute("server.port"));
        assertEquals(200L, client.attribute("http.response.status_code"));
        Object url = client.attribute("url.full");
        assertEquals(EMULATOR.credentialsUrl() + "/" + slug, url);
        assertFalse(String.valueOf(url).contains("?"), "url.full carries no query");
        assertFalse(client.attributes().containsKey("error.type"), () -> tree(trace));

        assertEquals(client.spanId(), parts[2], "the traceparent's parent is the CLIENT span");
        assertEquals(request.traceId(), traceId, "the call to Vendo continues the request's trace");
    }

    @Test
    void cacheHitIsTracedWithoutACallToVendo() {
        String user = "otel-hit-93de";
        String slug = "drive";
        String token = EMULATOR.user(user).connect(slug);
        String jwt = jwt(user);
        assertToken(token, Http.get(base, "api/user/token/" + slug, JWT_HEADER, jwt), "the first (missed) token");
        assertToken(token, Http.get(base, "api/user/token/" + slug, JWT_HEADER, jwt), "the cached token");
        assertEquals(1, EMULATOR.tokenCalls(user, slug), "the second request is served from the cache");
        String missTrace = traceparent(user, slug)[1];

        List<ReceivedSpan> spans = RECEIVER.await(EXPORT_WAIT, all -> hit(all, slug)
                .map(h -> server(inTrace(all, h.traceId()), slug).isPresent()).orElse(false));
        ReceivedSpan hit = hit(spans, slug).orElseThrow(() -> new AssertionError(
                "no vendo token span with outcome hit for " + slug + "\n" + everything(spans)));
        List<ReceivedSpan> trace = inTrace(spans, hit.traceId());
        System.out.println("Spans of the cache hit (" + ItServer.name() + "):\n" + tree(trace));
        assertFalse(hit.traceId().equals(missTrace), "each request has its own trace");
        assertEquals("INTERNAL", hit.kind());
        assertEquals(SCOPE, hit.scope());
        ReceivedSpan request = server(trace, slug).orElseThrow();
        assertTrue(descendsFrom(hit, request, trace), () -> "vendo token is not under the request\n" + tree(trace));
        assertEquals(List.of(), clients(trace), () -> "a cache hit calls nobody\n" + tree(trace));
    }

    @Test
    void noSpanCarriesACredentialOrAUserId() {
        String user = "otel-secret-5b0f";
        String slug = "github";
        String token = EMULATOR.user(user).connect(slug);
        String jwt = jwt(user);
        assertToken(token, Http.get(base, "api/user/token/" + slug, JWT_HEADER, jwt), "the user's token");
        String traceId = traceparent(user, slug)[1];
        awaitTrace(traceId, t -> server(t, slug).isPresent() && !clients(t).isEmpty());

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(EMULATOR.apiKey(), "the App Key");
        for (EmulatedIdentity identity : EMULATOR.users()) {
            secrets.put(identity.name(), "a user id");
            for (String connected : identity.slugs()) {
                secrets.put(identity.token(connected), "an access token");
            }
        }
        for (String minted : JWTS) {
            secrets.put(minted, "a user's identity token");
            secrets.put(minted.substring(minted.lastIndexOf('.') + 1), "an identity token's signature");
        }
        List<ReceivedSpan> spans = RECEIVER.spans();
        assertFalse(spans.isEmpty());
        List<String> found = new ArrayList<>();
        for (ReceivedSpan span : spans) {
            for (String text : span.strings()) {
                secrets.forEach((secret, what) -> {
                    if (text.contains(secret)) {
                        found.add(what + " in span '" + span.name() + "' (" + span.scope() + ")");
                    }
                });
            }
        }
        for (byte[] body : RECEIVER.bodies()) {
            String raw = new String(body, StandardCharsets.ISO_8859_1);
            secrets.forEach((secret, what) -> {
                if (raw.contains(secret)) {
                    found.add(what + " in an export body");
                }
            });
        }
        assertEquals(List.of(), found, "secrets in the " + spans.size() + " spans received");
    }

    private static String jwt(String user) {
        String jwt = EMULATOR.mintUserJwt(user);
        synchronized (JWTS) {
            JWTS.add(jwt);
        }
        return jwt;
    }

    /** The (first) token call the emulator got for this user and slug. */
    private static RecordedRequest tokenCall(String user, String slug) {
        return EMULATOR.requests().stream()
                .filter(r -> r.path().equals("/credentials/" + slug) && user.equals(r.identity()))
                .findFirst().orElseThrow(() -> new AssertionError("no token call for " + user + "/" + slug));
    }

    /**
     * The W3C {@code traceparent} of the (first) token call for this user and slug, split at its dashes:
     * version, trace id, parent span id, flags. Without one, waits for the server's span of the request
     * and fails with what was received, which tells a server that exports nothing from an integration
     * that records nothing.
     */
    private static String[] traceparent(String user, String slug) {
        String traceparent = tokenCall(user, slug).header("traceparent");
        if (traceparent == null) {
            List<ReceivedSpan> all = RECEIVER.await(EXPORT_WAIT, s -> server(s, slug).isPresent());
            fail("the token call to Vendo carries no traceparent; " + missing(null, all, List.of()));
        }
        String[] parts = traceparent.split("-");
        assertEquals(4, parts.length, () -> "traceparent " + traceparent);
        return parts;
    }

    private static List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> complete) {
        List<ReceivedSpan> all = RECEIVER.await(EXPORT_WAIT, s -> complete.test(inTrace(s, traceId)));
        List<ReceivedSpan> trace = inTrace(all, traceId);
        if (!complete.test(trace)) {
            fail(missing(traceId, all, trace));
        }
        return trace;
    }

    /** Why the spans did not come: the likeliest cause first (no export at all, no Vendo span, ...). */
    private static String missing(String traceId, List<ReceivedSpan> all, List<ReceivedSpan> trace) {
        if (all.isEmpty()) {
            return "the server exported no span at all in " + EXPORT_WAIT.toSeconds() + "s (refused: "
                    + RECEIVER.rejected() + "): is MicroProfile Telemetry on, and its OTLP exporter pointed at "
                    + RECEIVER.endpoint() + " over http/protobuf?";
        }
        if (all.stream().noneMatch(s -> SCOPE.equals(s.scope()))) {
            return "the server traced requests but the application recorded no Vendo span: does the application"
                    + " see the OpenTelemetry API (Open Liberty's mpTelemetry-2.0 hides it as a third-party API)?\n"
                    + everything(all);
        }
        return (traceId == null ? "no trace for the request" : "trace " + traceId + " is incomplete\n" + tree(trace))
                + "\nall spans:\n" + everything(all);
    }

    private static List<ReceivedSpan> inTrace(List<ReceivedSpan> spans, String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private static List<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name) && SCOPE.equals(s.scope())).toList();
    }

    private static List<ReceivedSpan> clients(List<ReceivedSpan> spans) {
        return spans.stream().filter(s -> s.kind().equals("CLIENT")).toList();
    }

    /** The server's span for {@code GET .../api/user/token/<slug>}: the only SERVER span naming that path. */
    private static Optional<ReceivedSpan> server(List<ReceivedSpan> spans, String slug) {
        String path = "/api/user/token/" + slug;
        return spans.stream().filter(s -> s.kind().equals("SERVER"))
                .filter(s -> s.attributes().values().stream().anyMatch(v -> String.valueOf(v).contains(path)))
                .findFirst();
    }

    private static Optional<ReceivedSpan> hit(List<ReceivedSpan> spans, String slug) {
        return named(spans, "vendo token").stream()
                .filter(s -> slug.equals(s.attribute("vendo.slug")) && "hit".equals(s.attribute("vendo.outcome")))
                .findFirst();
    }

    /** Whether {@code span}'s chain of parents, within the trace, reaches {@code ancestor}. */
    private static boolean descendsFrom(ReceivedSpan span, ReceivedSpan ancestor, List<ReceivedSpan> trace) {
        Map<String, ReceivedSpan> byId = trace.stream()
                .collect(Collectors.toMap(ReceivedSpan::spanId, s -> s, (a, b) -> a));
        ReceivedSpan current = span;
        for (int depth = 0; current != null && depth < 64; depth++) {
            if (current.parentSpanId().equals(ancestor.spanId())) {
                return true;
            }
            current = byId.get(current.parentSpanId());
        }
        return false;
    }

    /** The trace as an indented tree: name, kind, scope, ids and attributes of each span. */
    private static String tree(List<ReceivedSpan> trace) {
        Map<String, List<ReceivedSpan>> children = new HashMap<>();
        List<ReceivedSpan> roots = new ArrayList<>();
        for (ReceivedSpan span : trace) {
            if (trace.stream().anyMatch(p -> p.spanId().equals(span.parentSpanId()))) {
                children.computeIfAbsent(span.parentSpanId(), k -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        StringBuilder text = new StringBuilder();
        roots.forEach(r -> print(r, children, 0, text));
        return text.toString();
    }

    private static void print(ReceivedSpan span, Map<String, List<ReceivedSpan>> children, int depth,
            StringBuilder text) {
        text.append("  ".repeat(depth)).append("- ").append(span.name()).append(" [").append(span.kind())
                .append(", scope ").append(span.scope()).append(", trace ").append(span.traceId())
                .append(", span ").append(span.spanId()).append(", parent ")
                .append(span.parentSpanId().isEmpty() ? "none" : span.parentSpanId()).append("] ")
                .append(span.attributes()).append('\n');
        children.getOrDefault(span.spanId(), List.of()).forEach(c -> print(c, children, depth + 1, text));
    }

    private static String everything(List<ReceivedSpan> spans) {
        Map<String, List<ReceivedSpan>> byTrace = spans.stream()
                .collect(Collectors.groupingBy(ReceivedSpan::traceId, LinkedHashMap::new, Collectors.toList()));
        return byTrace.values().stream().map(TelemetryIT::tree).filter(Objects::nonNull)
                .collect(Collectors.joining("\n"));
    }
}
