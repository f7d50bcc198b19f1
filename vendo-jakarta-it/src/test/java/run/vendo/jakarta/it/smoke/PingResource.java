package run.vendo.jakarta.it.smoke;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An application-scoped resource holding a request-scoped bean: the container's client proxy
 * must resolve the bean per request, as the Vendo producers will rely on.
 */
@Path("ping")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class PingResource {

    @Inject
    RequestTicket ticket;

    @GET
    public String ping() {
        return ticket.pong();
    }

    /** The ticket id read twice: equal within one request, different across requests. */
    @GET
    @Path("ticket")
    public String ticket() {
        return ticket.id() + " " + ticket.id();
    }
}
