package run.vendo.jakarta;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import run.vendo.Billing;
import run.vendo.Connections;
import run.vendo.Data;
import run.vendo.Deployment;
import run.vendo.Events;
import run.vendo.Integrations;
import run.vendo.Sso;
import run.vendo.Vendo;
import run.vendo.Webhooks;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.jakarta.internal.Errors;
import run.vendo.jakarta.internal.identity.RequestIdentity;

/**
 * The bean behind {@code @Inject @VendoUser Vendo}: the current request's identity, as {@link
 * VendoIdentityFilter} stored it, and the root client's {@link Vendo#forUser(String) forUser} view
 * for it, made on first use. One request-scoped bean holds both, so a request costs the container
 * one instance. It is {@code @RequestScoped}, so it may be injected anywhere, {@code
 * @ApplicationScoped} beans included: each call goes to the user of the request in progress.
 *
 * <p>The class is package-private and {@link #set(RequestIdentity)} too: an application can
 * inject it only as {@code Vendo}, and nothing outside the filter can write the request's identity.
 * How it fails without a usable user is documented on {@link VendoUser}.
 */
@RequestScoped
@VendoUser
@Typed({Vendo.class, UserVendo.class})
class UserVendo implements Vendo {

    private Vendo root;
    private volatile RequestIdentity identity;
    private volatile Bound bound;

    /** A view and the identity it was made for, published together. */
    private record Bound(RequestIdentity identity, Vendo view) {
    }

    /** For CDI proxies. */
    protected UserVendo() {}

    /** Creates the bean for one request; nobody is signed in until {@link #set(RequestIdentity)}. */
    @Inject
    UserVendo(Vendo root) {
        this.root = root;
    }

    /** Stores the request's identity; the filter calls it before the rest of the chain runs. */
    void set(RequestIdentity identity) {
        this.identity = identity;
    }

    /** The request's identity, or empty when nobody is signed in. */
    Optional<RequestIdentity> identity() {
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
        if (current == null || current.jwt() == null) {
            if (!root.isVendoMode()) {
                return new UnavailableVendo(false, Errors::vendoOnlyFeature);
            }
            return new UnavailableVendo(true, current == null ? Errors::identityNotPresent : Errors::ssoWithoutToken);
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
    public String connectUrl(String slug) {
        return view().connectUrl(slug);
    }

    @Override
    public String connectUrl(String slug, String returnTo, String state) {
        return view().connectUrl(slug, returnTo, state);
    }

    @Override
    public Integrations integrations() {
        return view().integrations();
    }

    @Override
    public Billing billing() {
        return view().billing();
    }

    @Override
    public Events events() {
        return view().events();
    }

    /** Webhooks are the deployment's, whoever the request's user is. */
    @Override
    public Webhooks webhooks() {
        return root.webhooks();
    }

    @Override
    public Data data() {
        return view().data();
    }

    /** The deployment's environment, whoever the request's user is. */
    @Override
    public Deployment deployment() {
        return root.deployment();
    }

    /** Reads headers handed to it; needs no user of its own. */
    @Override
    public Sso sso() {
        return root.sso();
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
