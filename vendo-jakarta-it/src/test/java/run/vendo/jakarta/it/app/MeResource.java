package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import run.vendo.jakarta.VendoUserContext;

/** What {@link VendoUserContext} holds for this request, one {@code key=value} per line (never the token). */
@Path("me")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class MeResource {

    @Inject
    VendoUserContext user;

    @GET
    public String me() {
        return "present=" + user.isPresent()
                + "\nverified=" + user.isVerified()
                + "\nhasJwt=" + user.jwt().isPresent()
                + "\nuserId=" + user.userId().orElse("")
                + "\nemail=" + user.email().orElse("")
                + "\ntenantId=" + user.tenantId().orElse("")
                + "\nproxyRole=" + user.proxyRole().orElse("")
                + "\nsub=" + user.claims().getOrDefault("sub", "")
                + "\n";
    }
}
