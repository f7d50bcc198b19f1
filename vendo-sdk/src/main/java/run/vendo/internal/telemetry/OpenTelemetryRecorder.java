package run.vendo.internal.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import run.vendo.errors.VendoError;

/**
 * Telemetry through the OpenTelemetry API: the only class of the client that uses it. Spans and
 * metrics follow the HTTP semantic conventions for each attempt; operation spans carry {@code
 * vendo.slug} and {@code vendo.outcome}. Nothing that identifies a user or authorizes a call is
 * recorded: no token, JWT, App Key, user id, URL query or exception message.
 */
public final class OpenTelemetryRecorder implements Telemetry {

    /** The instrumentation scope of every span and metric. */
    public static final String SCOPE = "run.vendo.sdk";

    static final AttributeKey<String> SLUG = AttributeKey.stringKey("vendo.slug");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("vendo.outcome");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("vendo.event.type");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");

    /** The HTTP semantic conventions' advice for {@code http.client.request.duration}, in seconds. */
    static final List<Double> DURATION_BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private final Tracer tracer;
    private final Meter meter;
    private final boolean propagate;
    private final DoubleHistogram duration;
    private final LongCounter lookups;
    private final LongCounter refreshes;
    private final LongCounter reconnects;
    private final LongCounter deliveries;
    private volatile ObservableLongUpDownCounter cachedTokens;

    /**
     * Telemetry through {@code openTelemetry}.
     *
     * @param openTelemetry where spans and metrics go
     * @param propagate whether each HTTP attempt sends its W3C trace context to Vendo
     * @param version this library's version, for the instrumentation scope
     */
    public OpenTelemetryRecorder(OpenTelemetry openTelemetry, boolean propagate, String version) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.tracer = openTelemetry.getTracerProvider().tracerBuilder(SCOPE).setInstrumentationVersion(version).build();
        this.meter = openTelemetry.getMeterProvider().meterBuilder(SCOPE).setInstrumentationVersion(version).build();
        this.propagate = propagate;
        this.duration = durationHistogram(meter);
        this.lookups = counter("vendo.token.lookups", "{lookup}", "Token lookups, by outcome.");
        this.refreshes = counter("vendo.token.refreshes", "{refresh}", "Background token refreshes, by outcome.");
        this.reconnects = counter("vendo.events.reconnects", "{reconnect}", "Event stream reconnections.");
        this.deliveries = counter("vendo.webhooks.deliveries", "{delivery}", "Webhook deliveries, by outcome.");
    }

    /**
     * The request duration histogram, with the conventions' buckets where the API can advise them
     * (1.32 and later); an older API, as some servers ship, gets its SDK's default buckets.
     */
    private static DoubleHistogram durationHistogram(Meter meter) {
        DoubleHistogramBuilder builder = meter.histogramBuilder("http.client.request.duration")
                .setUnit("s")
                .setDescription("Duration of HTTP client requests to Vendo.");
        try {
            builder.setExplicitBucketBoundariesAdvice(DURATION_BUCKETS);
        } catch (NoSuchMethodError olderApi) {
            // the buckets stay the SDK's
        }
        return builder.build();
    }

    private LongCounter counter(String name, String unit, String description) {
        return meter.counterBuilder(name).setUnit(unit).setDescription(description).build();
    }

    @Override
    public Operation start(VendoOperation operation, String slug) {
        return new TracedOperation(operation, slug, tracer.spanBuilder(operation.spanName())
                .setSpanKind(SpanKind.INTERNAL));
    }

    @Override
    public Operation startLinked(VendoOperation operation, String slug, Cause cause) {
        SpanBuilder builder = tracer.spanBuilder(operation.spanName()).setSpanKind(SpanKind.INTERNAL).setNoParent();
        if (cause instanceof SpanCause span && span.context.isValid()) {
            builder.addLink(span.context);
        }
        return new TracedOperation(operation, slug, builder);
    }

    @Override
    public Cause cause() {
        return new SpanCause(Span.current().getSpanContext());
    }

    @Override
    public Attempt attempt(String method, URI uri, int resendCount) {
        return new TracedAttempt(method, uri, resendCount);
    }

    @Override
    public void observeCachedTokens(LongSupplier tokens) {
        cachedTokens = meter.upDownCounterBuilder("vendo.token.cached")
                .setUnit("{token}")
                .setDescription("Tokens in the client's cache.")
                .buildWithCallback(measurement -> measurement.record(tokens.getAsLong()));
    }

    @Override
    public void close() {
        ObservableLongUpDownCounter observed = cachedTokens;
        if (observed != null) {
            observed.close();
        }
    }

    @Override
    public String toString() {
        return "OpenTelemetryRecorder[propagate=" + propagate + "]";
    }

    /** The error type of a failure: a Vendo error's code, else the exception's class. */
    static String errorType(Throwable failure) {
        return failure instanceof VendoError e ? e.code() : failure.getClass().getName();
    }

    private record SpanCause(SpanContext context) implements Cause {}

    private final class TracedOperation implements Operation {
        private final VendoOperation operation;
        private final Span span;
        private final Scope scope;
        private String outcome = Outcome.OK;
        private String errorType;

        TracedOperation(VendoOperation operation, String slug, SpanBuilder builder) {
            this.operation = operation;
            if (slug != null) {
                builder.setAttribute(SLUG, slug);
            }
            this.span = builder.startSpan();
            this.scope = span.makeCurrent();
        }

        @Override
        public Operation outcome(String value) {
            this.outcome = value;
            return this;
        }

        @Override
        public Operation eventType(String type) {
            span.setAttribute(EVENT_TYPE, type);
            return this;
        }

        @Override
        public void failed(Throwable failure) {
            failed(errorType(failure));
        }

        @Override
        public void failed(String type) {
            outcome = Outcome.ERROR;
            errorType = type;
        }

        @Override
        public void end() {
            span.setAttribute(OUTCOME, outcome);
            if (errorType != null) {
                span.setAttribute(ERROR_TYPE, errorType);
                span.setStatus(StatusCode.ERROR, errorType);
            }
            scope.close();
            span.end();
            LongCounter counter = switch (operation.counted()) {
                case TOKEN_LOOKUPS -> lookups;
                case TOKEN_REFRESHES -> refreshes;
                case EVENT_RECONNECTS -> reconnects;
                case WEBHOOK_DELIVERIES -> deliveries;
                case NONE -> null;
            };
            if (counter != null) {
                counter.add(1, errorType == null ? Attributes.of(OUTCOME, outcome)
                        : Attributes.of(OUTCOME, outcome, ERROR_TYPE, errorType));
            }
        }
    }

    private final class TracedAttempt implements Attempt {
        private final long startNanos = System.nanoTime();
        private final Span span;
        private final Attributes common;

        TracedAttempt(String method, URI uri, int resendCount) {
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            this.common = Attributes.of(METHOD, method, SERVER_ADDRESS, uri.getHost(), SERVER_PORT, (long) port,
                    URL_SCHEME, uri.getScheme());
            SpanBuilder builder = tracer.spanBuilder(method).setSpanKind(SpanKind.CLIENT).setAllAttributes(common)
                    .setAttribute(URL_FULL, uri.getScheme() + "://" + uri.getHost()
                            + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + uri.getRawPath());
            if (resendCount > 0) {
                builder.setAttribute(RESEND_COUNT, (long) resendCount);
            }
            this.span = builder.startSpan();
        }

        @Override
        public void inject(BiConsumer<String, String> header) {
            if (propagate) {
                W3CTraceContextPropagator.getInstance().inject(Context.current().with(span), header,
                        (carrier, key, value) -> carrier.accept(key, value));
            }
        }

        @Override
        public void answered(int status, String errorCode) {
            String error = status >= 400 ? (errorCode != null ? errorCode : Integer.toString(status)) : null;
            end(status, error);
        }

        @Override
        public void failed(Throwable failure) {
            end(-1, errorType(failure));
        }

        private void end(int status, String error) {
            AttributesBuilder metric = common.toBuilder();
            if (status > 0) {
                span.setAttribute(STATUS, (long) status);
                metric.put(STATUS, (long) status);
            }
            if (error != null) {
                span.setAttribute(ERROR_TYPE, error);
                span.setStatus(StatusCode.ERROR, error);
                metric.put(ERROR_TYPE, error);
            }
            span.end();
            duration.record((System.nanoTime() - startNanos) / 1e9, metric.build());
        }
    }
}
