package run.vendo.internal.events;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import run.vendo.Subscription;
import run.vendo.VendoEvent;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.http.VendoHttp;
import run.vendo.internal.token.TokenCache;

/**
 * The event-stream subscriptions of one root client and its views: starts them, and closes those
 * still open when the root closes, so that no stream or thread outlives its client.
 */
public final class EventStreams implements AutoCloseable {

    /** Where the deployment's events are: {@code {baseUrl}} + this. */
    static final String PATH = "/api/deployments/me/events";

    /**
     * How long a stream may stay silent before it counts as dead and is reopened: about two of
     * Vendo's {@code : ping} heartbeats, which come every 25 s.
     */
    static final Duration READ_IDLE = Duration.ofSeconds(60);

    /** The type prefix of the events that tell of a connection's change. */
    static final String CONNECTION_EVENTS = "connection.";
    /** The old names Vendo still sends each connection event under, after its canonical one. */
    static final Set<String> LEGACY_ALIASES = Set.of("connection_created", "connection_deleted", "connection_updated");

    /** Where a connection event names its provider: Vendo's {@code slug}, else the toolkit's name. */
    private static final List<String> SLUG_FIELDS = List.of("slug", "toolkit");

    /** The longest line, and the most data of one event, a stream may send. */
    static final int MAX_EVENT_BYTES = 1 << 20;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ClientSettings settings;
    private final VendoHttp http;
    private final TokenCache cache;
    private final URI uri;
    private final Set<EventSubscription> open = new LinkedHashSet<>();
    private boolean closed;
    private volatile Duration readIdle = READ_IDLE;
    private volatile Duration baseDelay = ReconnectBackoff.DEFAULT_BASE;
    private volatile DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

    public EventStreams(ClientSettings settings, VendoHttp http, TokenCache cache) {
        this.settings = settings;
        this.http = http;
        this.cache = cache;
        this.uri = URI.create(settings.baseUrl() + PATH);
    }

    /**
     * Starts a subscription to the deployment's stream (Vendo answers it for the App Key only).
     *
     * @throws IllegalStateException if the client is closed
     */
    public Subscription subscribe(Consumer<VendoEvent> listener) {
        EventSubscription subscription = new EventSubscription(this, listener,
                new ReconnectBackoff(baseDelay, jitter), readIdle);
        synchronized (open) {
            if (closed) {
                throw new IllegalStateException("This Vendo client is closed");
            }
            open.add(subscription);
        }
        subscription.start();
        return subscription;
    }

    /** A subscription's thread unless the client was given a thread factory: a daemon, {@code vendo-events-N}. */
    public static Thread daemonThread(Runnable task) {
        Thread thread = new Thread(task, "vendo-events-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Called with each event before the listener sees it. A {@code connection.*} event means that a
     * user connected, disconnected or changed a connection, without saying which user: the cached
     * tokens of its slug are dropped for every identity (one extra fetch each), or every cached
     * token when the event names no slug.
     */
    void received(VendoEvent event) {
        if (!event.type().startsWith(CONNECTION_EVENTS)) {
            return;
        }
        String slug = event.data() instanceof Map<?, ?> data ? slugOf(data) : null;
        if (slug == null) {
            cache.clear();
        } else {
            cache.invalidateSlug(slug);
        }
    }

    private static String slugOf(Map<?, ?> data) {
        for (String field : SLUG_FIELDS) {
            if (data.get(field) instanceof String slug && !slug.isBlank()) {
                return slug.strip();
            }
        }
        return null;
    }

    /** Called by a subscription whose thread ends. */
    void ended(EventSubscription subscription) {
        synchronized (open) {
            open.remove(subscription);
        }
    }

    /** The subscriptions not ended yet. */
    public int openSubscriptions() {
        synchronized (open) {
            return open.size();
        }
    }

    /** Stops every subscription, then waits (a bounded time) for their threads to end. */
    @Override
    public void close() {
        List<EventSubscription> running;
        synchronized (open) {
            closed = true;
            running = new ArrayList<>(open);
        }
        running.forEach(EventSubscription::stop);
        running.forEach(EventSubscription::awaitEnd);
    }

    ClientSettings settings() {
        return settings;
    }

    VendoHttp http() {
        return http;
    }

    URI uri() {
        return uri;
    }

    /** For tests: the idle bound, first backoff and jitter source of subscriptions started from now on. */
    public void tune(Duration readIdle, Duration baseDelay, DoubleSupplier jitter) {
        this.readIdle = readIdle;
        this.baseDelay = baseDelay;
        this.jitter = jitter;
    }
}
