package run.vendo.jakarta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import run.vendo.Vendo;
import run.vendo.jakarta.internal.cdi.ForwardingVendo;

/**
 * The bean behind {@code @Inject @VendoUser Vendo}: one for the application, which sends each call
 * to the client {@link VendoUserContext} made for the request in progress. So a request costs the
 * container no instance of its own beyond the context the filter fills.
 */
@ApplicationScoped
@VendoUser
@Typed(Vendo.class)
class RequestUserVendo extends ForwardingVendo {

    @Inject
    VendoUserContext context;

    @Override
    protected Vendo delegate() {
        return context.vendo();
    }

    @Override
    public String toString() {
        return "Vendo[@VendoUser, the client of the request in progress]";
    }
}
