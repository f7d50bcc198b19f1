package run.vendo;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import run.vendo.testing.EmulatedIdentity;
import run.vendo.testing.VendoEmulator;

/**
 * An OpenTelemetry SDK whose spans and metrics stay in memory, for a test to read back, and the
 * check that none of it holds a secret: every span's name, status, attributes, event and link
 * attributes, and every metric point's attributes.
 */
final class RecordedTelemetry implements AutoCloseable {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    OpenTelemetrySdk openTelemetry() {
        return sdk;
    }

    List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    /** Collects the metrics now, as a reader would. */
    Collection<MetricData> metrics() {
        return metrics.collectAllMetrics();
    }

    /**
     * What the emulator knows to be secret: the App Key, the webhook secret, every token it holds,
     * every identity token it was sent, and every user id.
     */
    static Set<String> secretsOf(VendoEmulator emulator) {
        Set<String> secrets = new LinkedHashSet<>(List.of(emulator.apiKey(), emulator.webhookSecret()));
        List<EmulatedIdentity> identities = new ArrayList<>(emulator.users());
        identities.add(emulator.deployment());
        for (EmulatedIdentity identity : identities) {
            identity.slugs().forEach(slug -> secrets.add(identity.token(slug)));
        }
        emulator.users().forEach(user -> secrets.add(user.name()));
        emulator.requests().forEach(request -> secrets.addAll(request.headers(VendoHeaders.USER_JWT)));
        secrets.remove(null);
        return secrets;
    }

    /** Fails when any recorded text contains one of {@code secrets}. */
    void assertNothingOf(Collection<String> secrets) {
        List<String> recorded = new ArrayList<>();
        for (SpanData span : spans()) {
            recorded.add(span.getName());
            recorded.add(span.getStatus().getDescription());
            recorded.add(span.getAttributes().toString());
            span.getEvents().forEach(event -> recorded.add(event.getName() + event.getAttributes()));
            span.getLinks().forEach(link -> recorded.add(link.getAttributes().toString()));
        }
        for (MetricData metric : metrics()) {
            recorded.add(metric.getName());
            metric.getData().getPoints().forEach(point -> recorded.add(point.getAttributes().toString()));
        }
        for (String secret : secrets) {
            for (String text : recorded) {
                assertFalse(text.contains(secret), "a secret was recorded: " + text.replace(secret, "<secret>"));
            }
        }
    }

    @Override
    public void close() {
        sdk.close();
    }
}
