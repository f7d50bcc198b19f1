package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;
import run.vendo.jakarta.testsupport.TestContainer;
import run.vendo.testing.VendoEmulator;

/**
 * The root client records through the {@code OpenTelemetry} bean the server offers, as
 * MicroProfile Telemetry does, with no setting; {@code vendo.telemetry.enabled=false} turns it off
 * and {@code vendo.telemetry.trace-context=false} keeps the trace context from Vendo.
 */
class ContainerTelemetryTest {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static VendoEmulator emulator;

    /** Plays MicroProfile Telemetry's part: an application-scoped {@code OpenTelemetry} bean. */
    public static class ServerTelemetry {
        @Produces
        @ApplicationScoped
        OpenTelemetry openTelemetry() {
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                    .build();
        }
    }

    @BeforeAll
    static void startEmulator() {
        emulator = VendoEmulator.start();
        emulator.deployment().connect("notion");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void clear() {
        SPANS.reset();
        emulator.reset();
        emulator.deployment().connect("notion");
    }

    static Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(Map.of(
                "vendo.api-key", emulator.apiKey(),
                "vendo.base-url", emulator.baseUrl(),
                "vendo.credentials-url", emulator.credentialsUrl()));
        all.putAll(extra);
        return all;
    }

    @Test
    void theRootRecordsThroughTheServersOpenTelemetryWithNoSetting() {
        try (TestContainer container = TestContainer.start(settings(Map.of()), ServerTelemetry.class)) {
            container.get(Vendo.class).token("notion");
        }
        List<String> names = SPANS.getFinishedSpanItems().stream().map(SpanData::getName).toList();
        assertEquals(List.of("GET", "vendo token"), names);
        SpanData attempt = SPANS.getFinishedSpanItems().get(0);
        assertEquals("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-"
                + attempt.getSpanContext().getTraceFlags().asHex(), lastRequest().header("traceparent"));
    }

    @Test
    void theTraceContextStaysHomeWhenSwitchedOff() {
        try (TestContainer container = TestContainer.start(settings(Map.of("vendo.telemetry.trace-context", "false")),
                ServerTelemetry.class)) {
            container.get(Vendo.class).token("notion");
        }
        assertEquals(2, SPANS.getFinishedSpanItems().size());
        assertEquals(null, lastRequest().header("traceparent"));
    }

    @Test
    void nothingIsRecordedWhenTelemetryIsOff() {
        try (TestContainer container = TestContainer.start(settings(Map.of("vendo.telemetry.enabled", "false")),
                ServerTelemetry.class)) {
            container.get(Vendo.class).token("notion");
        }
        assertTrue(SPANS.getFinishedSpanItems().isEmpty());
        assertEquals(null, lastRequest().header("traceparent"));
    }

    @Test
    void withoutAnOpenTelemetryBeanNothingIsRecorded() {
        try (TestContainer container = TestContainer.start(settings(Map.of()))) {
            assertEquals(emulator.deployment().token("notion"), container.get(Vendo.class).token("notion"));
        }
        assertTrue(SPANS.getFinishedSpanItems().isEmpty());
        assertEquals(null, lastRequest().header("traceparent"));
    }

    private static run.vendo.testing.RecordedRequest lastRequest() {
        List<run.vendo.testing.RecordedRequest> requests = emulator.requests();
        return requests.get(requests.size() - 1);
    }
}
