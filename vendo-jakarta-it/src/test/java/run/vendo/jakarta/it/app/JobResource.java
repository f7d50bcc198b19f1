package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Hands work to {@link TokenJob}: {@code POST /api/job/token/{slug}} with a user's JWT as the body
 * (no identity header: the job gets the user from its input, not from the request); {@code GET
 * /api/job/deployment-token/{slug}} for the deployment's own token.
 */
@Path("job")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class JobResource {

    @Inject
    TokenJob job;

    @POST
    @Path("token/{slug}")
    @Consumes(MediaType.TEXT_PLAIN)
    public String token(@PathParam("slug") String slug, String userJwt) {
        return job.tokenFor(userJwt.trim(), slug);
    }

    @GET
    @Path("deployment-token/{slug}")
    public String deploymentToken(@PathParam("slug") String slug) {
        return job.deploymentToken(slug);
    }
}
