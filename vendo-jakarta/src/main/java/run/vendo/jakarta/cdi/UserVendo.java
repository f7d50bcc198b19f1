package run.vendo.jakarta.cdi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import run.vendo.Connections;
import run.vendo.Vendo;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.jakarta.VendoUser;
import run.vendo.jakarta.identity.RequestIdentity;
import run.vendo.jakarta.internal.Errors;

/**
 * The bean behind {@code @Inject @VendoUser Vendo}: the current request's identity, as {@link
 * run.vendo.jakarta.VendoIdentityFilter} stored it, and the root client's {@link Vendo#forUser(String)
 * forUser} view for it, made on first use. It is {@code @RequestScoped}, so it may be injected
 * anywhere, {@code @ApplicationScoped} beans included; each call goes to the user of the request in
 * progress. {@link run.vendo.jakarta.VendoUserContext} reads the identity from here too.
 *
 * <p>One bean holds both so that a request costs the container one request-scoped instance, not one
 * for the identity and another for the client.
 *
 * <p>When it cannot act for a user, it does not fail at injection but on use, with a typed error
 * that the exception mappers answer:
 * <table>
 *   <caption>Failures</caption>
 *   <tr><th>situation</th><th>thrown by every method except isVendoMode() and close()</th></tr>
 *   <tr><td>OSS mode (no API key)</td><td>{@link run.vendo.errors.VendoOnlyFeature} (501)</td></tr>
 *   <tr><td>no {@code X-Vendo-User-JWT} in the request</td><td>{@link run.vendo.errors.IdentityNotPresent} (401)</td></tr>
 *   <tr><td>token malformed or expired</td><td>{@link run.vendo.errors.AuthError} (401)</td></tr>
 *   <tr><td>used outside an HTTP request (a job, a timer)</td><td>{@code
 *       jakarta.enterprise.context.ContextNotActiveException} from the container: jobs inject the
 *       plain {@code Vendo} and call {@code forUser(jwt)}</td></tr>
 * </table>
 *
 * <p>{@link #close()} does nothing: the root client belongs to the container.
 *
 * @since 0.1.0
 */
@RequestScoped
@VendoUser
@Typed({Vendo.class, UserVendo.class})
public class UserVendo implements Vendo {

    private Vendo root;
    private volatile RequestIdentity identity;
    private volatile Bound bound;

    /** A view and the identity it was made for, published together. */
    private record Bound(RequestIdentity identity, Vendo view) {
    }

    /** For CDI proxies. */
    protected UserVendo() {}

    /**
     * Creates the bean for one request; nobody is signed in until {@link #set(RequestIdentity)}.
     *
     * @param root the deployment's root client
     */
    @Inject
    public UserVendo(Vendo root) {
        this.root = root;
    }

    /**
     * Stores the request's identity. Called by the filter before the rest of the chain runs.
     *
     * @param identity the identity, or {@code null} for nobody
     */
    public void set(RequestIdentity identity) {
        this.identity = identity;
    }

    /**
     * Returns the request's identity.
     *
     * @return the identity, or empty when nobody is signed in
     */
    public Optional<RequestIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /**
     * The client every call goes to, made once per identity: a view is only ever used for the
     * identity it was made for. Two threads racing here make equal views; either will do.
     */
    private Vendo view() {
        RequestIdentity current = identity;
        Bound known = bound;
        if (known != null && known.identity() == current) {
            return known.view();
        }
        Vendo view = bind(current);
        bound = new Bound(current, view);
        return view;
    }

    private Vendo bind(RequestIdentity current) {
        if (current == null) {
            return root.isVendoMode()
                    ? new UnavailableVendo(true, Errors::identityNotPresent)
                    : new UnavailableVendo(false, Errors::vendoOnlyFeature);
        }
        try {
            return root.forUser(current.jwt()); // checks the mode first: one call through the root's proxy
        } catch (VendoOnlyFeature e) {
            return new UnavailableVendo(false, Errors::vendoOnlyFeature);
        } catch (VendoError e) {
            return new UnavailableVendo(true, () -> e);
        }
    }

    @Override
    public boolean isVendoMode() {
        return root.isVendoMode();
    }

    @Override
    public Vendo forUser(String userJwt) {
        return view().forUser(userJwt);
    }

    @Override
    public Vendo forRequest(Map<String, ?> headers) {
        return view().forRequest(headers);
    }

    @Override
    public Vendo forRequest(Function<String, String> header) {
        return view().forRequest(header);
    }

    @Override
    public String token(String slug) {
        return view().token(slug);
    }

    @Override
    public Map<String, String> tokens(Collection<String> slugs) {
        return view().tokens(slugs);
    }

    @Override
    public void invalidate(String slug) {
        view().invalidate(slug);
    }

    @Override
    public Connections connections() {
        return view().connections();
    }

    @Override
    public void close() {
        // The root client is the container's to close; a user's view holds nothing of its own.
    }

    @Override
    public String toString() {
        return identity == null ? "Vendo[@VendoUser, nobody signed in]" : "Vendo[@VendoUser, user-scoped]";
    }
}
