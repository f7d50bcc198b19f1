package run.vendo.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import run.vendo.jakarta.rest.VendoToken;

/**
 * A provider's API as a MicroProfile Rest Client; every call carries the Google token of the
 * request's user. Its URL is the setting {@code google-api/mp-rest/url} ({@code
 * GOOGLE_API_MP_REST_URL}): against the emulator, its stand-in provider, which echoes whose token
 * it received.
 */
@ApplicationScoped // seen in an archive without beans.xml (bean-discovery-mode "annotated")
@RegisterRestClient(configKey = "google-api")
@VendoToken("google")
public interface GoogleApi {

    /**
     * Whom the provider takes the caller for.
     *
     * @return the provider's JSON answer
     */
    @GET
    @Path("whoami")
    @Produces(MediaType.APPLICATION_JSON)
    String whoami();
}
