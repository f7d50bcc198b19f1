package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static run.vendo.jakarta.it.VendoAssertions.assertToken;
import static run.vendo.jakarta.it.VendoAssertions.assertVendoError;
import static run.vendo.jakarta.it.VendoAssertions.describe;
import static run.vendo.jakarta.it.app.EventObservers.STREAM;
import static run.vendo.jakarta.it.app.EventObservers.STREAM_ASYNC;
import static run.vendo.jakarta.it.app.EventObservers.WEBHOOK;
import static run.vendo.jakarta.it.app.EventObservers.WEBHOOK_ASYNC;
import static run.vendo.jakarta.it.app.EventObservers.WEBHOOK_CONNECTED;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.app.EventObservers;
import run.vendo.jakarta.it.app.EventsResource;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.WebhookSigner;

/**
 * Vendo's webhooks and event stream as CDI events, in the Vendo test application with a webhook
 * secret and {@code vendo.events.enabled=true}, against the emulator: the receiver the jar's
 * web-fragment registers at {@code /vendo/webhooks} verifies signed deliveries and fires them to
 * synchronous, qualified and asynchronous observers ({@link EventObservers}, read back over HTTP
 * through {@link EventsResource}); the stream held from start-up fires the emulator's events, and a
 * {@code connection.*} event drops the cached tokens of its slug.
 */
@ExtendWith(ArquillianExtension.class)
class EventsIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";
    private static final String WEBHOOKS = "vendo/webhooks";
    private static final String RECEIVED = "{\"received\":true}";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How many bodies the receiver reads at once. */
    private static final int MOST_CONCURRENT_READS = 8;
    /** Slow deliveries at once: more than the request threads of WildFly (32 here) and Payara Micro (200). */
    private static final int SLOW_CONNECTIONS = 240;
    /** Far longer than a refusal takes; the body's 999 missing bytes never come. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(15);

    /** At least 20 characters, so that the secrets-in-logs check looks for it. */
    private static final String WEBHOOK_SECRET = "whsec_" + randomHex(24);

    private static final VendoEmulator EMULATOR = VendoEmulator.start();
    private static final List<String> MINTED = new ArrayList<>();
    private static final Map<String, String> OTHER_SECRETS = new LinkedHashMap<>();

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = VendoWars.emulatorSettings(EMULATOR);
        settings.put("vendo.webhook-secret", WEBHOOK_SECRET);
        settings.put("vendo.events.enabled", "true");
        return VendoWars.app("events.war", settings).addClasses(EventObservers.class, EventsResource.class);
    }

    @AfterAll
    static void stopEmulator() {
        OTHER_SECRETS.put(WEBHOOK_SECRET, "webhook_secret");
        SecretLedger.record(EventsIT.class, EMULATOR, MINTED, OTHER_SECRETS);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void aSignedWebhookReachesTheSynchronousTheQualifiedAndTheAsynchronousObservers() {
        String connected = newId();
        HttpResponse<String> answer = deliver(connected, "connection.connected", Map.of("slug", "google"));
        assertReceived(answer);

        // The answer came once the synchronous observers had returned: they show it at once.
        Seen seen = seen();
        assertEquals(List.of("{slug=google}"), seen.data(WEBHOOK, connected), seen::toString);
        assertEquals(1, seen.count(WEBHOOK_CONNECTED, connected), seen::toString);

        String capped = newId();
        assertReceived(deliver(capped, "billing.cap_tripped", Map.of("cap", 10)));
        seen = seen();
        assertEquals(1, seen.count(WEBHOOK, capped), seen::toString);
        assertEquals(0, seen.count(WEBHOOK_CONNECTED, capped), "the qualified observer sees its type only: " + seen);

        Seen later = awaitSeen(s -> s.count(WEBHOOK_ASYNC, connected) == 1 && s.count(WEBHOOK_ASYNC, capped) == 1);
        assertEquals(List.of("{slug=google}"), later.data(WEBHOOK_ASYNC, connected), later::toString);
        assertEquals(0, later.count(STREAM, connected) + later.count(STREAM, capped), "webhooks are not stream events");
    }

    @Test
    void badDeliveriesAreRefusedWithAJsonErrorAndFireNothing() {
        int before = seen().total(WEBHOOK);
        List<String> refused = new ArrayList<>();

        String forged = newId();
        refused.add(forged);
        String body = WebhookSigner.event(forged, "connection.connected", Instant.now(), Map.of("slug", "google"));
        Map<String, String> headers = WebhookSigner.sign(WEBHOOK_SECRET, body);
        String signature = headers.get(WebhookSigner.SIGNATURE_HEADER);
        String flipped = signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");
        assertVendoError(post(body, WebhookSigner.SIGNATURE_HEADER, flipped,
                WebhookSigner.TIMESTAMP_HEADER, headers.get(WebhookSigner.TIMESTAMP_HEADER)), 400, "webhook_invalid");

        String otherSecret = newId();
        refused.add(otherSecret);
        body = WebhookSigner.event(otherSecret, "connection.connected", Instant.now(), Map.of("slug", "google"));
        assertVendoError(post(body, WebhookSigner.sign("whsec_not-this-deployments-secret", body)),
                400, "webhook_invalid");

        String unsigned = newId();
        refused.add(unsigned);
        body = WebhookSigner.event(unsigned, "connection.connected", Instant.now(), Map.of("slug", "google"));
        assertVendoError(post(body, Map.of()), 400, "webhook_invalid");

        String stale = newId();
        refused.add(stale);
        body = WebhookSigner.event(stale, "connection.connected", Instant.now(), Map.of("slug", "google"));
        HttpResponse<String> staleAnswer = post(body,
                WebhookSigner.sign(WEBHOOK_SECRET, body, Instant.now().minus(Duration.ofMinutes(10))));
        assertVendoError(staleAnswer, 400, "webhook_invalid");
        assertTrue(staleAnswer.body().contains("stale"), () -> describe(staleAnswer));

        // Signed, but nested deeper than the JSON parser allows: refused as any malformed body, never a 500.
        String deep = newId();
        refused.add(deep);
        body = "{\"id\":\"" + deep + "\",\"type\":\"t\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertVendoError(post(body, WebhookSigner.sign(WEBHOOK_SECRET, body)), 400, "webhook_invalid");

        // Signed, with a line separator in its type: it would split the log lines that name it.
        String separated = newId();
        refused.add(separated);
        body = WebhookSigner.event(separated, "connection.connected\u2028forged", Instant.now(), Map.of());
        assertVendoError(post(body, WebhookSigner.sign(WEBHOOK_SECRET, body)), 400, "webhook_invalid");

        // Over 1 MiB, signed: with a Content-Length, and chunked (no length: the receiver reads and counts).
        String large = newId();
        refused.add(large);
        body = WebhookSigner.event(large, "connection.connected", Instant.now(),
                Map.of("slug", "google", "padding", "x".repeat(1 << 20)));
        String signedLarge = body;
        assertTooLargeOrDropped(() -> post(signedLarge, WebhookSigner.sign(WEBHOOK_SECRET, signedLarge)));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(bytes));
        assertTooLargeOrDropped(() -> Http.post(base, WEBHOOKS, chunked,
                headers(WebhookSigner.sign(WEBHOOK_SECRET, signedLarge))));

        HttpResponse<String> get = Http.get(base, WEBHOOKS);
        assertVendoError(get, 405, "method_not_allowed");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(null), () -> describe(get));

        assertEquals(before, seen().total(WEBHOOK), "a refused delivery reached the synchronous observer");
        // A good delivery after them: once its asynchronous notification is in, none of theirs is on its way.
        String marker = newId();
        assertReceived(deliver(marker, "test.marker", Map.of()));
        Seen seen = awaitSeen(s -> s.count(WEBHOOK_ASYNC, marker) == 1);
        assertEquals(before + 1, seen.total(WEBHOOK), seen::toString);
        for (String id : refused) {
            assertEquals(0, seen.anywhere(id), () -> id + " was observed: " + seen);
        }
    }

    @Test
    void aFailingObserverIsA500AndTheRedeliveryIsObservedOnce() {
        String id = newId();
        String body = WebhookSigner.event(id, "test.failing", Instant.now(), Map.of("attempt", "any"));
        Map<String, String> headers = WebhookSigner.sign(WEBHOOK_SECRET, body);

        failFor("test.failing");
        try {
            assertVendoError(post(body, headers), 500, "webhook_observer_failed");
            // The failed delivery was forgotten: Vendo's retry is handled, not taken for a duplicate.
            assertVendoError(post(body, headers), 500, "webhook_observer_failed");
            assertEquals(0, seen().anywhere(id), () -> "a failed delivery was written down: " + seen());
        } finally {
            failFor("");
        }

        assertReceived(post(body, headers));
        assertEquals(1, seen().count(WEBHOOK, id));

        HttpResponse<String> duplicate = post(body, headers);
        assertEquals(200, duplicate.statusCode(), () -> describe(duplicate));
        assertEquals("{\"received\":true,\"duplicate\":true}", duplicate.body(), () -> describe(duplicate));
        assertEquals(1, seen().count(WEBHOOK, id), "a duplicate was fired again");

        String marker = newId();
        assertReceived(deliver(marker, "test.marker", Map.of()));
        Seen seen = awaitSeen(s -> s.count(WEBHOOK_ASYNC, id) >= 1 && s.count(WEBHOOK_ASYNC, marker) == 1);
        assertEquals(1, seen.count(WEBHOOK, id), seen::toString);
        assertEquals(1, seen.count(WEBHOOK_ASYNC, id), "asynchronous observers: the accepted delivery only; " + seen);
    }

    @Test
    void aRetryWhileTheFirstDeliveryIsInFlightIsNotAcknowledgedAndIsObservedOnceTheFirstFailed() throws Exception {
        String id = newId();
        String body = WebhookSigner.event(id, "test.in-flight", Instant.now(), Map.of("attempt", "any"));
        Map<String, String> headers = WebhookSigner.sign(WEBHOOK_SECRET, body);
        events("hold-for", "test.in-flight");
        failFor("test.in-flight");
        CompletableFuture<HttpResponse<String>> first;
        try {
            first = CompletableFuture.supplyAsync(() -> post(body, headers));
            awaitHeld(1);

            HttpResponse<String> retry = post(body, headers);
            assertVendoError(retry, 503, "webhook_in_flight");
            assertEquals("5", retry.headers().firstValue("Retry-After").orElse(null), () -> describe(retry));
            assertEquals(1, held(), "the retry did not reach the observers");
        } finally {
            events("release", "");
        }
        assertVendoError(first.get(60, TimeUnit.SECONDS), 500, "webhook_observer_failed");
        assertEquals(0, seen().anywhere(id), () -> "a failed delivery was written down: " + seen());
        failFor("");

        assertReceived(post(body, headers));
        assertEquals(1, seen().count(WEBHOOK, id), "the retry after the failure is observed");
        HttpResponse<String> duplicate = post(body, headers);
        assertEquals("{\"received\":true,\"duplicate\":true}", duplicate.body(), () -> describe(duplicate));
        assertEquals(1, seen().count(WEBHOOK, id), "a duplicate was fired again");
    }

    @Test
    void slowBodiesOfDeliveriesThatCannotVerifyAreRefusedBeforeTheyAreRead() throws IOException {
        String now = Long.toString(Instant.now().getEpochSecond());
        String zeros = "0".repeat(64);
        List<Map<String, String>> kinds = List.of(
                Map.of(),
                Map.of(WebhookSigner.SIGNATURE_HEADER, zeros),
                Map.of(WebhookSigner.SIGNATURE_HEADER, zeros, WebhookSigner.TIMESTAMP_HEADER,
                        Long.toString(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond())),
                Map.of(WebhookSigner.SIGNATURE_HEADER, zeros, WebhookSigner.TIMESTAMP_HEADER, "yesterday"),
                Map.of(WebhookSigner.SIGNATURE_HEADER, "sha256=" + zeros, WebhookSigner.TIMESTAMP_HEADER, now),
                Map.of(WebhookSigner.SIGNATURE_HEADER, "abc", WebhookSigner.TIMESTAMP_HEADER, now));
        int before = seen().total(WEBHOOK);
        // More at once than the server has request threads (WildFly 32 here, Payara Micro 200): each
        // announces 1,000 body bytes and sends one. Were a thread kept for each, the last would wait.
        List<Drip> drips = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                drips.add(Drip.open(base, kinds.get(i % kinds.size())));
            }
            int closed = 0;
            for (Drip drip : drips) {
                Drip.Answer answer = drip.answer(ANSWER_WAIT);
                assertEquals(400, answer.status(), answer::toString);
                assertEquals("webhook_invalid", answer.header("Vendo-Error-Code"), answer::toString);
                assertTrue(answer.body().startsWith("{\"error\":{\"code\":\"webhook_invalid\""), answer::toString);
                assertEquals("close", answer.header("Connection"), answer::toString);
                closed += assertDrainedOnNoThread(drip, answer) ? 1 : 0;
            }
            long allAnswered = Duration.ofNanos(System.nanoTime() - started).toMillis();
            long servedIn = System.nanoTime();
            assertEquals(200, Http.get(base, "api/events/seen").statusCode(), "other requests are served");
            servedIn = Duration.ofNanos(System.nanoTime() - servedIn).toMillis();
            assertEquals(before, seen().total(WEBHOOK));
            System.out.printf("slow bodies (%s): %d connections at once, each announcing 1000 bytes and sending 1, "
                    + "all refused 400 within %d ms of the first one's opening, %d of them closed by the server; "
                    + "another request served in %d ms%n", ItServer.name(), SLOW_CONNECTIONS, allAnswered, closed,
                    servedIn);
        } finally {
            drips.forEach(Drip::close);
        }
    }

    @Test
    void slowBodiesBehindForgedHeadersHoldAtMostEightReadsAndOtherRequestsAreServed() throws IOException {
        Map<String, String> forged = Map.of(WebhookSigner.SIGNATURE_HEADER, "0".repeat(64),
                WebhookSigner.TIMESTAMP_HEADER, Long.toString(Instant.now().getEpochSecond()));
        List<Drip> held = new ArrayList<>();
        try {
            // One at a time, each given two seconds to be answered: unanswered, its body is being read.
            for (int i = 1; i <= MOST_CONCURRENT_READS; i++) {
                Drip reading = Drip.open(base, forged);
                held.add(reading);
                Drip.Answer early = reading.answerWithin(Duration.ofSeconds(2));
                int n = i;
                assertNull(early, () -> "delivery " + n + " was answered while only " + n + " bodies were being read: "
                        + early);
            }
            // The one after 8 reads is refused, however long a loaded machine takes to say so.
            Drip last = Drip.open(base, forged);
            held.add(last);
            Drip.Answer refused = last.answerWithin(ANSWER_WAIT);
            assertNotNull(refused, () -> "the delivery after " + MOST_CONCURRENT_READS + " slow bodies was not refused"
                    + " within " + ANSWER_WAIT.toSeconds() + " s");
            assertEquals(503, refused.status(), refused::toString);
            assertEquals("webhook_busy", refused.header("Vendo-Error-Code"), refused::toString);
            assertEquals("5", refused.header("Retry-After"), refused::toString);
            assertEquals("close", refused.header("Connection"), refused::toString);
            assertDrainedOnNoThread(last, refused);

            long servedIn = System.nanoTime();
            assertEquals(200, Http.get(base, "api/events/seen").statusCode(), "other requests are served");
            servedIn = Duration.ofNanos(System.nanoTime() - servedIn).toMillis();
            String id = newId();
            assertVendoError(deliver(id, "test.busy", Map.of()), 503, "webhook_busy");
            System.out.printf("forged headers (%s): %d slow bodies being read, the next delivery refused 503 in "
                    + "%d ms; another request served in %d ms%n",
                    ItServer.name(), MOST_CONCURRENT_READS, refused.millis(), servedIn);

            held.forEach(Drip::close);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            HttpResponse<String> later = deliver(id, "test.busy", Map.of());
            while (later.statusCode() == 503 && System.nanoTime() < deadline) {
                sleep(100);
                later = deliver(id, "test.busy", Map.of());
            }
            assertReceived(later);
        } finally {
            held.forEach(Drip::close);
        }
    }

    /**
     * WildFly drains the rest of a body the application did not read on the request thread, however
     * slowly it comes, unless the answer closes the connection: there the connection must be closed.
     * Payara Micro skips the rest without a thread and keeps the connection until the body ends or
     * times out: there the deliveries outnumbering its request threads show that none is kept.
     *
     * @return whether the server closed the connection (always {@code false} but on WildFly)
     */
    private static boolean assertDrainedOnNoThread(Drip drip, Drip.Answer answer) throws IOException {
        if (!ItServer.isWildFly()) {
            return false;
        }
        assertTrue(drip.closedWithin(ANSWER_WAIT), () -> "the server kept the connection to drain its body: "
                + answer);
        return true;
    }

    /**
     * A delivery over a plain socket that announces 1,000 body bytes and sends one: a client that
     * drips its body (or stops). Nothing of it is ever printed but the answer.
     */
    private static final class Drip {

        private final Socket socket;
        private final long opened;

        private Drip(Socket socket) {
            this.socket = socket;
            this.opened = System.nanoTime();
        }

        static Drip open(URL base, Map<String, String> headers) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            StringBuilder head = new StringBuilder("POST " + base.getPath() + WEBHOOKS + " HTTP/1.1\r\nHost: "
                    + base.getHost() + ":" + base.getPort() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n{").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new Drip(socket);
        }

        /** The answer; fails when none came within {@code wait}. */
        Answer answer(Duration wait) throws IOException {
            Answer answer = answerWithin(wait);
            if (answer == null) {
                throw new AssertionError("no answer within " + wait.toSeconds() + " s: the body is being read");
            }
            return answer;
        }

        /** The answer (its head and {@code Content-Length} bytes); {@code null} when none began within {@code wait}. */
        Answer answerWithin(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            long answered = 0;
            InputStream in = socket.getInputStream();
            try {
                while (complete(bytes) < 0) {
                    int n = in.read(buffer);
                    if (n == -1) {
                        break;
                    }
                    if (answered == 0) {
                        answered = System.nanoTime();
                    }
                    bytes.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | SocketException stopped) {
                if (bytes.size() == 0) {
                    return null;
                }
            }
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                throw new AssertionError("no complete answer: " + bytes.size() + " bytes");
            }
            return new Answer(Integer.parseInt(text.substring(9, 12)), head(text.substring(0, end)),
                    text.substring(end + 4), Duration.ofNanos(answered - opened).toMillis());
        }

        /** Whether the server closes the connection within {@code wait} once it has answered. */
        boolean closedWithin(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            try {
                return socket.getInputStream().read() == -1;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (SocketException reset) {
                return true;
            }
        }

        /** The length of a complete answer in {@code bytes}, or -1 while it is not complete. */
        private static int complete(ByteArrayOutputStream bytes) {
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return -1;
            }
            String length = head(text.substring(0, end)).get("content-length");
            int total = end + 4 + (length == null ? 0 : Integer.parseInt(length));
            return text.length() >= total ? total : -1;
        }

        private static Map<String, String> head(String head) {
            Map<String, String> headers = new LinkedHashMap<>();
            String[] lines = head.split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return headers;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }

        /** What the server answered, and how long after the delivery was opened. */
        record Answer(int status, Map<String, String> headers, String body, long millis) {
            String header(String name) {
                return headers.get(name.toLowerCase(Locale.ROOT));
            }
        }
    }

    @Test
    void streamEventsReachTheVendoEventObserversOnAContainerThread() {
        awaitOpenStream();
        String id = EMULATOR.events().emit("deployment.updated", "{\"version\":4}");

        Seen seen = awaitSeen(s -> s.count(STREAM, id) == 1 && s.count(STREAM_ASYNC, id) == 1);
        for (String observer : List.of(STREAM, STREAM_ASYNC)) {
            // Vendo's envelope around the payload: id, at, kind.
            List<String> data = seen.data(observer, id);
            assertEquals(1, data.size(), seen::toString);
            for (String field : List.of("version=4", "kind=deployment.updated", "id=" + id)) {
                assertTrue(data.get(0).contains(field), () -> field + " in " + data);
            }
        }
        assertEquals("deployment.updated", seen.lines(STREAM).stream().filter(l -> l.id().equals(id))
                .findFirst().orElseThrow().type());
        assertEquals(0, seen.count(WEBHOOK, id) + seen.count(WEBHOOK_ASYNC, id), "stream events are not webhooks");
        // The root client's subscription runs on the container's default ManagedThreadFactory, not its own.
        String thread = seen.lines(STREAM).stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow().thread();
        System.out.println("stream observer thread: " + thread);
        assertFalse(thread.startsWith("vendo-events-"), "the stream runs on the client's own thread: " + thread);
        assertEquals(1, EMULATOR.events().openStreams(), "the deployment holds one stream");
    }

    @Test
    void aConnectionEventMakesTheNextUserTokenAFreshOne() {
        String user = "events-alice";
        String first = EMULATOR.user(user).connect("google");
        String jwt = EMULATOR.mintUserJwt(user);
        MINTED.add(jwt);
        OTHER_SECRETS.put(first, "access_token");
        assertToken(first, Http.get(base, "api/user/token/google", JWT_HEADER, jwt), user + "'s token");
        assertToken(first, Http.get(base, "api/user/token/google", JWT_HEADER, jwt), user + "'s cached token");
        assertEquals(1, EMULATOR.tokenCalls(user, "google"), "the second lookup came from the cache");

        // The user connects Google again; Vendo tells the deployment over the stream.
        String second = EMULATOR.user(user).connect("google");
        awaitOpenStream();
        String id = EMULATOR.events().emit("connection.connected", "{\"slug\":\"google\",\"status\":\"connected\"}");
        awaitSeen(s -> s.count(STREAM, id) == 1);

        assertToken(second, Http.get(base, "api/user/token/google", JWT_HEADER, jwt), user + "'s new token");
        assertEquals(2, EMULATOR.tokenCalls(user, "google"), "the connection event dropped the cached token");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private HttpResponse<String> deliver(String id, String type, Map<String, ?> data) {
        String body = WebhookSigner.event(id, type, Instant.now(), data);
        return post(body, WebhookSigner.sign(WEBHOOK_SECRET, body));
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) {
        return Http.post(base, WEBHOOKS, body, headers(headers));
    }

    private HttpResponse<String> post(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.post(base, WEBHOOKS, body, all);
    }

    private static String[] headers(Map<String, String> headers) {
        List<String> pairs = new ArrayList<>(List.of("Content-Type", "application/json"));
        headers.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        return pairs.toArray(String[]::new);
    }

    /**
     * A delivery over the limit is answered 413 before the rest of its body is read, and the
     * connection closed so that no thread drains it: a client still sending may see the connection
     * dropped instead of the answer (as with Vendo, it then delivers again, and is refused again).
     */
    private static void assertTooLargeOrDropped(java.util.function.Supplier<HttpResponse<String>> delivery) {
        HttpResponse<String> answer;
        try {
            answer = delivery.get();
        } catch (UncheckedIOException dropped) {
            return;
        }
        assertVendoError(answer, 413, "webhook_too_large");
    }

    private static void assertReceived(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), () -> describe(answer));
        assertEquals(RECEIVED, answer.body(), () -> describe(answer));
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> describe(answer));
    }

    private void failFor(String type) {
        events("fail-for", type);
    }

    /** {@code POST /api/events/<action>} with a text body. */
    private void events(String action, String body) {
        HttpResponse<String> answer = Http.post(base, "api/events/" + action, body);
        assertEquals(200, answer.statusCode(), () -> describe(answer));
    }

    private int held() {
        return Integer.parseInt(Http.getOk(base, "api/events/held").trim());
    }

    private void awaitHeld(int deliveries) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (held() < deliveries) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no delivery reached the observer within " + PATIENCE.toSeconds() + " s");
            }
            sleep(50);
        }
    }

    private Seen seen() {
        return Seen.parse(Http.getOk(base, "api/events/seen"));
    }

    private Seen awaitSeen(Predicate<Seen> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Seen seen = seen();
        while (!condition.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not observed within " + PATIENCE.toSeconds() + " s: " + seen);
            }
            sleep(100);
            seen = seen();
        }
        return seen;
    }

    private static void awaitOpenStream() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (EMULATOR.events().openStreams() < 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the deployment opened no event stream within " + PATIENCE.toSeconds()
                        + " s (" + EMULATOR.events().streamsOpened() + " opened so far)");
            }
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** What {@code GET /api/events/seen} answered: one line per observed event. */
    record Seen(List<Line> all) {

        record Line(String observer, String id, String type, String data, String thread) {
        }

        static Seen parse(String body) {
            List<Line> lines = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isEmpty()) {
                    String[] f = line.split("\t", 5);
                    lines.add(new Line(f[0], f[1], f[2], f[3], f.length > 4 ? f[4] : ""));
                }
            }
            return new Seen(lines);
        }

        List<Line> lines(String observer) {
            return all.stream().filter(l -> l.observer().equals(observer)).toList();
        }

        int total(String observer) {
            return lines(observer).size();
        }

        int count(String observer, String id) {
            return (int) lines(observer).stream().filter(l -> l.id().equals(id)).count();
        }

        /** Lines for this event id, whatever the observer. */
        int anywhere(String id) {
            return (int) all.stream().filter(l -> l.id().equals(id)).count();
        }

        List<String> data(String observer, String id) {
            return lines(observer).stream().filter(l -> l.id().equals(id)).map(Line::data).toList();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(all.size()).append(" observed:");
            all.forEach(l -> text.append("\n  ").append(l.observer()).append(' ').append(l.id()).append(' ')
                    .append(l.type()).append(' ').append(l.data()).append(" on ").append(l.thread()));
            return text.toString();
        }
    }
}
