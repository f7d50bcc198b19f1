package run.vendo.jakarta.it.mpjwt;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The server's MP-JWT token of this request: {@code name=…} and {@code subject=…} (never the raw token). */
@Path("mp-jwt")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class MpJwtResource {

    @Inject
    JsonWebToken token;

    @GET
    public String whoAmI() {
        return "name=" + token.getName() + "\nsubject=" + token.getSubject() + "\n";
    }
}
