package run.vendo.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/ping}: a constant, touching no Vendo code beyond the identity filter every request
 * passes through: tells that the application is deployed and answering.
 */
@Path("ping")
@ApplicationScoped
public class PingResource {

    /** What {@code GET /api/ping} answers. */
    public static final String PONG = "pong";

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
        return PONG;
    }
}
