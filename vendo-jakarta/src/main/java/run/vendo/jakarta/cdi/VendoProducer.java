package run.vendo.jakarta.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import run.vendo.Vendo;
import run.vendo.errors.VendoError;
import run.vendo.jakarta.VendoUser;
import run.vendo.jakarta.VendoUserContext;
import run.vendo.jakarta.config.ConfigEnvironment;
import run.vendo.jakarta.identity.RequestIdentity;
import run.vendo.jakarta.config.VendoSettings;
import run.vendo.jakarta.internal.Errors;

/**
 * Produces the deployment's {@link Vendo} client and the per-request, user-bound one.
 *
 * <pre>{@code
 * @Inject Vendo vendo;                 // the deployment: its own tokens, forUser(jwt) for jobs
 * @Inject @VendoUser Vendo userVendo;  // the current request's user
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

    /**
     * Produces the client bound to the current request's user: the root client's {@link
     * Vendo#forUser(String) forUser} with the request's identity token. It is {@code
     * @RequestScoped}, so it may be injected anywhere, {@code @ApplicationScoped} beans included;
     * each call goes to the user of the request in progress.
     *
     * <p>When it cannot act for a user, it does not fail at injection but on use, with a typed
     * error that the exception mappers answer:
     * <table>
     *   <caption>Failures</caption>
     *   <tr><th>situation</th><th>thrown by every method except isVendoMode() and close()</th></tr>
     *   <tr><td>OSS mode (no API key)</td><td>{@link run.vendo.errors.VendoOnlyFeature} (501)</td></tr>
     *   <tr><td>no {@code X-Vendo-User-JWT} in the request</td><td>{@link run.vendo.errors.IdentityNotPresent} (401)</td></tr>
     *   <tr><td>token malformed or expired</td><td>{@link run.vendo.errors.AuthError} (401)</td></tr>
     *   <tr><td>used outside an HTTP request (a job, a timer)</td><td>{@code
     *       jakarta.enterprise.context.ContextNotActiveException} from the container, before this
     *       method runs: jobs inject the plain {@code Vendo} and call {@code forUser(jwt)}</td></tr>
     * </table>
     *
     * @param vendo the root client
     * @param identity the request's identity as the filter stored it: the holder behind {@link
     *     VendoUserContext}, which the filter already filled, so this costs a lookup where the context
     *     would be one more request-scoped instance per request
     * @return the user-bound view, or a stand-in that throws as described
     */
    @Produces
    @VendoUser
    @RequestScoped
    public Vendo userVendo(Vendo vendo, RequestIdentityHolder identity) {
        boolean vendoMode = vendo.isVendoMode();
        if (!vendoMode) {
            return new UnavailableVendo(false, Errors::vendoOnlyFeature);
        }
        Optional<RequestIdentity> present = identity.get();
        if (present.isEmpty()) {
            return new UnavailableVendo(true, Errors::identityNotPresent);
        }
        try {
            return vendo.forUser(present.get().jwt());
        } catch (VendoError e) {
            return new UnavailableVendo(true, () -> e);
        }
    }
}
