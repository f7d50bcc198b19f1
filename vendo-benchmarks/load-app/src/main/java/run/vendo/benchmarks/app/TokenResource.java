package run.vendo.benchmarks.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import run.vendo.Vendo;
import run.vendo.jakarta.VendoUser;

/**
 * {@code GET /api/token}: the request user's Google token, cached after the first call, as plain text.
 *
 * <p>Plain text so that the harness compares Vendo's cost with {@link PingResource}, not the cost of a
 * JSON layer. {@code @ApplicationScoped}: one instance serves every request, {@code @VendoUser Vendo}
 * resolving per request through its CDI proxy.
 */
@Path("token")
@ApplicationScoped
public class TokenResource {

    @Inject
    @VendoUser
    Vendo vendo;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String token() {
        return vendo.token("google");
    }
}
