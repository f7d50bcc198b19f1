package run.vendo.testing;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's event stream, {@code GET /api/deployments/me/events} ({@code text/event-stream}, the
 * deployment's, to the App Key only), and the controls a test needs around it. Get it with {@link
 * VendoEmulator#events()}.
 *
 * <pre>{@code
 * vendo.events().heartbeatInterval(Duration.ofMillis(100)).retry(Duration.ofMillis(100));
 * String id = vendo.events().emit("connection.connected", "{\"slug\":\"google\",\"connection_id\":\"cn_1\"}");
 * vendo.events().dropStreams();   // every open stream is cut; clients reconnect with Last-Event-ID
 * }</pre>
 *
 * <p>Each event goes out as Vendo's docs show it: a block {@code id: <id>}, {@code event: <kind>},
 * {@code data: <json>} whose data is the payload's fields plus {@code id} (the same id), {@code at}
 * (when it was emitted, ISO 8601 on the emulator's clock) and {@code kind}:
 *
 * <pre>
 * id: 1
 * event: connection.connected
 * data: {"id":"1","at":"2026-05-20T12:00:00Z","kind":"connection.connected","slug":"google","connection_id":"cn_1"}
 * </pre>
 *
 * <p>And, as Vendo does for SDKs up to 1.0.1, {@code connection.connected}, {@code
 * connection.disconnected}, {@code connection.changed} and {@code connection.status_changed} are each
 * followed by a second block under the legacy name ({@code connection_created}, {@code
 * connection_deleted}, {@code connection_updated}) with the same id and data; {@link
 * #legacyAliases(boolean)} turns these off.
 *
 * <p>As Vendo does: every event gets an id ({@code "1"}, {@code "2"}, ...); the last {@value
 * #REPLAYED} events are kept, and a stream opened with {@code Last-Event-ID: n} first gets the kept
 * events after {@code n} (all kept events when the header is not a number; none without the
 * header); a {@code : ping} comment goes out whenever nothing else was sent for a heartbeat
 * interval (default 25 s); at most {@value #MAX_STREAMS} streams may be open at once per App Key,
 * and one more is answered 429 with {@code Vendo-Error-Code: rate_limit_sse_streams} (no {@code
 * Retry-After}). A stream notices that its client went away only when it next writes, that is at
 * the next heartbeat or event at the latest. Closing the emulator ends every stream.
 *
 * <p>From outside the JVM, {@code POST /_emulator/events} emits too (see {@link VendoEmulator}):
 * <pre>
 * curl -H 'Authorization: Bearer &lt;apiKey&gt;' --data '{"type":"connection.connected","data":{"slug":"google"}}' \
 *     http://127.0.0.1:8787/_emulator/events
 * </pre>
 *
 * <p>Thread-safe; settings apply to open streams from their next wait on.
 */
public final class EmulatedEvents {

    /** The most streams open at once; one more is answered 429 {@code rate_limit_sse_streams}. */
    public static final int MAX_STREAMS = 5;

    /** How many of the latest events are kept for replay after {@code Last-Event-ID}. */
    public static final int REPLAYED = 100;

    /** The heartbeat interval unless a test sets another: Vendo's 25 s. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(25);

    /** The error code of the answer to a stream beyond {@link #MAX_STREAMS}. */
    static final String STREAM_LIMIT_CODE = "rate_limit_sse_streams";

    /** The legacy alias each canonical connection event is repeated under, for SDKs up to 1.0.1. */
    private static final Map<String, String> LEGACY_ALIASES = Map.of(
            "connection.connected", "connection_created",
            "connection.disconnected", "connection_deleted",
            "connection.changed", "connection_updated",
            "connection.status_changed", "connection_updated");

    private static final Set<String> ENVELOPE_FIELDS = Set.of("id", "at", "kind");

    private record Kept(long id, byte[] frame) {}

    private final Deque<Kept> kept = new ArrayDeque<>();
    private final Set<EventStream> open = new LinkedHashSet<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger withheld = new AtomicInteger();
    private final Clock clock;
    private long lastId;
    private boolean closed;
    private volatile Duration heartbeat = DEFAULT_HEARTBEAT;
    private volatile Duration retry;
    private volatile boolean silent;
    private volatile boolean legacyAliases = true;

    /** Events dated ({@code at}) on {@code clock}. */
    EmulatedEvents(Clock clock) {
        this.clock = clock;
    }

    /**
     * Sends an event to every open stream and keeps it for replay.
     *
     * @param type the event's kind, e.g. {@code connection.connected}; not blank, no line break
     * @param data the event's payload: a JSON object, sent as its fields plus {@code id}, {@code at}
     *     and {@code kind} (which replace fields of those names); any other text (to see how a client
     *     copes) is sent as given, each line of it as one {@code data:} line (a client joins them
     *     with LF again)
     * @return the id the event got
     */
    public String emit(String type, String data) {
        Secrets.requireText(type, "type");
        if (type.indexOf('\n') >= 0 || type.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("type must not contain a line break");
        }
        Objects.requireNonNull(data, "data");
        JsonObject payload = payload(data);
        synchronized (this) {
            long id = ++lastId;
            String text = payload == null ? data : envelope(id, type, payload);
            byte[] frame = frame(id, type, text, legacyAliases ? LEGACY_ALIASES.get(type) : null);
            kept.addLast(new Kept(id, frame));
            if (kept.size() > REPLAYED) {
                kept.removeFirst();
            }
            for (EventStream stream : open) {
                stream.offer(frame);
            }
            return Long.toString(id);
        }
    }

    /**
     * Sets whether the connection events are each repeated under their legacy name, as Vendo does
     * for SDKs up to 1.0.1 ({@code connection_created}, {@code connection_deleted}, {@code
     * connection_updated}). Applies to events emitted from now on.
     *
     * @param enabled whether to send the alias blocks; default true
     * @return this
     */
    public EmulatedEvents legacyAliases(boolean enabled) {
        this.legacyAliases = enabled;
        return this;
    }

    /**
     * Cuts every open stream: the emulator closes each connection mid-body, as a network failure
     * would. Events emitted later are kept for the clients' replay.
     *
     * @return this
     */
    public EmulatedEvents dropStreams() {
        for (EventStream stream : snapshot()) {
            stream.drop();
        }
        return this;
    }

    /**
     * Sets how long a stream may send nothing before it sends a {@code : ping} comment.
     *
     * @param interval positive; default {@link #DEFAULT_HEARTBEAT}
     * @return this
     */
    public EmulatedEvents heartbeatInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.heartbeat = interval;
        return this;
    }

    /**
     * Makes every stream opened from now on start with {@code retry: <milliseconds>}, the
     * reconnection delay a client should use.
     *
     * @param delay the delay to announce, not negative; {@code null} to send none (the default)
     * @return this
     */
    public EmulatedEvents retry(Duration delay) {
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        this.retry = delay;
        return this;
    }

    /**
     * Silences every stream, open or opened later, while {@code true}: nothing is written, not even
     * heartbeats, so clients see a connection that is open but dead. Events emitted meanwhile wait
     * in each stream's queue and go out once the silence ends.
     *
     * @param silent whether streams stay silent
     * @return this
     */
    public EmulatedEvents silent(boolean silent) {
        this.silent = silent;
        return this;
    }

    /**
     * Returns the streams open right now (a stream whose client went away counts until the stream
     * next writes).
     *
     * @return the count
     */
    public synchronized int openStreams() {
        return open.size();
    }

    /**
     * Returns how many streams were opened (answered 200) since start or {@link
     * VendoEmulator#reset()}; refused ones do not count.
     *
     * @return the count
     */
    public int streamsOpened() {
        return opened.get();
    }

    /**
     * Returns the id of the last emitted event.
     *
     * @return the id, or empty before the first event
     */
    public synchronized String lastId() {
        return lastId == 0 ? "" : Long.toString(lastId);
    }

    @Override
    public String toString() {
        return "EmulatedEvents[open=" + openStreams() + ", lastId=" + lastId() + "]";
    }

    // ---------------------------------------------------------------- for the handler and the emulator

    /**
     * Registers a new stream, with the kept events after {@code lastEventId} already queued, or
     * returns {@code null} when {@link #MAX_STREAMS} are open or the emulator is closed.
     */
    synchronized EventStream open(String identity, String lastEventId) {
        if (closed || open.size() >= MAX_STREAMS) {
            return null;
        }
        EventStream stream = new EventStream(identity);
        if (lastEventId != null) {
            long after = afterId(lastEventId);
            for (Kept event : kept) {
                if (event.id() > after) {
                    stream.offer(event.frame());
                }
            }
        }
        open.add(stream);
        opened.incrementAndGet();
        return stream;
    }

    synchronized void closed(EventStream stream) {
        open.remove(stream);
    }

    /** The {@code retry:} frame a stream opened now starts with, or {@code null}. */
    byte[] retryFrame() {
        Duration r = retry;
        return r == null ? null : ("retry: " + r.toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    boolean isSilent() {
        return silent;
    }

    /** Called by a silenced stream each time a heartbeat interval passed in which it wrote nothing. */
    void heartbeatWithheld() {
        withheld.incrementAndGet();
    }

    /**
     * How many heartbeats silenced streams have let pass unwritten: what shows a test that a silence
     * lasted, as the stream itself measures it, without the test sleeping.
     */
    int heartbeatsWithheld() {
        return withheld.get();
    }

    long heartbeatMillis() {
        return Math.max(1, heartbeat.toMillis());
    }

    void resetCounters() {
        opened.set(0);
    }

    /** Refuses new streams and drops the open ones. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        dropStreams();
    }

    private synchronized List<EventStream> snapshot() {
        return new ArrayList<>(open);
    }

    /** A numeric id as a number; anything else replays every kept event. */
    private static long afterId(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException notOurs) {
            return 0;
        }
    }

    /** The payload as a JSON object, or null when it is not one. */
    private static JsonObject payload(String data) {
        try {
            return Json.parse(data) instanceof JsonObject object ? object : null;
        } catch (JsonException notJson) {
            return null;
        }
    }

    /** The docs' envelope: {@code id}, {@code at} and {@code kind}, then the payload's other fields. */
    private String envelope(long id, String kind, JsonObject payload) {
        JsonObjectBuilder envelope = Json.object()
                .add("id", Long.toString(id))
                .add("at", Json.timestamp(clock.instant()))
                .add("kind", kind);
        payload.forEach((name, value) -> {
            if (!ENVELOPE_FIELDS.contains(name)) {
                envelope.add(name, value);
            }
        });
        return Json.text(envelope.build());
    }

    /** The event's block, then its legacy alias block with the same id and data when {@code alias} is set. */
    private static byte[] frame(long id, String type, String data, String alias) {
        StringBuilder frame = new StringBuilder();
        block(frame, id, type, data);
        if (alias != null) {
            block(frame, id, alias, data);
        }
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void block(StringBuilder frame, long id, String type, String data) {
        frame.append("id: ").append(id).append('\n').append("event: ").append(type).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        frame.append('\n');
    }
}
