package run.vendo.jakarta.internal.security;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import run.vendo.VendoConfigurationException;
import run.vendo.jakarta.internal.config.VendoSettings;

/**
 * Keeps {@link VendoAuthenticationMechanism} out of the deployment unless {@value
 * VendoSettings#SECURITY_ENABLED} is {@code true}: a mechanism bean, even an idle one, switches
 * Jakarta Security on and would clash with the application's own.
 */
public class VendoSecurityExtension implements Extension {

    private static final Logger LOG = Logger.getLogger("run.vendo.jakarta");

    /** Creates the extension; the container does. */
    public VendoSecurityExtension() {}

    void keepWhenEnabled(@Observes ProcessAnnotatedType<VendoAuthenticationMechanism> type) {
        if (enabled()) {
            LOG.info("Vendo: the Vendo user is the caller of Jakarta Security (" + VendoSettings.SECURITY_ENABLED
                    + ")");
        } else {
            type.veto();
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
