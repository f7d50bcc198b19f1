package run.vendo.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import run.vendo.errors.VendoError;

/**
 * {@code GET /api/provider/whoami}: calls the provider through {@link GoogleApi}, which sends the
 * request user's Google token, and answers what the provider said. The resource never sees the token.
 * The client wraps what the token filter throws in a {@code ProcessingException}; rethrown, a Vendo
 * error (no user signed in, a connection missing) gets Vendo's JSON answer from {@code VendoErrorMapper}.
 */
@Path("provider")
@RequestScoped
public class ProviderResource {

    @Inject
    @RestClient
    GoogleApi google;

    @GET
    @Path("whoami")
    @Produces(MediaType.APPLICATION_JSON)
    public String whoami() {
        try {
            return google.whoami();
        } catch (ProcessingException e) {
            if (e.getCause() instanceof VendoError vendoError) {
                throw vendoError;
            }
            throw e;
        }
    }
}
