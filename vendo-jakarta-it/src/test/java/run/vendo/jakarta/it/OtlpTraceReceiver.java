package run.vendo.jakarta.it;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in the test JVM: a {@link HttpServer} on a free loopback port that
 * takes {@code POST .../v1/traces} with a protobuf {@code ExportTraceServiceRequest} (gzipped or
 * not), keeps every span it decodes and the raw bodies, and answers an empty {@code
 * ExportTraceServiceResponse}. Metrics and logs are answered 200 and dropped; any other body (OTLP
 * JSON, say) is answered 415 and counted, so a misconfigured exporter shows in failure messages.
 */
final class OtlpTraceReceiver implements AutoCloseable {

    /** One received span, flattened: ids in lower-case hex, attribute values as Java values. */
    record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
            String scope, Map<String, Object> attributes, Map<String, Object> resource,
            List<Map<String, Object>> eventAttributes) {

        Object attribute(String key) {
            return attributes.get(key);
        }

        /** Every string in the span: its name, attribute keys and values, events, and its resource. */
        List<String> strings() {
            List<String> all = new ArrayList<>();
            all.add(name);
            flatten(attributes, all);
            flatten(resource, all);
            eventAttributes.forEach(e -> flatten(e, all));
            return all;
        }

        private static void flatten(Object value, List<String> into) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    into.add(String.valueOf(k));
                    flatten(v, into);
                });
            } else if (value instanceof List<?> list) {
                list.forEach(v -> flatten(v, into));
            } else {
                into.add(String.valueOf(value));
            }
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    private OtlpTraceReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpTraceReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
            OtlpTraceReceiver receiver = new OtlpTraceReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread thread = new Thread(r, "otlp-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OTLP receiver", e);
        }
    }

    /** The base URL for {@code otel.exporter.otlp.endpoint}: the exporters add {@code /v1/traces}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Every request body received on {@code /v1/traces}, as sent (after gzip). */
    List<byte[]> bodies() {
        return List.copyOf(bodies);
    }

    /** What was refused, one line per request: method, path, content type. */
    List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** Waits until {@code ready} holds for the spans received so far, or the timeout passes; returns them. */
    List<ReceivedSpan> await(Duration timeout, Predicate<List<ReceivedSpan>> ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedSpan> now = spans();
            if (ready.test(now) || System.nanoTime() > deadline) {
                return now;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] body = read(exchange);
            if (!"POST".equals(exchange.getRequestMethod())) {
                reject(exchange, 405, path, type);
                return;
            }
            if (path.endsWith("/v1/metrics") || path.endsWith("/v1/logs")) {
                reply(exchange, 200, new byte[0]);
                return;
            }
            if (!path.endsWith("/v1/traces") || !type.toLowerCase(Locale.ROOT).contains("protobuf")) {
                reject(exchange, 415, path, type);
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                reject(exchange, 400, path, type + " (" + e.getMessage() + ")");
                return;
            }
            bodies.add(body);
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                Map<String, Object> resource = attributes(resourceSpans.getResource());
                for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                    String scope = scopeSpans.getScope().getName();
                    for (io.opentelemetry.proto.trace.v1.Span span : scopeSpans.getSpansList()) {
                        List<Map<String, Object>> events = new ArrayList<>();
                        span.getEventsList().forEach(e -> events.add(attributes(e.getAttributesList())));
                        spans.add(new ReceivedSpan(HEX.formatHex(span.getTraceId().toByteArray()),
                                HEX.formatHex(span.getSpanId().toByteArray()),
                                HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                                span.getKind().name().replace("SPAN_KIND_", ""), scope,
                                attributes(span.getAttributesList()), resource, events));
                    }
                }
            }
            reply(exchange, 200, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        }
    }

    private void reject(HttpExchange exchange, int status, String path, String type) throws IOException {
        rejected.add(exchange.getRequestMethod() + " " + path + " " + type + " -> " + status);
        reply(exchange, status, new byte[0]);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    private static Map<String, Object> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private static Map<String, Object> attributes(List<KeyValue> keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        keyValues.forEach(kv -> map.put(kv.getKey(), value(kv.getValue())));
        return map;
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpTraceReceiver::value).toList();
            case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
            case BYTES_VALUE -> new String(value.getBytesValue().toByteArray(), StandardCharsets.ISO_8859_1);
            default -> "";
        };
    }
}
