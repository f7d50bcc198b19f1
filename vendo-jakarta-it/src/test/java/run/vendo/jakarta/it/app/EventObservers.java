package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import run.vendo.VendoEvent;
import run.vendo.WebhookEvent;
import run.vendo.jakarta.VendoEventType;

/**
 * Observes Vendo's webhooks and stream events as the README shows, and writes down what each
 * observer received, in order of arrival: one line per event, {@code observer id type data thread}
 * separated by tabs ({@link EventsResource} serves them). The synchronous observer of every webhook
 * waits, for the type set with {@link #holdFor(String)}, until {@link #release()}; then throws for
 * the type set with {@link #failFor(String)}, before writing anything down.
 */
@ApplicationScoped
public class EventObservers {

    /** Every {@code WebhookEvent}, synchronously. */
    public static final String WEBHOOK = "webhook";
    /** {@code WebhookEvent}s of type {@code connection.connected}, synchronously. */
    public static final String WEBHOOK_CONNECTED = "webhook-connected";
    /** Every {@code WebhookEvent}, asynchronously. */
    public static final String WEBHOOK_ASYNC = "webhook-async";
    /** Every {@code VendoEvent} of the stream, synchronously. */
    public static final String STREAM = "stream";
    /** Every {@code VendoEvent} of the stream, asynchronously. */
    public static final String STREAM_ASYNC = "stream-async";

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile String failingType = "";
    private volatile String heldType = "";
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(1);

    void webhook(@Observes WebhookEvent event) {
        if (event.type().equals(heldType)) {
            held.incrementAndGet();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held for 60 s and never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (event.type().equals(failingType)) {
            throw new IllegalStateException("this observer fails for " + failingType + " (switched on by the test)");
        }
        record(WEBHOOK, event.id(), event.type(), event.data());
    }

    void connected(@Observes @VendoEventType("connection.connected") WebhookEvent event) {
        record(WEBHOOK_CONNECTED, event.id(), event.type(), event.data());
    }

    void webhookLater(@ObservesAsync WebhookEvent event) {
        record(WEBHOOK_ASYNC, event.id(), event.type(), event.data());
    }

    void streamed(@Observes VendoEvent event) {
        record(STREAM, event.id().orElse(""), event.type(), event.data());
    }

    void streamedLater(@ObservesAsync VendoEvent event) {
        record(STREAM_ASYNC, event.id().orElse(""), event.type(), event.data());
    }

    /**
     * Makes the synchronous observer of every webhook throw for one event type.
     *
     * @param type the type, or an empty string for none
     */
    public void failFor(String type) {
        failingType = type;
    }

    /**
     * Makes the synchronous observer of every webhook wait for one event type until {@link #release()}.
     *
     * @param type the type, or an empty string for none
     */
    public void holdFor(String type) {
        release = new CountDownLatch(1);
        held.set(0);
        heldType = type;
    }

    /** Lets every held delivery go on, and holds no more. */
    public void release() {
        heldType = "";
        release.countDown();
    }

    /** How many deliveries reached the observer and were held since {@link #holdFor(String)}. */
    public int held() {
        return held.get();
    }

    /** What the observers received, one line each. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    private void record(String observer, String id, String type, Object data) {
        seen.add(String.join("\t", observer, id, type, String.valueOf(data), Thread.currentThread().getName()));
    }
}
