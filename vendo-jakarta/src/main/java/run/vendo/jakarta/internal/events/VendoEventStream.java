package run.vendo.jakarta.internal.events;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import run.vendo.Subscription;
import run.vendo.Vendo;
import run.vendo.VendoEvent;
import run.vendo.jakarta.internal.config.VendoSettings;

/**
 * Holds Vendo's event stream from application start to undeploy when {@code vendo.events.enabled}
 * is {@code true}, firing each {@link VendoEvent} to CDI observers. Subscribing returns at once: a
 * stream that is down reconnects in the background and never delays or fails the deployment.
 */
@ApplicationScoped
public class VendoEventStream {

    private static final Logger LOG = Logger.getLogger("run.vendo.jakarta");

    private VendoSettings settings;
    private Vendo vendo;
    private EventFirer firer;
    private volatile Subscription subscription;

    /** For CDI proxies. */
    protected VendoEventStream() {}

    /**
     * Creates the bean.
     *
     * @param settings the deployment's settings
     * @param vendo the deployment's client
     * @param beans the application's bean manager
     */
    @Inject
    public VendoEventStream(VendoSettings settings, Vendo vendo, BeanManager beans) {
        this.settings = settings;
        this.vendo = vendo;
        this.firer = new EventFirer(beans);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!settings.eventsEnabled()) {
            return;
        }
        if (!vendo.isVendoMode()) {
            LOG.warning("Vendo: " + VendoSettings.EVENTS_ENABLED + "=true has no effect in OSS mode: the event "
                    + "stream needs vendo.api-key");
            return;
        }
        subscription = vendo.events().subscribe(this::deliver);
        LOG.info("Vendo: holding the event stream");
    }

    private void deliver(VendoEvent event) {
        try {
            firer.fire(VendoEvent.class, event, event.type());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of Vendo event {0} failed: {1}",
                    new Object[] {event.type(), e.getClass().getName()});
        }
    }

    /**
     * Tells whether the stream is held.
     *
     * @return {@code true} between start-up and undeploy when enabled
     */
    public boolean isHolding() {
        Subscription s = subscription;
        return s != null && s.isOpen();
    }

    @PreDestroy
    void stop() {
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
