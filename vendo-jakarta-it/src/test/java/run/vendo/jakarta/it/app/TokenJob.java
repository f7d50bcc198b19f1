package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import run.vendo.Vendo;

/**
 * The README's background-job example: an {@code @ApplicationScoped} bean with the plain,
 * deployment-level {@code Vendo}, acting for a user through {@code forUser(jwt)}.
 */
@ApplicationScoped
public class TokenJob {

    @Inject
    Vendo vendo;

    public String tokenFor(String userJwt, String slug) {
        return vendo.forUser(userJwt).token(slug);
    }

    /** The deployment's own token (no user): overrides such as {@code VENDO_TOKEN_<SLUG>} apply. */
    public String deploymentToken(String slug) {
        return vendo.token(slug);
    }
}
