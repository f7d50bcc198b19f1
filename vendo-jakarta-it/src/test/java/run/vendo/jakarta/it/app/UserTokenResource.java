package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import run.vendo.Vendo;
import run.vendo.jakarta.VendoUser;

/**
 * The README's forRequest example: the current request's user, {@code vendo.token(slug)}. Every
 * {@code VendoError} escapes to the library's exception mapper.
 */
@Path("user")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class UserTokenResource {

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
