package run.vendo.jakarta.internal.events;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import run.vendo.Vendo;
import run.vendo.jakarta.internal.config.VendoSettings;

/**
 * Registers the {@link WebhookReceiver} at {@code vendo.webhooks.path} when a webhook secret is
 * configured. Declared in the jar's {@code web-fragment.xml}, so an application needs no line of
 * {@code web.xml}; the context parameter {@value #PARAM_NAME_WEBHOOKS_ENABLED} {@code =false}
 * switches it off.
 */
public class WebhookRegistration implements ServletContextListener {

    /** Context parameter that switches the webhook receiver off when {@code false}. */
    public static final String PARAM_NAME_WEBHOOKS_ENABLED = "run.vendo.jakarta.WEBHOOKS_ENABLED";
    /** The receiver's servlet name; an application servlet by that name wins. */
    public static final String SERVLET_NAME = "VendoWebhookReceiver";

    private static final Logger LOG = Logger.getLogger("run.vendo.jakarta");

    @Inject
    VendoSettings settings;

    @Inject
    Vendo vendo;

    @Inject
    BeanManager beans;

    /** Creates the listener; the container injects its collaborators. */
    public WebhookRegistration() {}

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if ("false".equalsIgnoreCase(String.valueOf(context.getInitParameter(PARAM_NAME_WEBHOOKS_ENABLED)).trim())) {
            LOG.info("Vendo webhook receiver switched off by " + PARAM_NAME_WEBHOOKS_ENABLED + "=false");
            return;
        }
        if (settings == null || vendo == null || beans == null) {
            // Containers inject listeners declared in descriptors; this covers one that did not.
            CDI<Object> cdi = CDI.current();
            settings = cdi.select(VendoSettings.class).get();
            vendo = cdi.select(Vendo.class).get();
            beans = cdi.getBeanManager();
        }
        if (!settings.receivesWebhooks()) {
            return;
        }
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME,
                new WebhookReceiver(vendo.webhooks(), new EventFirer(beans)));
        if (servlet == null) {
            LOG.log(Level.INFO, "Vendo webhook receiver not registered: the application has a servlet named {0}",
                    SERVLET_NAME);
            return;
        }
        Set<String> taken = servlet.addMapping(settings.webhooksPath());
        if (!taken.isEmpty()) {
            LOG.log(Level.WARNING, "Vendo webhook receiver not mapped: {0} belongs to another servlet; set "
                    + VendoSettings.WEBHOOKS_PATH + " to a free path", taken);
            return;
        }
        LOG.log(Level.INFO, "Vendo webhooks are received at {0}", settings.webhooksPath());
    }
}
