package run.vendo.jakarta.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import run.vendo.WebhookEvent;
import run.vendo.jakarta.VendoEventType;
import run.vendo.jakarta.testsupport.TestContainer;
import run.vendo.testing.Await;
import run.vendo.testing.WebhookSigner;

/**
 * The webhook receiver in a real servlet container (Jetty 12, EE 10) on loopback, registered by
 * its listener as the jar's {@code web-fragment.xml} declares it, firing to observers in a Weld
 * container; deliveries signed by {@link WebhookSigner}.
 */
class WebhookReceiverTest {

    private static final String SECRET = "whsec_receiver_test_0123456789";
    private static final String WEBHOOKS = "/app/vendo/webhooks";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestContainer cdi;
    private Server server;
    private ServletContextHandler context;
    private final List<Socket> sockets = new ArrayList<>();
    private Unmanaged.UnmanagedInstance<WebhookRegistration> registration;

    /** Observers as an application writes them; what each saw, in order. */
    @ApplicationScoped
    public static class Observers {
        private final List<String> all = new CopyOnWriteArrayList<>();
        private final List<String> connected = new CopyOnWriteArrayList<>();
        private final List<String> async = new CopyOnWriteArrayList<>();
        private volatile String failOn;
        private volatile String holdOn;
        private volatile CountDownLatch entered = new CountDownLatch(1);
        private volatile CountDownLatch release = new CountDownLatch(1);

        List<String> all() {
            return all;
        }

        List<String> connected() {
            return connected;
        }

        List<String> async() {
            return async;
        }

        void failOn(String type) {
            failOn = type;
        }

        /** Makes the observer of every webhook wait, for deliveries of this type, until {@link #release()}. */
        void holdOn(String type) {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            holdOn = type;
        }

        /** Waits until a held delivery is inside the observer. */
        void awaitEntered() throws InterruptedException {
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the delivery reached the observer");
        }

        void release() {
            holdOn = null;
            release.countDown();
        }

        void any(@Observes WebhookEvent event) {
            if (event.type().equals(holdOn)) {
                entered.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("held and never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (event.type().equals(failOn)) {
                throw new IllegalStateException("observer failed on purpose");
            }
            all.add(event.id());
        }

        void connected(@Observes @VendoEventType("connection.connected") WebhookEvent event) {
            connected.add(event.id());
        }

        void later(@ObservesAsync WebhookEvent event) {
            async.add(event.id());
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
        if (observers != null) {
            observers.release();
        }
        if (server != null) {
            server.stop();
        }
        if (registration != null) {
            registration.preDestroy().dispose();
        }
        if (cdi != null) {
            cdi.close();
        }
    }

    private void start(Map<String, String> properties, Map<String, String> contextParams) throws Exception {
        cdi = TestContainer.start(properties, Observers.class);
        registration = new Unmanaged<>(cdi.weld().getBeanManager(), WebhookRegistration.class)
                .newInstance().produce().inject().postConstruct();
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        context = new ServletContextHandler();
        context.setContextPath("/app");
        contextParams.forEach(context::setInitParameter);
        context.addEventListener(registration.get());
        context.addServlet(new ServletHolder(new Ping()), "/ping");
        server.setHandler(context);
        server.start();
        observers = cdi.get(Observers.class);
    }

    /** Another endpoint of the application, that must stay served whatever the receiver is waiting for. */
    static final class Ping extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("pong");
        }
    }

    private void start() throws Exception {
        start(Map.of("vendo.webhook-secret", SECRET), Map.of());
    }

    private Observers observers;

    private Observers observers() {
        return observers;
    }

    private WebhookReceiver receiver() throws Exception {
        Servlet servlet = context.getServletHandler().getServlet(WebhookRegistration.SERVLET_NAME).getServlet();
        while (servlet instanceof ServletHolder.Wrapper wrapper) {
            servlet = wrapper.getWrapped(); // Jetty wraps a servlet that is not asynchronous
        }
        return (WebhookReceiver) servlet;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    private static String event(String id, String type) {
        return WebhookSigner.event(id, type, Instant.now(), Map.of("slug", "google"));
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> deliver(String body) throws Exception {
        return post("/app/vendo/webhooks", body, WebhookSigner.sign(SECRET, body));
    }

    @Test
    void aSignedDeliveryReachesSynchronousObserversBeforeTheAnswerThenAsynchronousOnes() throws Exception {
        start();
        HttpResponse<String> first = deliver(event("evt_1", "connection.connected"));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"received\":true}", first.body());
        assertEquals(List.of("evt_1"), observers().all(), "fired before the answer");
        assertEquals(List.of("evt_1"), observers().connected());

        HttpResponse<String> second = deliver(event("evt_2", "billing.cap_warned"));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(List.of("evt_1", "evt_2"), observers().all());
        assertEquals(List.of("evt_1"), observers().connected(), "the qualifier narrows to one type");
        Await.until(() -> observers().async().size() == 2, "both deliveries reach the asynchronous observer");
    }

    @Test
    void aDeliveryThatDoesNotVerifyIsA400ThatFiresNothing() throws Exception {
        start();
        String body = event("evt_bad", "connection.connected");
        Map<String, Map<String, String>> cases = new HashMap<>();
        cases.put("signed with another secret", WebhookSigner.sign("whsec_someone_else", body));
        cases.put("signed ten minutes ago", WebhookSigner.sign(SECRET, body, Instant.now().minusSeconds(600)));
        cases.put("no signature", Map.of("Vendo-Timestamp", String.valueOf(Instant.now().getEpochSecond())));
        Map<String, String> otherBody = WebhookSigner.sign(SECRET, event("evt_other", "connection.connected"));
        cases.put("a signature of another body", otherBody);
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            HttpResponse<String> answer = post("/app/vendo/webhooks", body, c.getValue());
            assertEquals(400, answer.statusCode(), c.getKey() + ": " + answer.body());
            assertEquals("webhook_invalid", answer.headers().firstValue("Vendo-Error-Code").orElse(""), c.getKey());
            assertTrue(answer.body().startsWith("{") && answer.body().contains("\"webhook_invalid\""), answer.body());
            assertFalse(answer.body().contains(SECRET), "never the secret");
        }
        HttpResponse<String> notAnEvent = post("/app/vendo/webhooks", "[1,2]", WebhookSigner.sign(SECRET, "[1,2]"));
        assertEquals(400, notAnEvent.statusCode(), notAnEvent.body());
        assertEquals(List.of(), observers().all());

        // A valid delivery after them: the refused ones would have been fired before it, asynchronously too.
        assertEquals(200, deliver(event("evt_marker", "billing.cap_warned")).statusCode());
        assertEquals(List.of("evt_marker"), observers().all());
        Await.until(() -> observers().async().contains("evt_marker"), "the marker reaches the asynchronous observer");
        assertEquals(List.of("evt_marker"), observers().async());
    }

    @Test
    void aBodyOverTheCapIsA413ThatFiresNothing() throws Exception {
        start();
        String big = WebhookSigner.event("evt_big", "connection.connected", Instant.now(),
                Map.of("padding", "x".repeat(WebhookReceiver.MAX_BODY_BYTES)));
        HttpResponse<String> answer = deliver(big);
        assertEquals(413, answer.statusCode(), answer.body());
        assertEquals("webhook_too_large", answer.headers().firstValue("Vendo-Error-Code").orElse(""));
        assertEquals(List.of(), observers().all());
    }

    @Test
    void onlyPostIsAnswered() throws Exception {
        start();
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(uri("/app/vendo/webhooks")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode(), get.body());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertEquals("method_not_allowed", get.headers().firstValue("Vendo-Error-Code").orElse(""));
    }

    @Test
    void anObserverThatThrowsIsA500SoThatVendoDeliversAgainAndTheRedeliveryIsHandled() throws Exception {
        start();
        observers().failOn("connection.connected");
        String body = event("evt_retry", "connection.connected");
        HttpResponse<String> failed = deliver(body);
        assertEquals(500, failed.statusCode(), failed.body());
        assertEquals("webhook_observer_failed", failed.headers().firstValue("Vendo-Error-Code").orElse(""));
        assertFalse(failed.body().contains("on purpose"), "the observer's message stays in the server");

        observers().failOn(null);
        HttpResponse<String> again = deliver(body);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(List.of("evt_retry"), observers().all());
    }

    @Test
    void aDeliveryHandledAlreadyIsAcknowledgedAndNotFiredTwice() throws Exception {
        start();
        String body = event("evt_once", "connection.connected");
        assertEquals(200, deliver(body).statusCode());
        HttpResponse<String> repeat = deliver(body);
        assertEquals(200, repeat.statusCode(), repeat.body());
        assertEquals("{\"received\":true,\"duplicate\":true}", repeat.body());
        Await.until(() -> observers().async().size() == 1, "the first delivery reaches the asynchronous observer");
        assertEquals(List.of("evt_once"), observers().all());

        // Another event after the repeat: had the repeat been fired, it would have been fired before this one.
        assertEquals(200, deliver(event("evt_marker", "billing.cap_warned")).statusCode());
        assertEquals(List.of("evt_once", "evt_marker"), observers().all());
        Await.until(() -> observers().async().contains("evt_marker"), "the marker reaches the asynchronous observer");
        assertEquals(List.of("evt_once", "evt_marker"), observers().async());
    }

    @Test
    void aRetryWhileTheFirstDeliveryIsInFlightIsNotAcknowledgedAndIsHandledOnceTheFirstFailed() throws Exception {
        start();
        String body = event("evt_in_flight", "connection.connected");
        Map<String, String> signed = WebhookSigner.sign(SECRET, body);
        observers().holdOn("connection.connected");
        observers().failOn("connection.connected");
        CompletableFuture<HttpResponse<String>> first = postAsync(body, signed);
        observers().awaitEntered();

        HttpResponse<String> retry = post(WEBHOOKS, body, signed);
        assertInFlight(retry);

        observers().release();
        HttpResponse<String> failed = first.get(30, TimeUnit.SECONDS);
        assertEquals(500, failed.statusCode(), failed.body());
        assertEquals(List.of(), observers().all(), "the first delivery failed");

        observers().failOn(null);
        HttpResponse<String> again = post(WEBHOOKS, body, signed);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("{\"received\":true}", again.body(), "handled, not taken for a duplicate");
        assertEquals(List.of("evt_in_flight"), observers().all());
        assertEquals("{\"received\":true,\"duplicate\":true}", post(WEBHOOKS, body, signed).body());
        assertEquals(List.of("evt_in_flight"), observers().all());
    }

    @Test
    void aRetryWhileTheFirstDeliveryIsInFlightIsADuplicateOnceTheFirstSucceeded() throws Exception {
        start();
        String body = event("evt_in_flight_ok", "connection.connected");
        Map<String, String> signed = WebhookSigner.sign(SECRET, body);
        observers().holdOn("connection.connected");
        CompletableFuture<HttpResponse<String>> first = postAsync(body, signed);
        observers().awaitEntered();

        assertInFlight(post(WEBHOOKS, body, signed));

        observers().release();
        HttpResponse<String> handled = first.get(30, TimeUnit.SECONDS);
        assertEquals(200, handled.statusCode(), handled.body());
        HttpResponse<String> retry = post(WEBHOOKS, body, signed);
        assertEquals(200, retry.statusCode(), retry.body());
        assertEquals("{\"received\":true,\"duplicate\":true}", retry.body());
        assertEquals(List.of("evt_in_flight_ok"), observers().all(), "observed once");
    }

    private static void assertInFlight(HttpResponse<String> answer) {
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("webhook_in_flight", answer.headers().firstValue("Vendo-Error-Code").orElse(""));
        assertEquals("5", answer.headers().firstValue("Retry-After").orElse(""));
        assertTrue(answer.body().startsWith("{\"error\":{\"code\":\"webhook_in_flight\""), answer.body());
        assertTrue(answer.body().contains("\"retry_after\":5"), answer.body());
    }

    @Test
    void aDeliveryThatCannotVerifyIsRefusedBeforeItsBodyIsRead() throws Exception {
        start(Map.of("vendo.webhook-secret", SECRET, "vendo.webhook-tolerance", "2m"), Map.of());
        String now = Long.toString(Instant.now().getEpochSecond());
        String zeros = "0".repeat(64);
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("unsigned", Map.of());
        cases.put("no timestamp", Map.of("Vendo-Signature", zeros));
        cases.put("no signature", Map.of("Vendo-Timestamp", now));
        cases.put("three minutes old, over the tolerance of 2m", Map.of("Vendo-Signature", zeros,
                "Vendo-Timestamp", Long.toString(Instant.now().minusSeconds(180).getEpochSecond())));
        cases.put("a timestamp that is no time", Map.of("Vendo-Signature", zeros, "Vendo-Timestamp", "now"));
        cases.put("a prefixed signature", Map.of("Vendo-Signature", "sha256=" + zeros, "Vendo-Timestamp", now));
        cases.put("a short signature", Map.of("Vendo-Signature", "abc", "Vendo-Timestamp", now));

        // Each announces a body of 1,000 bytes and sends one: a client that drips its body, or stops.
        long opened = System.nanoTime();
        Map<String, Socket> dripping = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> c : cases.entrySet()) {
            dripping.put(c.getKey(), drip(c.getValue(), 1000, 1));
        }
        for (Map.Entry<String, Socket> d : dripping.entrySet()) {
            RawAnswer answer = RawAnswer.read(d.getValue());
            assertEquals(400, answer.status(), d.getKey() + ": " + answer);
            assertEquals("webhook_invalid", answer.header("Vendo-Error-Code"), d.getKey());
            assertTrue(answer.body().startsWith("{\"error\":{\"code\":\"webhook_invalid\""), d.getKey() + answer);
            assertEquals("close", answer.header("Connection"), d.getKey() + ": " + answer);
            assertTrue(answer.closed(), d.getKey() + ": the connection is closed, not drained: " + answer);
        }
        long refusedMillis = Duration.ofNanos(System.nanoTime() - opened).toMillis();
        assertEquals(0, receiver().readsInProgress(), "no body is being read");
        assertEquals("pong", get("/app/ping").body(), "other requests are served");
        assertEquals(List.of(), observers().all());
        System.out.printf("WebhookReceiverTest: %d deliveries that cannot verify, each announcing 1000 body bytes "
                + "and sending 1, all refused (400, connection closed) within %d ms; 0 bodies being read%n",
                cases.size(), refusedMillis);
    }

    @Test
    void slowBodiesWithForgedWellFormedHeadersHoldAtMostTheCapOfReads() throws Exception {
        start();
        Map<String, String> forged = Map.of("Vendo-Timestamp", Long.toString(Instant.now().getEpochSecond()),
                "Vendo-Signature", "0".repeat(64));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < WebhookReceiver.MOST_CONCURRENT_READS; i++) {
            held.add(drip(forged, 1000, 1));
        }
        WebhookReceiver receiver = receiver();
        Await.until(() -> receiver.readsInProgress() == WebhookReceiver.MOST_CONCURRENT_READS,
                "every forged delivery is being read");

        long opened = System.nanoTime();
        RawAnswer busy = RawAnswer.read(drip(forged, 1000, 1));
        long refusedMillis = Duration.ofNanos(System.nanoTime() - opened).toMillis();
        assertEquals(503, busy.status(), busy.toString());
        assertEquals("webhook_busy", busy.header("Vendo-Error-Code"), busy.toString());
        assertEquals("5", busy.header("Retry-After"), busy.toString());
        assertTrue(busy.closed(), "the connection is closed, not drained: " + busy);

        String body = event("evt_while_busy", "connection.connected");
        HttpResponse<String> later = deliver(body);
        assertEquals(503, later.statusCode(), "Vendo is told to deliver again: " + later.body());
        assertEquals("webhook_busy", later.headers().firstValue("Vendo-Error-Code").orElse(""));
        assertEquals("pong", get("/app/ping").body(), "other requests are served");
        assertEquals(WebhookReceiver.MOST_CONCURRENT_READS, receiver.readsInProgress());

        held.get(0).close();
        Await.until(() -> receiver.readsInProgress() < WebhookReceiver.MOST_CONCURRENT_READS,
                "the read of a client that went away ends");
        HttpResponse<String> again = deliver(body);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(List.of("evt_while_busy"), observers().all());
        System.out.printf("WebhookReceiverTest: %d forged slow bodies held %d reads; the next delivery was refused "
                + "(503) in %d ms; other requests served%n", WebhookReceiver.MOST_CONCURRENT_READS,
                WebhookReceiver.MOST_CONCURRENT_READS, refusedMillis);
    }

    /**
     * Opens a delivery that announces {@code length} body bytes and sends only {@code sent} of them;
     * the connection stays open until the test ends.
     */
    private Socket drip(Map<String, String> headers, int length, int sent) throws IOException {
        Socket socket = new Socket("127.0.0.1", uri("/").getPort());
        sockets.add(socket);
        socket.setSoTimeout(20_000);
        StringBuilder head = new StringBuilder("POST /app/vendo/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        OutputStream out = socket.getOutputStream();
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(" ".repeat(sent).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** An answer read from a socket, and whether the server closed the connection after it. */
    private record RawAnswer(int status, Map<String, String> headers, String body, boolean closed) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        /** Reads to the end of the connection, or until the socket's timeout when the server keeps it open. */
        static RawAnswer read(Socket socket) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            boolean closed = false;
            try {
                InputStream in = socket.getInputStream();
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    bytes.write(buffer, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException stillOpen) {
                // answered (or not) and kept open
            } catch (SocketException reset) {
                closed = bytes.size() > 0;
            }
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                throw new AssertionError("no answer within the socket's timeout: " + bytes.size() + " bytes");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String[] lines = text.substring(0, end).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new RawAnswer(Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4), closed);
        }
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(WEBHOOKS)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePathIsASetting() throws Exception {
        start(Map.of("vendo.webhook-secret", SECRET, "vendo.webhooks.path", "/hooks/vendo"), Map.of());
        String body = event("evt_path", "connection.connected");
        assertEquals(200, post("/app/hooks/vendo", body, WebhookSigner.sign(SECRET, body)).statusCode());
        assertNoReceiverAt("/app/vendo/webhooks");
    }

    @Test
    void withoutASecretOrWhenSwitchedOffNothingIsRegistered() throws Exception {
        start(Map.of(), Map.of());
        assertNoReceiverAt("/app/vendo/webhooks");
        stop();

        start(Map.of("vendo.webhook-secret", SECRET), Map.of(WebhookRegistration.PARAM_NAME_WEBHOOKS_ENABLED, "false"));
        assertNoReceiverAt("/app/vendo/webhooks");
    }

    /** A valid delivery to {@code path} is not received: Jetty answers a POST nobody serves with 404 or 405. */
    private void assertNoReceiverAt(String path) throws Exception {
        String body = event("evt_nobody", "connection.connected");
        HttpResponse<String> answer = post(path, body, WebhookSigner.sign(SECRET, body));
        assertTrue(answer.statusCode() == 404 || answer.statusCode() == 405, answer.statusCode() + " " + answer.body());
        assertTrue(answer.headers().firstValue("Vendo-Error-Code").isEmpty(), "not the receiver's answer");
        assertFalse(observers().all().contains("evt_nobody"));
    }
}
