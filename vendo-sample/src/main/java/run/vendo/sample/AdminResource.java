package run.vendo.sample;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/admin}: only for callers in role {@code owner}. With {@code
 * vendo.security.enabled=true} the caller is the Vendo user, and the role comes from the verified
 * claim {@code vendo.security.groups-claim} names; a forged {@code X-Vendo-Role} header counts for
 * nothing.
 */
@Path("admin")
@RequestScoped
@RolesAllowed("owner")
public class AdminResource {

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String admin() {
        return Json.createObjectBuilder()
                .add("caller", security.getUserPrincipal().getName())
                .add("role", "owner")
                .build().toString();
    }
}
