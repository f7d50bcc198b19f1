package run.vendo.jakarta.internal.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.util.Optional;
import run.vendo.Vendo;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.jakarta.VendoUser;
import run.vendo.jakarta.VendoUserContext;
import run.vendo.jakarta.internal.config.VendoSettings;
import run.vendo.jakarta.internal.text.Errors;

/**
 * Produces both {@link Vendo} beans: the deployment's root client, from {@link VendoSettings}
 * ({@code VENDO_TOKEN_<SLUG>} and bring-your-own-key variables are read through MicroProfile
 * Config), and, per request, the root's view for the user that {@link VendoUserContext} holds.
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

    /**
     * Produces the client behind {@code @Inject @VendoUser Vendo}, once per request, on its first
     * use: the root's {@link Vendo#forUser(String) forUser} view for the request's token. The
     * container's client proxy sends each call to the instance of the request in progress. A
     * request without a usable user gets a client whose calls throw the reason (nobody signed in,
     * a single sign-on user without a token, OSS mode, or what {@code forUser} threw), except
     * {@code isVendoMode()}, {@code webhooks()}, {@code deployment()} and {@code sso()}, which need
     * no user and answer as the root does, as a view's do. A view frees nothing when closed, so
     * there is nothing to dispose of.
     *
     * @param root the deployment's client
     * @param user the request's identity, as the filter stored it
     * @return the user's client
     */
    @Produces
    @VendoUser
    @RequestScoped
    @Typed(Vendo.class)
    public Vendo userVendo(Vendo root, VendoUserContext user) {
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
