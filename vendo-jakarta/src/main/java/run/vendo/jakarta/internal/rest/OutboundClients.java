package run.vendo.jakarta.internal.rest;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import run.vendo.Vendo;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.jakarta.VendoUserContext;
import run.vendo.jakarta.internal.text.Errors;
import run.vendo.jakarta.rest.VendoToken;

/**
 * Which client an outbound call takes its token from, by {@link VendoToken.Identity}. The user's
 * client is made from the request's token here, not through the request-scoped bean, so that the
 * answer of an asynchronous call, which may arrive on another thread, still reaches the right
 * cache entry.
 *
 * <p>One instance per filter. The beans are looked up on the first call and kept: the root client
 * and the user's context are client proxies, the latter following whichever request is current,
 * and a lookup through {@code CDI.current()} walks the caller's stack on some servers.
 */
public final class OutboundClients {

    /** The deployment's beans, looked up once. */
    private record Beans(BeanManager manager, Vendo root, VendoUserContext user) {}

    private volatile Beans beans;

    /** Creates the lookups; nothing is looked up before the first call. */
    public OutboundClients() {}

    /**
     * Returns the client whose token a call carries.
     *
     * @param identity whose token
     * @return the deployment's root client or a view for the request's user
     * @throws IdentityNotPresent for the user's token in a request without one
     * @throws IllegalStateException for {@link VendoToken.Identity#USER} outside a request
     */
    public Vendo forCall(VendoToken.Identity identity) {
        Beans b = beans();
        return switch (identity) {
            case DEPLOYMENT -> b.root();
            case AUTO -> b.root().isVendoMode() && requestActive(b.manager()) ? user(b) : b.root();
            case USER -> {
                if (!requestActive(b.manager())) {
                    throw new IllegalStateException("@VendoToken(identity = USER) on a call made outside a request:"
                            + " there is no user whose token to send. Use identity = DEPLOYMENT for the deployment's"
                            + " token, or call with Vendo.forUser(jwt) for a user known to the job.");
                }
                yield user(b);
            }
        };
    }

    private Beans beans() {
        Beans b = beans;
        if (b == null) {
            CDI<Object> cdi = CDI.current();
            b = new Beans(cdi.getBeanManager(), cdi.select(Vendo.class).get(),
                    cdi.select(VendoUserContext.class).get());
            beans = b; // a race looks up twice and keeps either: both name the same beans
        }
        return b;
    }

    private static Vendo user(Beans b) {
        VendoUserContext user = b.user();
        String jwt = user.jwt()
                .orElseThrow(() -> user.isPresent() ? Errors.ssoWithoutToken() : Errors.tokenWithoutUser());
        return b.root().forUser(jwt);
    }

    /** Whether a request scope is active; CDI says "no" only by throwing, which costs microseconds. */
    private static boolean requestActive(BeanManager beans) {
        try {
            return beans.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }
}
