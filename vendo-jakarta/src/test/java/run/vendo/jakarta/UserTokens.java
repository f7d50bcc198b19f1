package run.vendo.jakarta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import run.vendo.Vendo;

/** An application-scoped service that injects the request-scoped user client, as applications do. */
@ApplicationScoped
public class UserTokens {

    @Inject
    @VendoUser
    Vendo user;

    @Inject
    Vendo deployment;

    public String token(String slug) {
        return user.token(slug);
    }

    public Vendo user() {
        return user;
    }

    public Vendo deployment() {
        return deployment;
    }
}
