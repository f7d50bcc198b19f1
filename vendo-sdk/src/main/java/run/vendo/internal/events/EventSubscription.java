package run.vendo.internal.events;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import run.vendo.Subscription;
import run.vendo.VendoEvent;
import run.vendo.errors.VendoError;
import run.vendo.internal.http.RetryPolicy;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.telemetry.Outcome;
import run.vendo.internal.telemetry.Telemetry;
import run.vendo.internal.telemetry.VendoOperation;
import run.vendo.internal.text.Redactor;

/**
 * One subscription to the event stream: a thread of its own, from the client's thread factory, that
 * holds the stream open, hands each event to the listener and reopens the stream after every
 * drop, error or end, waiting as {@link ReconnectBackoff} says and resuming with {@code
 * Last-Event-ID}.
 *
 * <p>A refusal with 401 or 403 (the App Key, or the user's token, is not accepted) is retried like
 * any other failure, the waits growing to the cap, and logged at WARNING once until the stream
 * connects again: a key rotated in Vendo's console then takes effect without a restart. Other
 * refusals that retrying will not cure (404, a 200 that is not an event stream, ...) are logged the
 * same way; 429 and 5xx, which pass, and network drops only at DEBUG. A user-scoped subscription
 * ends once the user's token has expired, since Vendo would refuse every reconnect.
 *
 * <p>Logs name the status, the error code and the event's type and id; never a key, a token or
 * event data.
 */
public final class EventSubscription implements Subscription {

    /** How long {@link #close()} waits for the thread to end; a listener still running may hold it longer. */
    static final Duration JOIN_BOUND = Duration.ofSeconds(5);
    /** The longest {@code Last-Event-ID} sent; a longer id (no sane server makes one) is not sent. */
    static final int MAX_SENT_ID_LENGTH = 1024;

    private static final System.Logger LOG = System.getLogger("run.vendo");
    private static final String EVENT_STREAM = "text/event-stream";
    private static final int KEPT_DELAYS = 32;

    private final EventStreams owner;
    private final Consumer<VendoEvent> listener;
    private final ReconnectBackoff backoff;
    private final Duration readIdle;
    private final SseParser parser = new SseParser(EventStreams.MAX_EVENT_BYTES);
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Deque<Duration> delays = new ArrayDeque<>();
    private volatile HttpGet inFlight;
    private volatile boolean ended;
    private boolean refusalLogged;
    /** The subscribe call, which each connection's span links to. */
    private final Telemetry.Cause cause;
    private int connections;

    EventSubscription(EventStreams owner, Consumer<VendoEvent> listener, ReconnectBackoff backoff, Duration readIdle) {
        this.owner = owner;
        this.listener = listener;
        this.backoff = backoff;
        this.readIdle = readIdle;
        this.cause = owner.settings().telemetry().cause();
        this.thread = owner.settings().threadFactory().newThread(this::run);
        if (thread == null) {
            throw new IllegalStateException("The client's thread factory made no thread for the event subscription");
        }
    }

    void start() {
        thread.start();
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && !ended;
    }

    /** Stops the stream and waits, at most {@link #JOIN_BOUND}, for the thread to end. Idempotent. */
    @Override
    public void close() {
        stop();
        awaitEnd();
    }

    /** Asks the thread to end: drops the connection and cuts a backoff wait short. Does not wait. */
    void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        HttpGet get = inFlight;
        if (get != null) {
            get.cancel();
        }
        if (Thread.currentThread() != thread) {
            thread.interrupt(); // e.g. waiting for a pooled connection
        }
    }

    /** Waits for the thread to end, at most {@link #JOIN_BOUND}; returns at once on the thread itself. */
    void awaitEnd() {
        if (Thread.currentThread() == thread) {
            return; // closed by the listener: the thread ends when the listener returns
        }
        try {
            thread.join(JOIN_BOUND.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread's name, e.g. {@code vendo-events-3}. */
    public String threadName() {
        return thread.getName();
    }

    /** The last waits before a reconnect, oldest first (for tests). */
    public List<Duration> recentDelays() {
        synchronized (delays) {
            return new ArrayList<>(delays);
        }
    }

    private void run() {
        try {
            while (!closed.get()) {
                Duration retryAfter = null;
                try {
                    connectAndRead();
                } catch (Refused refused) {
                    retryAfter = refused.retryAfter;
                } catch (IOException | RuntimeException e) {
                    if (!closed.get()) {
                        LOG.log(Level.DEBUG, () -> "The event stream dropped: " + e.getClass().getSimpleName());
                    }
                }
                if (closed.get()) {
                    return;
                }
                Duration wait = backoff.next(retryAfter);
                remember(wait);
                LOG.log(Level.DEBUG, () -> "Reopening the event stream in " + RetryPolicy.readable(wait));
                if (closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting to reconnect
        } finally {
            ended = true;
            owner.ended(this);
        }
    }

    /** One connection: returns when the stream ends, throws when it fails or is refused. */
    private void connectAndRead() throws IOException {
        HttpGet get = owner.http().request(owner.uri(), null, EVENT_STREAM);
        get.setHeader("Cache-Control", "no-cache");
        String lastId = parser.lastEventId();
        if (!lastId.isEmpty() && sendable(lastId)) {
            get.setHeader("Last-Event-ID", lastId);
        }
        inFlight = get;
        if (closed.get()) {
            return; // stop() may have looked before inFlight was set
        }
        Telemetry.Operation span = owner.settings().telemetry().startLinked(
                connections++ == 0 ? VendoOperation.EVENTS_CONNECT : VendoOperation.EVENTS_RECONNECT, null, cause);
        ClassicHttpResponse response;
        try {
            response = owner.http().openStream(get, readIdle);
        } catch (IOException | RuntimeException e) {
            span.failed(e);
            span.end();
            throw e;
        }
        try {
            HttpEntity entity = response.getEntity();
            int status = response.getCode();
            if (status < 200 || status > 299) {
                VendoError error = owner.http().streamError(response, null);
                span.failed(error);
                span.end();
                throw refused(error);
            }
            if (!isEventStream(entity) || status != 200) {
                span.failed(Integer.toString(status));
                span.end();
                throw notAStream(status);
            }
            span.outcome(Outcome.CONNECTED).end(); // before the listener runs: its work is not the connection's
            backoff.connected();
            refusalLogged = false;
            LOG.log(Level.DEBUG, "The event stream is open");
            // Not closed here: closing the body before the cancel below would read it to its end.
            parser.read(entity.getContent(), new Delivery());
        } finally {
            get.cancel(); // drops the connection: closing the answer first would read an endless body to its end
            closeQuietly(response);
            inFlight = null;
        }
    }

    private Refused refused(VendoError error) {
        int status = error.status().orElse(0);
        if (status == 401 || status == 403) {
            warnOnce("The event stream was refused with HTTP " + status + " (" + error.code() + "): the App Key"
                    + " is not accepted. Retrying with backoff"
                    + " (at most every " + ReconnectBackoff.CAP_SECONDS + " s); check VENDO_API_KEY.");
        } else if (status == 429 || status >= 500) {
            LOG.log(Level.DEBUG, () -> "The event stream was refused with HTTP " + status + " (" + error.code()
                    + "); retrying with backoff");
        } else {
            warnOnce("The event stream was refused with HTTP " + status + " (" + error.code()
                    + "); retrying with backoff. Check VENDO_BASE_URL.");
        }
        return new Refused(error.retryAfter().orElse(null));
    }

    private Refused notAStream(int status) {
        warnOnce("The event stream answered HTTP " + status + " without a text/event-stream body; retrying with"
                + " backoff. Check VENDO_BASE_URL.");
        return new Refused(null);
    }

    private void warnOnce(String message) {
        if (!refusalLogged) {
            refusalLogged = true;
            LOG.log(Level.WARNING, message);
        }
    }

    private void remember(Duration wait) {
        synchronized (delays) {
            if (delays.size() == KEPT_DELAYS) {
                delays.removeFirst();
            }
            delays.addLast(wait);
        }
    }

    private static boolean isEventStream(HttpEntity entity) {
        if (entity == null || entity.getContentType() == null) {
            return false;
        }
        ContentType type = ContentType.parseLenient(entity.getContentType());
        return type != null && EVENT_STREAM.equals(type.getMimeType().toLowerCase(Locale.ROOT));
    }

    /** Visible ASCII only, and not too long: anything else could not travel as a header value. */
    private static boolean sendable(String id) {
        return id.length() <= MAX_SENT_ID_LENGTH && id.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is already dropped
        }
    }

    /** Takes what the parser reads to the listener, on this subscription's thread. */
    private final class Delivery implements SseParser.Handler {

        @Override
        public void event(SseParser.Event event) {
            if (closed.get()) {
                return; // nothing reaches the listener after close()
            }
            if (EventStreams.LEGACY_ALIASES.contains(event.type())) {
                return; // the same event under its old name, sent again for SDKs of Vendo's before 1.0.2
            }
            VendoEvent vendoEvent = new VendoEvent(event.type(), data(event.data()), event.id());
            owner.received(vendoEvent);
            try {
                listener.accept(vendoEvent);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                LOG.log(Level.WARNING, "The event listener threw on " + describe(event.type(), event.id())
                        + "; the stream goes on", t);
            }
        }

        @Override
        public void retry(long millis) {
            backoff.serverRetry(millis);
        }

        @Override
        public void tooLarge(String type, String id) {
            LOG.log(Level.WARNING, "Skipped " + describe(type, id) + ": it is larger than "
                    + EventStreams.MAX_EVENT_BYTES / (1 << 20) + " MiB");
        }

        private String describe(String type, String id) {
            return "event '" + Redactor.scrub(type, List.of()) + "'"
                    + (id == null ? "" : " (id " + Redactor.scrub(id, List.of()) + ")");
        }
    }

    /** Event data: its JSON as plain Java, else the text itself. */
    static Object data(String text) {
        try {
            return JsonSupport.plain(JsonSupport.read(text));
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    /** A refusal: not a stream, and maybe a {@code Retry-After} to honour. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        final transient Duration retryAfter;

        Refused(Duration retryAfter) {
            super("refused");
            this.retryAfter = retryAfter;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + thread.getName() + (isOpen() ? "" : ", closed") + "]";
    }
}
