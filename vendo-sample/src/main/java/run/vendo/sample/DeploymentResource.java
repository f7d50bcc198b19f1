package run.vendo.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import run.vendo.Vendo;

/**
 * {@code GET /api/deployment/token/{slug}}: the deployment's own token for a provider (no user), from
 * the plain, application-scoped {@code Vendo}.
 *
 * <p>Demo only: a real application uses such a token on the server and never exposes it, least of
 * all without authentication.
 */
@Path("deployment")
@ApplicationScoped
public class DeploymentResource {

    @Inject
    Vendo vendo;

    @GET
    @Path("token/{slug}")
    @Produces(MediaType.APPLICATION_JSON)
    public DeploymentToken token(@PathParam("slug") String slug) {
        return new DeploymentToken(slug, vendo.token(slug));
    }

    /**
     * The answer of {@code GET /api/deployment/token/{slug}}.
     *
     * @param slug the provider
     * @param token the deployment's access token for it
     */
    public record DeploymentToken(String slug, String token) {
    }
}
