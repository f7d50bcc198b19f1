package run.vendo.jakarta.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.Optional;
import run.vendo.Vendo;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.client.VendoClientBuilder;
import run.vendo.internal.config.ClientSettings;
import run.vendo.jakarta.VendoUserContext;
import run.vendo.jakarta.internal.config.VendoSettings;
import run.vendo.jakarta.internal.text.Errors;

/**
 * Produces the deployment's root {@link Vendo} client, from {@link VendoSettings} ({@code
 * VENDO_TOKEN_<SLUG>} and bring-your-own-key variables are read through MicroProfile Config), and
 * makes, for {@link VendoUserContext}, the root's view for a request's user.
 */
@ApplicationScoped
public class VendoProducer {

    /** Creates the producer. */
    public VendoProducer() {}

    /**
     * Produces the deployment-level root client, whose event subscriptions run on the container's
     * default managed thread factory where there is one, and which records its work through the
     * server's MicroProfile Telemetry where it offers an {@code OpenTelemetry} bean (unless {@value
     * VendoSettings#TELEMETRY_ENABLED} is {@code false}). No network call is made here. The
     * container closes it when the application stops.
     *
     * @param settings the deployment's settings
     * @param beans the application's beans, where the server's {@code OpenTelemetry} is looked up
     * @return the root client
     */
    @Produces
    @ApplicationScoped
    public Vendo vendo(VendoSettings settings, BeanManager beans) {
        ClientSettings client = settings.clientSettings();
        client = ContainerThreads.defaultFactory().map(client::withThreadFactory).orElse(client);
        if (settings.telemetryEnabled()) {
            client = client.withTelemetry(ContainerTelemetry.find(beans, settings.traceContext()));
        }
        return VendoClientBuilder.build(client);
    }

    /**
     * Closes the root client (its connection pool) when the application stops.
     *
     * @param vendo the root client
     */
    public void close(@Disposes Vendo vendo) {
        vendo.close();
    }

    /**
     * Makes the client of one request's user, which {@code @Inject @VendoUser Vendo} sends each
     * call to: the root's {@link Vendo#forUser(String) forUser} view for the request's token, or,
     * in a request without a usable user, a client whose calls throw the reason (nobody signed in,
     * a single sign-on user without a token, OSS mode, or what {@code forUser} threw), except
     * {@code isVendoMode()}, {@code webhooks()}, {@code deployment()} and {@code sso()}, which need
     * no user and answer as the root does, as a view's do.
     *
     * @param root the deployment's client
     * @param user the request's identity, as the filter stored it
     * @return the user's client
     */
    public static Vendo userView(Vendo root, VendoUserContext user) {
        Optional<String> jwt = user.jwt();
        if (jwt.isPresent()) {
            try {
                return root.forUser(jwt.get()); // checks the mode first: one call through the root's proxy
            } catch (VendoOnlyFeature e) {
                return RefusingVendo.because(root, Errors::vendoOnlyFeature);
            } catch (VendoError e) {
                return RefusingVendo.because(root, () -> e);
            }
        }
        if (!root.isVendoMode()) {
            return RefusingVendo.because(root, Errors::vendoOnlyFeature);
        }
        return RefusingVendo.because(root, user.isPresent() ? Errors::ssoWithoutToken : Errors::identityNotPresent);
    }
}
