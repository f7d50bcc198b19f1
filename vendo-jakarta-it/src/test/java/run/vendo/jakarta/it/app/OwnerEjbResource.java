package run.vendo.jakarta.it.app;

import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/secured-ejb/owner}: calls {@link OwnerOnlyBean}, {@code 403} when the EJB refuses the caller. */
@Path("secured-ejb")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class OwnerEjbResource {

    @Inject
    OwnerOnlyBean ownerOnly;

    @GET
    @Path("owner")
    public Response owner() {
        try {
            return Response.ok("owner " + ownerOnly.caller()).build();
        } catch (EJBAccessException e) {
            return Response.status(Response.Status.FORBIDDEN).entity("refused by the EJB").build();
        }
    }
}
