package run.vendo.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import run.vendo.Vendo;
import run.vendo.testing.VendoEmulator;

/**
 * What telemetry costs a {@code token()}: a user-scoped view of a client built without an {@code
 * OpenTelemetry} ({@code Off}: the no-op recorder, the default) and of one built with an OpenTelemetry
 * SDK ({@code On}), each against a {@link VendoEmulator} of its own.
 *
 * <p>{@code hitOff} is {@link CachedTokenBenchmark#userViewToken()} again (a client without an {@code
 * OpenTelemetry} records through the no-op recorder), so the two must agree within noise in one run.
 * {@code hitOn} is the same call with the SDK: every call starts, makes current and ends an INTERNAL
 * span {@code vendo token} and adds one to the counter {@code vendo.token.lookups}. {@code missOff} and
 * {@code missOn} call {@code invalidate(slug)} before each {@code token(slug)}, so every call goes to
 * the emulator on loopback; with the SDK a miss also makes a CLIENT span for its HTTP attempt, sends
 * its {@code traceparent} and records a point of {@code http.client.request.duration}. What the miss
 * figures add to the hit figures is one request over loopback and the emulator's answer, which a real
 * credentials worker across a network would make much longer; the on/off difference is telemetry's.
 *
 * <p>The SDK samples every span ({@code Sampler.alwaysOn()}; the default sampler keeps these root spans
 * too, it is set so that the figures do not rest on a default) and ends each span into a {@link
 * SimpleSpanProcessor} whose exporter counts the spans and discards them, so what is measured is the
 * client and the SDK, not a network exporter. A production setup has a {@code BatchSpanProcessor} (the
 * SDK's autoconfiguration builds one for an exporter), which on the calling thread only queues the
 * ended span and leaves its conversion to {@code SpanData} and its export to a worker thread. It cannot
 * be measured this way: a loop that ends a span every microsecond outruns the worker on two cores; with
 * its defaults (a queue of 2,048 spans, batches of 512) it dropped 216,034 of {@code hitOn}'s 4,967,827
 * spans (4 %) in a run on this machine, logging a warning for each burst, so its figure would be partly
 * the cost of dropping. The simple processor does on the calling thread what a batch processor splits
 * between the caller and its worker: its figure is the whole work of recording a span, more than the
 * caller's share of it with a batch processor. The meter provider has a registered reader, so the
 * instruments record; it is a pull reader collected once, in the tear-down, as a Prometheus endpoint
 * scraped rarely would be, so no collection falls in a measurement.
 *
 * <p>The hit benchmarks warm up for 10 s and the miss benchmarks for 15 s (the HTTP path makes a few
 * thousand calls a second): with 3 s, on two cores busy with other builds, both were still getting
 * faster from one measured iteration to the next.
 *
 * <p>Run with the GC profiler for bytes per call ({@code gc.alloc.rate.norm}); JMH counts every
 * thread's allocations, so the miss figures include the emulator's side of each request:
 *
 * <pre>
 * java -jar vendo-benchmarks/target/benchmarks.jar \
 *     "TelemetryBenchmark|CachedTokenBenchmark.userViewToken$" -prof gc
 * </pre>
 *
 * The tear-downs fail the run if a premise broke: a hit benchmark whose emulator saw a lookup after the
 * warm-up, a miss benchmark whose emulator did not see exactly one lookup per call, or, with the SDK,
 * counted lookups, recorded request durations or exported spans that do not match the calls made.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class TelemetryBenchmark {

    private static final String USER = "bench-user";
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("vendo.outcome");

    /** A root client and a user view with the user's token cached, against an emulator of its own. */
    public abstract static class Client {

        VendoEmulator emulator;
        Vendo root;
        Vendo user;
        /** How many times a miss benchmark called {@code token()}; the hit benchmarks leave it at 0. */
        long misses;

        // Not final, so that the JIT cannot fold the lookups into constants.
        String slug = "google";

        /** Builds the root client; {@code builder} is set up for the emulator. */
        abstract Vendo build(Vendo.Builder builder);

        void start() {
            emulator = VendoEmulator.start();
            String expected = emulator.user(USER).connect(slug);
            root = build(Vendo.builder().environment(emulator.environment()));
            user = root.forUser(emulator.mintUserJwt(USER));
            if (!expected.equals(user.token(slug))) {
                throw new IllegalStateException("warm-up returned the wrong token");
            }
        }

        /** The emulator's lookups of the user's token: the warm-up's and one per miss. */
        void checkLookups() {
            int lookups = emulator.tokenCalls(USER, slug);
            if (lookups != 1 + misses) {
                throw new IllegalStateException("expected " + (1 + misses) + " lookups (the warm-up's and one per"
                        + " measured miss), but the emulator saw " + lookups);
            }
        }

        void stop() {
            root.close();
            emulator.close();
        }
    }

    /** A client built without an {@code OpenTelemetry}. */
    @State(Scope.Benchmark)
    public static class Off extends Client {

        @Override
        Vendo build(Vendo.Builder builder) {
            return builder.build();
        }

        @Setup(Level.Trial)
        public void setUp() {
            start();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                checkLookups();
            } finally {
                stop();
            }
        }
    }

    /** A client given an OpenTelemetry SDK that samples every span and whose instruments record. */
    @State(Scope.Benchmark)
    public static class On extends Client {

        CountingExporter spans;
        PullReader metrics;
        OpenTelemetrySdk otel;

        @Override
        Vendo build(Vendo.Builder builder) {
            spans = new CountingExporter();
            metrics = new PullReader();
            otel = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .setSampler(Sampler.alwaysOn())
                            .addSpanProcessor(SimpleSpanProcessor.create(spans))
                            .build())
                    .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                    .build();
            return builder.openTelemetry(otel).build();
        }

        @Setup(Level.Trial)
        public void setUp() {
            start();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                checkLookups();
                checkTelemetry();
            } finally {
                stop();
                otel.close();
            }
        }

        /** Every lookup counted, every attempt timed, every span exported (none dropped). */
        private void checkTelemetry() {
            Collection<MetricData> collected = metrics.collect();
            long hits = lookups(collected, "hit");
            long missed = lookups(collected, "miss");
            long timed = requestDurations(collected);
            if (missed != 1 + misses || timed != missed) {
                throw new IllegalStateException("expected " + (1 + misses) + " lookups counted as misses and as many"
                        + " request durations, but the meter recorded " + missed + " and " + timed);
            }
            // One INTERNAL span per lookup; a miss adds the CLIENT span of its HTTP attempt.
            long expected = hits + 2 * missed;
            long exported = spans.exported.get();
            if (exported != expected) {
                throw new IllegalStateException("expected " + expected + " spans (" + hits + " hits, " + missed
                        + " misses), but " + exported + " were exported");
            }
            System.out.printf("%n(%d lookups counted: %d hits, %d misses; %d spans exported)%n",
                    hits + missed, hits, missed, exported);
        }

        private static long lookups(Collection<MetricData> collected, String outcome) {
            return collected.stream()
                    .filter(m -> m.getName().equals("vendo.token.lookups"))
                    .flatMap(m -> m.getLongSumData().getPoints().stream())
                    .filter(p -> outcome.equals(p.getAttributes().get(OUTCOME)))
                    .mapToLong(LongPointData::getValue)
                    .sum();
        }

        private static long requestDurations(Collection<MetricData> collected) {
            return collected.stream()
                    .filter(m -> m.getName().equals("http.client.request.duration"))
                    .flatMap(m -> m.getHistogramData().getPoints().stream())
                    .mapToLong(HistogramPointData::getCount)
                    .sum();
        }
    }

    /** An exporter that counts the spans it is given and discards them. */
    static final class CountingExporter implements SpanExporter {

        final AtomicLong exported = new AtomicLong();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            exported.addAndGet(batch.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** A reader collected on demand, with cumulative temporality, as a Prometheus endpoint is. */
    static final class PullReader implements MetricReader {

        private volatile CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration collectionRegistration) {
            this.registration = collectionRegistration;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        Collection<MetricData> collect() {
            return registration.collectAllMetrics();
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** A cached token on a user view, no OpenTelemetry: {@code CachedTokenBenchmark.userViewToken}. */
    @Benchmark
    public String hitOff(Off client) {
        return client.user.token(client.slug);
    }

    /** A cached token on a user view, with the OpenTelemetry SDK. */
    @Benchmark
    public String hitOn(On client) {
        return client.user.token(client.slug);
    }

    /** A lookup that goes to the emulator, no OpenTelemetry. */
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public String missOff(Off client) {
        client.misses++;
        client.user.invalidate(client.slug);
        return client.user.token(client.slug);
    }

    /** A lookup that goes to the emulator, with the OpenTelemetry SDK. */
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public String missOn(On client) {
        client.misses++;
        client.user.invalidate(client.slug);
        return client.user.token(client.slug);
    }
}
