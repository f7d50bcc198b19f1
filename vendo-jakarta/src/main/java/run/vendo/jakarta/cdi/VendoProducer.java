package run.vendo.jakarta.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import run.vendo.Vendo;
import run.vendo.jakarta.config.ConfigEnvironment;
import run.vendo.jakarta.config.VendoSettings;

/**
 * Produces the deployment's {@link Vendo} client; the per-request, user-bound one is the
 * request-scoped bean {@link UserVendo}.
 *
 * <pre>{@code
 * @Inject Vendo vendo;                 // the deployment: its own tokens, forUser(jwt) for jobs
 * @Inject @VendoUser Vendo userVendo;  // the current request's user (UserVendo)
 * }</pre>
 *
 * @since 0.1.0
 */
@ApplicationScoped
public class VendoProducer {

    /** Creates the producer. */
    public VendoProducer() {}

    /**
     * Produces the deployment-level root client, built from {@link VendoSettings}. {@code
     * VENDO_TOKEN_<SLUG>} and bring-your-own-key variables are read through MicroProfile Config
     * ({@link ConfigEnvironment}). No network call is made here. The container closes the client
     * when the application stops: do not close it yourself.
     *
     * @param settings the deployment's settings
     * @param config the application's MicroProfile Config
     * @return the root client
     */
    @Produces
    @ApplicationScoped
    public Vendo vendo(VendoSettings settings, Config config) {
        return settings.toBuilder().environment(new ConfigEnvironment(config)).build();
    }

    /**
     * Closes the root client (its connection pool) when the application stops.
     *
     * @param vendo the root client
     */
    public void close(@Disposes Vendo vendo) {
        vendo.close();
    }
}
