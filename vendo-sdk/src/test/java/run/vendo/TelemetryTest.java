package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.errors.NotConnected;
import run.vendo.errors.ValidationError;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Await;
import run.vendo.testing.Fault;
import run.vendo.testing.MutableClock;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;
import run.vendo.testing.WebhookSigner;

/**
 * What a client given an {@code OpenTelemetry} records, read back from in-memory exporters: span
 * names, kinds, attributes and parentage, links of background work, metric values. After each test
 * everything recorded is scanned for the secrets the test used (App Key, identity tokens, user ids,
 * provider tokens, webhook secret), and any one fails it.
 */
class TelemetryTest {

    private static final MutableClock CLOCK = MutableClock.ofNow();
    private static final Duration TTL = Duration.ofMinutes(20);

    private static final AttributeKey<String> SLUG = AttributeKey.stringKey("vendo.slug");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("vendo.outcome");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("vendo.event.type");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension(b -> b.clock(CLOCK));

    private final RecordedTelemetry recorded = new RecordedTelemetry();
    private final OpenTelemetrySdk otel = recorded.openTelemetry();
    /** What must appear in no span, link or metric point of the test, besides what the emulator knows. */
    private final List<String> secrets = new ArrayList<>();
    private VendoEmulator emulator;

    private Vendo client(VendoEmulator emulator) {
        this.emulator = emulator;
        return ClientInternals.fastRetries(EmulatorClients.builder(emulator), Duration.ofMillis(1))
                .openTelemetry(otel).build();
    }

    @AfterEach
    void nothingSecretWasRecorded() {
        secrets.addAll(RecordedTelemetry.secretsOf(emulator));
        recorded.assertNothingOf(secrets);
        recorded.close();
    }

    @Test
    void aMissMakesOneClientSpanUnderTheLookupAndAHitMakesNone(VendoEmulator emulator) {
        secrets.add(emulator.deployment().connect("github", "gho_telemetry_1", TTL));
        try (Vendo root = client(emulator)) {
            root.token("github");
            root.token("github");
        }
        List<SpanData> lookups = named("vendo token");
        assertEquals(2, lookups.size());
        SpanData miss = lookups.get(0);
        assertEquals(SpanKind.INTERNAL, miss.getKind());
        assertEquals("github", miss.getAttributes().get(SLUG));
        assertEquals("miss", miss.getAttributes().get(OUTCOME));
        assertEquals("hit", lookups.get(1).getAttributes().get(OUTCOME));

        List<SpanData> attempts = clientSpans();
        assertEquals(1, attempts.size(), "only the miss reaches Vendo");
        SpanData get = attempts.get(0);
        assertEquals("GET", get.getName());
        assertEquals(miss.getSpanId(), get.getParentSpanId());
        assertEquals(miss.getTraceId(), get.getTraceId());
        Attributes a = get.getAttributes();
        assertEquals("GET", a.get(AttributeKey.stringKey("http.request.method")));
        assertEquals("127.0.0.1", a.get(AttributeKey.stringKey("server.address")));
        assertEquals(emulator.port(), a.get(AttributeKey.longKey("server.port")));
        assertEquals(emulator.credentialsUrl() + "/github", a.get(AttributeKey.stringKey("url.full")));
        assertEquals(200L, a.get(STATUS));
        assertNull(a.get(RESEND_COUNT));
        assertNull(a.get(ERROR_TYPE));

        assertEquals(Map.of("miss", 1L, "hit", 1L), countsByOutcome("vendo.token.lookups"));
        HistogramPointData duration = onlyPoint("http.client.request.duration", HistogramPointData.class);
        assertEquals(1, duration.getCount());
        assertEquals(200L, duration.getAttributes().get(STATUS));
        assertEquals(List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0),
                duration.getBoundaries());
    }

    @Test
    void eachAttemptIsAClientSpanOfItsOwnWithItsResendCount(VendoEmulator emulator) {
        secrets.add(emulator.deployment().connect("github", "gho_telemetry_2", TTL));
        emulator.inject(Fault.error(503, "upstream_error")).times(2);
        try (Vendo root = client(emulator)) {
            root.token("github");
        }
        SpanData lookup = named("vendo token").get(0);
        List<SpanData> attempts = clientSpans();
        assertEquals(3, attempts.size());
        for (int i = 0; i < 3; i++) {
            SpanData attempt = attempts.get(i);
            assertEquals(lookup.getSpanId(), attempt.getParentSpanId());
            assertEquals(i == 0 ? null : (long) i, attempt.getAttributes().get(RESEND_COUNT));
            assertEquals(i < 2 ? 503L : 200L, attempt.getAttributes().get(STATUS));
            assertEquals(i < 2 ? "upstream_error" : null, attempt.getAttributes().get(ERROR_TYPE));
            assertEquals(i < 2 ? StatusCode.ERROR : StatusCode.UNSET, attempt.getStatus().getStatusCode());
        }
        assertEquals("miss", lookup.getAttributes().get(OUTCOME));
        long measured = metric("http.client.request.duration").getData().getPoints().stream()
                .mapToLong(p -> ((HistogramPointData) p).getCount()).sum();
        assertEquals(3, measured, "one duration per attempt");
    }

    @Test
    void aFailedLookupRecordsItsCodeAndNeverItsMessage(VendoEmulator emulator) {
        try (Vendo root = client(emulator)) {
            NotConnected e = assertThrows(NotConnected.class, () -> root.token("notion"));
            SpanData lookup = named("vendo token").get(0);
            assertEquals("error", lookup.getAttributes().get(OUTCOME));
            assertEquals(e.code(), lookup.getAttributes().get(ERROR_TYPE));
            assertEquals(StatusCode.ERROR, lookup.getStatus().getStatusCode());
            assertEquals(e.code(), lookup.getStatus().getDescription());
            assertTrue(lookup.getEvents().isEmpty(), "no exception event, whose message could quote anything");
            SpanData attempt = clientSpans().get(0);
            assertEquals(e.code(), attempt.getAttributes().get(ERROR_TYPE));
            assertEquals((long) e.status().getAsInt(), attempt.getAttributes().get(STATUS));
            assertEquals(Map.of("error", 1L), countsByOutcome("vendo.token.lookups"));
        }
    }

    @Test
    void eachAttemptCarriesItsTraceContextToVendoUnlessSwitchedOff(VendoEmulator emulator) {
        emulator.deployment().connect("github", "gho_telemetry_3", TTL);
        emulator.deployment().connect("linear", "lin_telemetry_3", TTL);
        secrets.addAll(List.of("gho_telemetry_3", "lin_telemetry_3"));
        Span request = otel.getTracer("test").spanBuilder("request").startSpan();
        try (Vendo root = client(emulator); Scope ignored = request.makeCurrent()) {
            root.token("github");
        } finally {
            request.end();
        }
        SpanData lookup = named("vendo token").get(0);
        assertEquals(request.getSpanContext().getSpanId(), lookup.getParentSpanId(), "a child of the caller's span");
        SpanData attempt = clientSpans().get(0);
        assertEquals("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-"
                + attempt.getSpanContext().getTraceFlags().asHex(),
                lastRequest(emulator).header("traceparent"));

        try (Vendo quiet = ClientInternals.fastRetries(EmulatorClients.builder(emulator), Duration.ofMillis(1))
                .openTelemetry(otel).traceContextPropagation(false).build()) {
            quiet.token("linear");
        }
        assertNull(lastRequest(emulator).header("traceparent"));
        assertEquals(2, clientSpans().size(), "still recorded, only not sent");
    }

    @Test
    void aRefreshAheadRunsInATraceOfItsOwnLinkedToTheLookupThatStartedIt(VendoEmulator emulator) throws Exception {
        secrets.add(emulator.deployment().connect("github", "gho_telemetry_4", TTL));
        try (Vendo root = client(emulator)) {
            root.token("github");
            CLOCK.advance(Duration.ofMinutes(15)); // into the refresh window: 14 to 19 minutes
            secrets.add(emulator.deployment().rotate("github"));
            root.token("github");
            assertTrue(ClientInternals.awaitRefreshes(root, Duration.ofSeconds(10)));
            Await.until(() -> !named("vendo token refresh").isEmpty(), "the refresh's span");
            secrets.add(root.token("github"));
        }
        SpanData ahead = named("vendo token").get(1);
        assertEquals("refreshed_ahead", ahead.getAttributes().get(OUTCOME));
        SpanData refresh = named("vendo token refresh").get(0);
        assertFalse(refresh.getParentSpanContext().isValid(), "a trace of its own");
        assertEquals(List.of(ahead.getSpanContext()),
                refresh.getLinks().stream().map(LinkData::getSpanContext).toList());
        assertEquals("github", refresh.getAttributes().get(SLUG));
        assertEquals("refreshed", refresh.getAttributes().get(OUTCOME));
        assertEquals(1, clientSpans().stream().filter(s -> s.getParentSpanId().equals(refresh.getSpanId())).count());
        assertEquals(Map.of("refreshed", 1L), countsByOutcome("vendo.token.refreshes"));
        assertEquals("hit", named("vendo token").get(2).getAttributes().get(OUTCOME));
    }

    @Test
    void aUsersLookupRecordsNeitherTheUserNorTheIdentityToken(VendoEmulator emulator) {
        String jwt = emulator.mintUserJwt("ada-telemetry");
        secrets.addAll(List.of(jwt, "ada-telemetry", emulator.user("ada-telemetry").connect("github")));
        try (Vendo root = client(emulator)) {
            root.forUser(jwt).token("github");
            root.forUser(jwt).tokens(List.of("github"));
        }
        assertEquals("miss", named("vendo token").get(0).getAttributes().get(OUTCOME));
        assertEquals("hit", named("vendo tokens").get(0).getAttributes().get(OUTCOME));
        assertEquals(1, clientSpans().size());
    }

    @Test
    void theCachedTokensAreObservedUntilTheClientCloses(VendoEmulator emulator) {
        secrets.add(emulator.deployment().connect("github", "gho_telemetry_5", TTL));
        secrets.add(emulator.deployment().connect("linear", "lin_telemetry_5", TTL));
        try (Vendo root = client(emulator)) {
            root.tokens(List.of("github", "linear"));
            assertEquals(2, onlyPoint("vendo.token.cached", LongPointData.class).getValue());
        }
        assertTrue(recorded.metrics().stream().noneMatch(m -> m.getName().equals("vendo.token.cached")));
        assertEquals("miss", named("vendo tokens").get(0).getAttributes().get(OUTCOME));
    }

    @Test
    void webhookDeliveriesAreSpansWithTheirEventTypeAndOutcome(VendoEmulator emulator) {
        String body = WebhookSigner.event("evt_tel_1", "connection.connected", CLOCK.instant(),
                Map.of("slug", "github"));
        Map<String, String> signed = WebhookSigner.sign(emulator.webhookSecret(), body, CLOCK.instant());
        try (Vendo root = client(emulator)) {
            root.webhooks().verify(signed, body);
            assertThrows(ValidationError.class, () -> root.webhooks().verify(signed, body + " "));
            assertThrows(ValidationError.class, () -> root.webhooks().checkHeaders(Map.of()));
            root.webhooks().checkHeaders(signed);
        }
        List<SpanData> deliveries = named("vendo webhook");
        assertEquals(3, deliveries.size(), "a header check that passes records nothing: its verify will");
        assertEquals("connection.connected", deliveries.get(0).getAttributes().get(EVENT_TYPE));
        assertEquals("verified", deliveries.get(0).getAttributes().get(OUTCOME));
        assertEquals("webhook_invalid", deliveries.get(1).getAttributes().get(ERROR_TYPE));
        assertNull(deliveries.get(1).getAttributes().get(EVENT_TYPE));
        assertEquals("webhook_invalid", deliveries.get(2).getAttributes().get(ERROR_TYPE));
        assertEquals(Map.of("verified", 1L, "error", 2L), countsByOutcome("vendo.webhooks.deliveries"));
    }

    @Test
    void eventStreamConnectionsLinkToTheSubscriptionAndReconnectsAreCounted(VendoEmulator emulator) {
        try (Vendo root = client(emulator)) {
            ClientInternals.tuneEvents(root, Duration.ofSeconds(30), Duration.ofMillis(10), () -> 0.5);
            // Frequent heartbeats: on JDK 25 the emulator's stream sends its headers with its first bytes.
            emulator.events().heartbeatInterval(Duration.ofMillis(100));
            try (Subscription subscription = root.events().subscribe(event -> { })) {
                Await.until(() -> named("vendo events connect").size() == 1, "the first connection's span");
                emulator.events().dropStreams();
                Await.until(() -> named("vendo events reconnect").size() == 1, "the reconnection's span");
            }
        }
        SpanData subscribe = named("vendo events subscribe").get(0);
        assertEquals("ok", subscribe.getAttributes().get(OUTCOME));
        for (String name : List.of("vendo events connect", "vendo events reconnect")) {
            SpanData connection = named(name).get(0);
            assertFalse(connection.getParentSpanContext().isValid(), name);
            assertEquals(List.of(subscribe.getSpanContext()),
                    connection.getLinks().stream().map(LinkData::getSpanContext).toList(), name);
            assertEquals("connected", connection.getAttributes().get(OUTCOME), name);
            SpanData get = clientSpans().stream().filter(s -> s.getParentSpanId().equals(connection.getSpanId()))
                    .findFirst().orElseThrow();
            assertEquals(200L, get.getAttributes().get(STATUS));
        }
        assertEquals(1L, onlyPoint("vendo.events.reconnects", LongPointData.class).getValue());
    }

    @Test
    void everyOtherOperationHasItsSpan(VendoEmulator emulator) {
        emulator.deployment().connect("gmail");
        emulator.dataProxy().action("GMAIL_SEND_EMAIL", "gmail", "{\"message_id\": \"m-1\"}");
        try (Vendo root = client(emulator)) {
            root.connections().list();
            root.integrations().list();
            root.billing().balance();
            root.connectUrl("github");
            root.data().execute("GMAIL_SEND_EMAIL", Map.of("recipient_email", "ada@example.com"));
        }
        for (String name : List.of("vendo connections", "vendo integrations", "vendo billing", "vendo connect",
                "vendo data")) {
            SpanData span = named(name).get(0);
            assertEquals("ok", span.getAttributes().get(OUTCOME), name);
            long attempts = clientSpans().stream().filter(s -> s.getParentSpanId().equals(span.getSpanId())).count();
            assertEquals(name.equals("vendo connect") ? 0 : 1, attempts, name + ": a link is made, not fetched");
        }
        SpanData post = clientSpans().stream().filter(s -> s.getName().equals("POST")).findFirst().orElseThrow();
        assertEquals(emulator.dataProxyUrl() + "/v1/execute",
                post.getAttributes().get(AttributeKey.stringKey("url.full")));
    }

    private List<SpanData> named(String name) {
        return recorded.spans().stream().filter(s -> s.getName().equals(name))
                .sorted((x, y) -> Long.compare(x.getStartEpochNanos(), y.getStartEpochNanos())).toList();
    }

    private List<SpanData> clientSpans() {
        return recorded.spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                .sorted((x, y) -> Long.compare(x.getStartEpochNanos(), y.getStartEpochNanos())).toList();
    }

    private MetricData metric(String name) {
        return recorded.metrics().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    private <P extends PointData> P onlyPoint(String name, Class<P> type) {
        Collection<? extends PointData> points = metric(name).getData().getPoints();
        assertEquals(1, points.size(), name);
        return type.cast(points.iterator().next());
    }

    private Map<String, Long> countsByOutcome(String counter) {
        return metric(counter).getData().getPoints().stream().map(LongPointData.class::cast)
                .collect(Collectors.toMap(p -> p.getAttributes().get(OUTCOME), LongPointData::getValue));
    }

    private static run.vendo.testing.RecordedRequest lastRequest(VendoEmulator emulator) {
        List<run.vendo.testing.RecordedRequest> requests = emulator.requests();
        return requests.get(requests.size() - 1);
    }
}
