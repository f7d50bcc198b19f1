package run.vendo.jakarta.internal.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import run.vendo.VendoConfigurationException;
import run.vendo.jakarta.internal.config.VendoSettings;

/**
 * Adds {@link VendoAuthenticationMechanism} to the deployment only when {@value
 * VendoSettings#SECURITY_ENABLED} is {@code true}: a mechanism bean, even an idle one, switches
 * Jakarta Security on and would clash with the application's own.
 *
 * <p>The mechanism has no bean-defining annotation, so scanning never finds it; this extension adds
 * it, application-scoped, when enabled. Vetoing a scanned type instead is not enough everywhere:
 * Open Liberty counts every mechanism type it is shown, vetoed or not, and refuses an application
 * with two of them (CWWKS1925E).
 */
public class VendoSecurityExtension implements Extension {

    private static final Logger LOG = Logger.getLogger("run.vendo.jakarta");

    /** Creates the extension; the container does. */
    public VendoSecurityExtension() {}

    void addWhenEnabled(@Observes BeforeBeanDiscovery discovery) {
        if (enabled()) {
            LOG.info("Vendo: the Vendo user is the caller of Jakarta Security (" + VendoSettings.SECURITY_ENABLED
                    + ")");
            discovery.addAnnotatedType(VendoAuthenticationMechanism.class, VendoAuthenticationMechanism.class.getName())
                    .add(ApplicationScoped.Literal.INSTANCE);
        }
    }

    private static boolean enabled() {
        try {
            return VendoSettings.from(ConfigProvider.getConfig()).securityEnabled();
        } catch (VendoConfigurationException e) {
            return false; // the deployment fails at start-up, listing these problems
        }
    }
}
