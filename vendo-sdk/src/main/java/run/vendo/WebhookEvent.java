package run.vendo;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import run.vendo.internal.text.Redactor;

/**
 * A verified webhook delivery: its body {@code {id, type, occurred_at, data}}.
 *
 * @since 0.1.0
 */
public final class WebhookEvent {

    private final String id;
    private final String type;
    private final Instant occurredAt;
    private final Map<String, Object> data;

    /**
     * Creates an event.
     *
     * @param id the delivery's event id
     * @param type the event's type
     * @param occurredAt when it happened, or {@code null} when the body does not say
     * @param data the event's data as plain Java values, or {@code null} for none
     * @throws NullPointerException if {@code id} or {@code type} is null
     */
    public WebhookEvent(String id, String type, Instant occurredAt, Map<String, Object> data) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.occurredAt = occurredAt;
        this.data = data == null ? Map.of() : data;
    }

    /**
     * Returns the event's id, the same on every retry of one delivery.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the event's type, for example {@code connection.connected}.
     *
     * @return the type
     */
    public String type() {
        return type;
    }

    /**
     * Returns when the event happened.
     *
     * @return the time, or empty when the body does not say
     */
    public Optional<Instant> occurredAt() {
        return Optional.ofNullable(occurredAt);
    }

    /**
     * Returns the event's data ({@code Map}, {@code List}, {@code String}, {@code Long} or {@code
     * BigDecimal}, {@code Boolean}, {@code null} values).
     *
     * @return the data; empty when the body has none
     */
    public Map<String, Object> data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookEvent e && id.equals(e.id) && type.equals(e.type)
                && Objects.equals(occurredAt, e.occurredAt) && data.equals(e.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, occurredAt, data);
    }

    @Override
    public String toString() {
        return "WebhookEvent[id=" + Redactor.printable(id) + ", type=" + Redactor.printable(type) + ", occurredAt="
                + occurredAt + "]";
    }
}
