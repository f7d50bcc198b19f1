package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import run.vendo.Vendo;
import run.vendo.jakarta.VendoUser;

/**
 * One instance for the whole application holding the {@code @RequestScoped @VendoUser Vendo}: the
 * container's proxy must resolve it to the user of the request in progress, on every thread.
 */
@Path("app-user")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class AppScopedUserTokenResource {

    @Inject
    @VendoUser
    Vendo vendo;

    @GET
    @Path("token/{slug}")
    public String token(@PathParam("slug") String slug) {
        ResourceRuns.INVOCATIONS.incrementAndGet();
        return vendo.token(slug);
    }
}
