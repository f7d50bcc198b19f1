package run.vendo.jakarta.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import run.vendo.Vendo;
import run.vendo.jakarta.internal.config.VendoSettings;

/**
 * Produces the deployment's {@link Vendo} client, from {@link VendoSettings}; {@code
 * VENDO_TOKEN_<SLUG>} and bring-your-own-key variables are read through MicroProfile Config. The
 * per-request, user-bound one is the request-scoped bean behind {@code @VendoUser Vendo}.
 */
@ApplicationScoped
public class VendoProducer {

    /** Creates the producer. */
    public VendoProducer() {}

    /**
     * Produces the deployment-level root client, whose event subscriptions run on the container's
     * default managed thread factory where there is one. No network call is made here. The
     * container closes it when the application stops.
     *
     * @param settings the deployment's settings
     * @return the root client
     */
    @Produces
    @ApplicationScoped
    public Vendo vendo(VendoSettings settings) {
        return ContainerThreads.defaultFactory().map(settings::newClient).orElseGet(settings::newClient);
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
