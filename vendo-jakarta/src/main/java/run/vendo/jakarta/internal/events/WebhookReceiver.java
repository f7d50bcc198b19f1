package run.vendo.jakarta.internal.events;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import run.vendo.WebhookEvent;
import run.vendo.Webhooks;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ValidationError;
import run.vendo.jakarta.internal.http.AsciiJson;
import run.vendo.jakarta.internal.http.ErrorResponse;
import run.vendo.jakarta.internal.text.JakartaErrorText;

/**
 * Receives Vendo's webhooks: checks the signature headers, reads the raw body (at most {@value
 * #MAX_BODY_BYTES} bytes), verifies it, fires {@link WebhookEvent} to CDI observers and answers
 * {@code 200} once the synchronous ones returned. A failed verification is a {@code 400} and fires
 * nothing; a synchronous observer that throws is a {@code 500}, so that Vendo delivers again; a
 * delivery handled already is acknowledged and not fired twice, and one whose id is being handled
 * right now is a {@code 503}, so that Vendo delivers it again once the first outcome is known.
 *
 * <p>A request thread waits as long as a body takes to arrive, so the body is read last: a
 * delivery without well-formed signature headers, or with a stale timestamp, is refused before its
 * body is read, and so is one that arrives while {@value #MOST_CONCURRENT_READS} bodies are being
 * read already (a slow client with forged but well-formed headers holds at most that many threads).
 * Every answer given before the whole body was read closes the connection, or the container would
 * hold the thread to drain the rest of the body.
 */
public final class WebhookReceiver extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Vendo's events are a few hundred bytes; this leaves room for large data without inviting floods. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** How many bodies are read at once; Vendo's few hundred bytes take well under a millisecond each. */
    static final int MOST_CONCURRENT_READS = 8;
    /** When Vendo should deliver again a delivery refused for now. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class.getName());
    private static final byte[] RECEIVED = AsciiJson.write(json -> json.writeStartObject()
            .write("received", true)
            .writeEnd()).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DUPLICATE = AsciiJson.write(json -> json.writeStartObject()
            .write("received", true)
            .write("duplicate", true)
            .writeEnd()).getBytes(StandardCharsets.US_ASCII);

    private final transient Webhooks webhooks;
    private final transient EventFirer firer;
    private final transient DeliveryLog deliveries = new DeliveryLog();
    private final transient Semaphore readers = new Semaphore(MOST_CONCURRENT_READS);

    /**
     * Creates the receiver.
     *
     * @param webhooks checks and verifies deliveries
     * @param firer fires them to observers
     */
    public WebhookReceiver(Webhooks webhooks, EventFirer firer) {
        this.webhooks = webhooks;
        this.firer = firer;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            refuseUnread(response, 405, ErrorCodes.METHOD_NOT_ALLOWED, JakartaErrorText.METHOD_NOT_ALLOWED.with(),
                    null);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            refuseUnread(response, 413, ErrorCodes.WEBHOOK_TOO_LARGE, tooLarge(), null);
            return;
        }
        Map<String, List<String>> headers = headers(request);
        try {
            webhooks.checkHeaders(headers);
        } catch (ValidationError e) {
            LOG.log(Level.FINE, "Webhook refused before its body: {0}", e.getMessage());
            refuseUnread(response, 400, e.code(), e.getMessage(), null);
            return;
        }
        if (!readers.tryAcquire()) {
            LOG.log(Level.FINE, "Webhook refused before its body: {0} bodies are being read", MOST_CONCURRENT_READS);
            refuseUnread(response, 503, ErrorCodes.WEBHOOK_BUSY, JakartaErrorText.WEBHOOK_BUSY.with(), RETRY_AFTER);
            return;
        }
        byte[] body;
        try {
            body = readBody(request);
        } finally {
            readers.release();
        }
        if (body == null) {
            refuseUnread(response, 413, ErrorCodes.WEBHOOK_TOO_LARGE, tooLarge(), null);
            return;
        }
        WebhookEvent event;
        try {
            event = webhooks.verify(headers, body);
        } catch (ValidationError e) {
            LOG.log(Level.FINE, "Webhook refused: {0}", e.getMessage());
            ErrorResponse.write(response, 400, e.code(), e.getMessage());
            return;
        }
        switch (deliveries.claim(event.id())) {
            case HANDLED:
                answer(response, 200, DUPLICATE);
                return;
            case IN_FLIGHT:
                // Not a duplicate yet: the first delivery may still fail, and then this one must be handled.
                LOG.log(Level.FINE, "Webhook {0} ({1}) arrived again while its first delivery is being handled",
                        new Object[] {event.id(), event.type()});
                ErrorResponse.write(response, 503, ErrorCodes.WEBHOOK_IN_FLIGHT,
                        JakartaErrorText.WEBHOOK_IN_FLIGHT.with(), RETRY_AFTER);
                return;
            case CLAIMED:
            default:
                break;
        }
        fire(event, response);
    }

    /**
     * Tells how many bodies are being read now.
     *
     * @return at most {@value #MOST_CONCURRENT_READS}
     */
    int readsInProgress() {
        return MOST_CONCURRENT_READS - readers.availablePermits();
    }

    /** Fires a claimed delivery and answers; the claim ends as handled only when every observer returned. */
    private void fire(WebhookEvent event, HttpServletResponse response) throws IOException {
        boolean observed = false;
        try {
            firer.fire(WebhookEvent.class, event, event.type());
            observed = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of webhook {0} ({1}) failed: {2}",
                    new Object[] {event.id(), event.type(), e.getClass().getName()});
        } finally {
            if (observed) {
                deliveries.handled(event.id());
            } else {
                deliveries.failed(event.id());
            }
        }
        if (observed) {
            answer(response, 200, RECEIVED);
        } else {
            ErrorResponse.write(response, 500, ErrorCodes.WEBHOOK_OBSERVER_FAILED,
                    JakartaErrorText.WEBHOOK_OBSERVER_FAILED.with());
        }
    }

    /**
     * Answers before the whole body was read, and closes the connection after the answer: a
     * container that keeps the connection would first drain the rest of the body on this thread,
     * however slowly it comes.
     */
    private static void refuseUnread(HttpServletResponse response, int status, String code, String message,
            Duration retryAfter) throws IOException {
        response.setHeader("Connection", "close");
        ErrorResponse.write(response, status, code, message, retryAfter);
    }

    private static String tooLarge() {
        return JakartaErrorText.WEBHOOK_TOO_LARGE.with(" " + MAX_BODY_BYTES);
    }

    /** The body, or {@code null} when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    /** Every value of one header; none when the container does not tell. */
    private static List<String> values(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    /** Every header with every value, so that the verifier sees conflicting repeats. */
    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, values(request, name));
        }
        return headers;
    }

    private static void answer(HttpServletResponse response, int status, byte[] json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
