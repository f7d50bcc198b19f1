package run.vendo.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import run.vendo.VendoEvent;
import run.vendo.WebhookEvent;
import run.vendo.jakarta.VendoEventType;

/**
 * The last {@value #CAPACITY} Vendo events the application received, through either door: webhooks
 * (a {@link WebhookEvent}, fired by vendo-jakarta's receiver at {@code /vendo/webhooks} once a
 * delivery's signature and timestamp verify; on with {@code VENDO_WEBHOOK_SECRET}) and the event
 * stream (a {@link VendoEvent} per event, fired while vendo-jakarta holds the stream; on with
 * {@code VENDO_EVENTS_ENABLED=true}). The application only observes CDI events: no servlet, no
 * signature check, no stream of its own.
 *
 * <p>The observers are synchronous: a webhook's runs before the receiver answers {@code 200}, so a
 * delivery Vendo sees acknowledged is already listed (and one whose observer threw would be answered
 * {@code 500} and delivered again). An entry keeps what shows that the event arrived (source, id,
 * type, slug), never the event's data, which may hold more than a demo page should show.
 */
@ApplicationScoped
public class VendoEventLog {

    /** How many entries are kept: a demo needs the last few, and the log must not grow without end. */
    static final int CAPACITY = 20;

    /** The source of an entry that came as a webhook. */
    static final String WEBHOOK = "webhook";

    /** The source of an entry that came on the event stream. */
    static final String STREAM = "stream";

    private static final Logger LOG = Logger.getLogger(VendoEventLog.class.getName());

    /** Newest first. */
    private final Deque<Entry> entries = new ArrayDeque<>();

    void webhook(@Observes WebhookEvent event) {
        add(new Entry(WEBHOOK, event.id(), event.type(), slug(event.data()), Instant.now()));
    }

    void stream(@Observes VendoEvent event) {
        add(new Entry(STREAM, event.id().orElse(null), event.type(), slug(event.data()), Instant.now()));
    }

    /**
     * Only {@code connection.connected} webhooks, by their qualifier: where an application would act
     * on a new connection (finish onboarding, start a sync); here, a log line.
     */
    void connected(@Observes @VendoEventType("connection.connected") WebhookEvent event) {
        LOG.log(Level.INFO, "Vendo webhook {0}: {1} connected", new Object[] {event.id(), slug(event.data())});
    }

    /**
     * Returns the kept entries.
     *
     * @return at most {@value #CAPACITY} entries, newest first
     */
    public synchronized List<Entry> recent() {
        return List.copyOf(entries);
    }

    private synchronized void add(Entry entry) {
        entries.addFirst(entry);
        if (entries.size() > CAPACITY) {
            entries.removeLast();
        }
    }

    /** The event's {@code slug} (connection events name their provider), or {@code null}. */
    private static String slug(Object data) {
        return data instanceof Map<?, ?> map && map.get("slug") instanceof String slug ? slug : null;
    }

    /**
     * One event as received; absent values are left out of the JSON.
     *
     * @param source {@value #WEBHOOK} or {@value #STREAM}
     * @param id the event's id, if it has one
     * @param type the event's type, for example {@code connection.connected}
     * @param slug the provider its data names, if any
     * @param receivedAt when the application received it
     */
    public record Entry(String source, String id, String type, String slug, Instant receivedAt) {
    }
}
