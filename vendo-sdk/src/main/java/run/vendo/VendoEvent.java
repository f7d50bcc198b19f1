package run.vendo;

import java.util.Objects;
import java.util.Optional;
import run.vendo.internal.text.Redactor;

/**
 * One event of the {@linkplain Events event stream}, for example {@code connection.connected} or
 * {@code billing.balance_changed}.
 *
 * @since 0.1.0
 */
public final class VendoEvent {

    private final String type;
    private final Object data;
    private final String id;

    /**
     * Creates an event.
     *
     * @param type the event's type ({@code message} when the stream named none)
     * @param data the event's data: its JSON as plain Java values, or the raw text when it is not JSON
     * @param id the event's id, or {@code null} when it has none
     * @throws NullPointerException if {@code type} is null
     */
    public VendoEvent(String type, Object data, String id) {
        this.type = Objects.requireNonNull(type, "type");
        this.data = data;
        this.id = id;
    }

    /**
     * Returns the event's type.
     *
     * @return the type, for example {@code connection.connected}
     */
    public String type() {
        return type;
    }

    /**
     * Returns the event's data: parsed JSON ({@code Map}, {@code List}, {@code String}, {@code
     * Long} or {@code BigDecimal}, {@code Boolean}, unmodifiable) or the raw text when it is not
     * JSON.
     *
     * @return the data, possibly {@code null}
     */
    public Object data() {
        return data;
    }

    /**
     * Returns the event's own id, as the stream sent it.
     *
     * @return the id, or empty when the event has none
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendoEvent e && type.equals(e.type) && Objects.equals(data, e.data)
                && Objects.equals(id, e.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, data, id);
    }

    @Override
    public String toString() {
        return "VendoEvent[type=" + Redactor.printable(type) + ", id=" + Redactor.printable(id) + "]";
    }
}
