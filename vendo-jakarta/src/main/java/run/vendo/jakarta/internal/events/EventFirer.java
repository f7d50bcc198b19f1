package run.vendo.jakarta.internal.events;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.logging.Level;
import java.util.logging.Logger;
import run.vendo.jakarta.VendoEventType;

/**
 * Fires one of Vendo's events to synchronous observers, then to asynchronous ones, qualified with
 * its type ({@link VendoEventType}) so that an observer may narrow to one type.
 */
public final class EventFirer {

    private static final Logger LOG = Logger.getLogger(EventFirer.class.getName());

    private final BeanManager beans;

    /**
     * Creates the firer.
     *
     * @param beans the application's bean manager
     */
    public EventFirer(BeanManager beans) {
        this.beans = beans;
    }

    /**
     * Fires an event.
     *
     * @param <T> the event's class
     * @param type the event's class
     * @param event the event
     * @param eventType the Vendo event type, for example {@code connection.connected}
     * @throws RuntimeException what a synchronous observer threw; asynchronous observers are not
     *     notified then
     */
    public <T> void fire(Class<T> type, T event, String eventType) {
        Event<T> channel = beans.getEvent().select(type, VendoEventType.Literal.of(eventType));
        channel.fire(event);
        channel.fireAsync(event).exceptionally(failure -> {
            // The message may carry the event's data; the type is what an operator needs.
            LOG.log(Level.WARNING, "An asynchronous observer of Vendo event {0} failed: {1}",
                    new Object[] {eventType, failure.getClass().getName()});
            return null;
        });
    }
}
