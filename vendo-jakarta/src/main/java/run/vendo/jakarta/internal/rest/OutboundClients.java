package run.vendo.jakarta.internal.rest;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import run.vendo.Vendo;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.jakarta.VendoUserContext;
import run.vendo.jakarta.internal.Errors;
import run.vendo.jakarta.rest.VendoToken;

/**
 * Which client an outbound call takes its token from, by {@link VendoToken.Identity}. The user's
 * client is made from the request's token here, not through the request-scoped bean, so that the
 * answer of an asynchronous call, which may arrive on another thread, still reaches the right
 * cache entry.
 */
public final class OutboundClients {

    private OutboundClients() {}

    /**
     * Returns the client whose token a call carries.
     *
     * @param identity whose token
     * @return the deployment's root client or a view for the request's user
     * @throws IdentityNotPresent for the user's token in a request without one
     * @throws IllegalStateException for {@link VendoToken.Identity#USER} outside a request
     */
    public static Vendo forCall(VendoToken.Identity identity) {
        CDI<Object> cdi = CDI.current();
        Vendo root = cdi.select(Vendo.class).get();
        boolean inRequest = requestActive(cdi.getBeanManager());
        return switch (identity) {
            case DEPLOYMENT -> root;
            case AUTO -> inRequest && root.isVendoMode() ? user(cdi, root) : root;
            case USER -> {
                if (!inRequest) {
                    throw new IllegalStateException("@VendoToken(identity = USER) on a call made outside a request:"
                            + " there is no user whose token to send. Use identity = DEPLOYMENT for the deployment's"
                            + " token, or call with Vendo.forUser(jwt) for a user known to the job.");
                }
                yield user(cdi, root);
            }
        };
    }

    private static Vendo user(CDI<Object> cdi, Vendo root) {
        VendoUserContext user = cdi.select(VendoUserContext.class).get();
        String jwt = user.jwt()
                .orElseThrow(() -> user.isPresent() ? Errors.ssoWithoutToken() : Errors.tokenWithoutUser());
        return root.forUser(jwt);
    }

    private static boolean requestActive(BeanManager beans) {
        try {
            return beans.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }
}
