package run.vendo.jakarta.internal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import run.vendo.VendoConfigurationException;

/**
 * Reads {@link VendoSettings} from MicroProfile Config once, and validates them when the
 * application starts, so that a bad setting fails the deployment with one exception that lists
 * every problem instead of failing the first request.
 */
@ApplicationScoped
public class VendoSettingsProducer {

    private static final Logger LOG = Logger.getLogger("run.vendo.jakarta");

    private Config config;
    private volatile VendoSettings settings;

    /** For CDI proxies. */
    protected VendoSettingsProducer() {}

    /**
     * Creates the producer.
     *
     * @param config the application's MicroProfile Config
     */
    @Inject
    public VendoSettingsProducer(Config config) {
        this.config = config;
    }

    /**
     * Returns the settings, read on first use.
     *
     * @return the settings
     * @throws VendoConfigurationException listing every invalid setting
     */
    @Produces
    @Dependent
    public VendoSettings settings() {
        VendoSettings s = settings;
        if (s == null) {
            synchronized (this) {
                s = settings;
                if (s == null) {
                    s = VendoSettings.from(config);
                    settings = s;
                }
            }
        }
        return s;
    }

    /**
     * Validates the settings when the application starts.
     *
     * @param event the start-up event
     * @throws VendoConfigurationException listing every invalid setting, which fails the deployment
     */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        VendoSettings s = settings();
        if (!s.isVendoMode()) {
            LOG.info("Vendo: OSS mode (no vendo.api-key / VENDO_API_KEY); tokens come from VENDO_TOKEN_<SLUG> "
                    + "and bring-your-own-key variables");
        } else if (s.verifierSettings().isPresent()) {
            LOG.log(Level.INFO, "Vendo: Vendo mode; identity tokens are verified against {0}",
                    s.verifierSettings().get().jwksUrl());
        } else {
            LOG.warning("Vendo: Vendo mode, but identity tokens are NOT verified: set vendo.jwt.jwks-url "
                    + "(VENDO_JWT_JWKS_URL) unless only Vendo's proxy can reach this deployment");
        }
    }
}
