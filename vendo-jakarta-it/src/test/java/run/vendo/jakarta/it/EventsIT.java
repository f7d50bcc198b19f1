package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import java.util.UUID;
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

        // Over 1 MiB, signed: with a Content-Length, and chunked (no length: the receiver reads and counts).
        String large = newId();
        refused.add(large);
        body = WebhookSigner.event(large, "connection.connected", Instant.now(),
                Map.of("slug", "google", "padding", "x".repeat(1 << 20)));
        assertVendoError(post(body, WebhookSigner.sign(WEBHOOK_SECRET, body)), 413, "webhook_too_large");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(bytes));
        assertVendoError(Http.post(base, WEBHOOKS, chunked, headers(WebhookSigner.sign(WEBHOOK_SECRET, body))),
                413, "webhook_too_large");

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
    void streamEventsReachTheVendoEventObserversOnAContainerThread() {
        awaitOpenStream();
        String id = EMULATOR.events().emit("deployment.updated", "{\"version\":4}");

        Seen seen = awaitSeen(s -> s.count(STREAM, id) == 1 && s.count(STREAM_ASYNC, id) == 1);
        assertEquals(List.of("{version=4}"), seen.data(STREAM, id), seen::toString);
        assertEquals(List.of("{version=4}"), seen.data(STREAM_ASYNC, id), seen::toString);
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

    private static void assertReceived(HttpResponse<String> answer) {
        assertEquals(200, answer.statusCode(), () -> describe(answer));
        assertEquals(RECEIVED, answer.body(), () -> describe(answer));
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                () -> describe(answer));
    }

    private void failFor(String type) {
        HttpResponse<String> answer = Http.post(base, "api/events/fail-for", type);
        assertEquals(200, answer.statusCode(), () -> describe(answer));
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
