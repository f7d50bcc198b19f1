package run.vendo.sample;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import run.vendo.Vendo;

/**
 * {@code GET /api/deployment/connections}: the deployment's own connections (no user), from the
 * plain, application-scoped {@code Vendo}: which providers it has and their status, never a token.
 * Only for callers in role {@code owner}, like {@code /api/admin}.
 *
 * <p>Each answer is one call to Vendo with the App Key, which is the deployment's quota and rate
 * limit: open to anyone, every anonymous request would spend one. The server refuses a caller
 * without the role before the resource runs, so a refusal calls no one.
 *
 * <p>The deployment's tokens act for the whole deployment: a real application uses them on the
 * server only, and so does this sample.
 */
@Path("deployment")
@ApplicationScoped
@RolesAllowed("owner")
public class DeploymentResource {

    @Inject
    Vendo vendo;

    @GET
    @Path("connections")
    @Produces(MediaType.APPLICATION_JSON)
    public DeploymentConnections connections() {
        return new DeploymentConnections(vendo.connections().list().stream()
                .map(c -> new DeploymentConnection(c.slug(), c.status()))
                .toList());
    }

    /**
     * The answer of {@code GET /api/deployment/connections}.
     *
     * @param connections the deployment's connections
     */
    public record DeploymentConnections(List<DeploymentConnection> connections) {
    }

    /**
     * One connection of the deployment.
     *
     * @param slug the provider
     * @param status its status
     */
    public record DeploymentConnection(String slug, String status) {
    }
}
