package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import run.vendo.jakarta.rest.VendoToken;

/**
 * The emulator's stand-in provider API as a MicroProfile Rest Client: {@code whoami} echoes whose
 * token the call carried. The interface's {@code @VendoToken} applies to every method that does not
 * carry its own.
 */
@Dependent // in a bean archive with bean-discovery-mode="annotated", makes the interface seen
@RegisterRestClient(configKey = "provider")
@VendoToken("google")
@Produces(MediaType.APPLICATION_JSON)
public interface ProviderClient {

    @GET
    @Path("whoami")
    String whoami();

    @GET
    @Path("whoami")
    @VendoToken(value = "google", identity = VendoToken.Identity.DEPLOYMENT)
    String whoamiAsDeployment();

    @GET
    @Path("whoami")
    @VendoToken(value = "google", identity = VendoToken.Identity.USER)
    String whoamiAsUser();
}
