package run.vendo.jakarta.it.app;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import run.vendo.jakarta.rest.VendoTokenFilter;

/**
 * Outbound calls to the emulator's provider, answering what it echoed: {@code GET
 * /api/outbound/whoami} (the request's user), {@code /whoami/deployment}, {@code /whoami/plain} (a
 * plain Jakarta REST client with {@link VendoTokenFilter}), and from a job on the container's
 * executor, outside any request: {@code /job/whoami} and {@code /job/whoami-as-user}. A refusal by
 * the provider is answered {@code 502} with its status; a failure before the call, {@code 500} with
 * the class and message of the exception the filter threw.
 */
@Path("outbound")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class OutboundResource {

    @Inject
    @RestClient
    ProviderClient provider;

    @Inject
    @ConfigProperty(name = "provider/mp-rest/url")
    String providerUrl;

    @Resource
    ManagedExecutorService executor;

    @GET
    @Path("whoami")
    public Response whoami() {
        return answer(provider::whoami);
    }

    @GET
    @Path("whoami/deployment")
    public Response whoamiAsDeployment() {
        return answer(provider::whoamiAsDeployment);
    }

    @GET
    @Path("whoami/plain")
    public Response whoamiPlain() {
        Client client = ClientBuilder.newClient().register(VendoTokenFilter.of("google"));
        try {
            return answer(() -> client.target(providerUrl).path("whoami").request().get(String.class));
        } finally {
            client.close();
        }
    }

    @GET
    @Path("job/whoami")
    public Response jobWhoami() {
        return inJob(provider::whoami);
    }

    @GET
    @Path("job/whoami-as-user")
    public Response jobWhoamiAsUser() {
        return inJob(provider::whoamiAsUser);
    }

    private Response inJob(Callable<String> call) {
        try {
            return executor.submit(() -> answer(call)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.serverError().build();
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
    }

    private static Response answer(Callable<String> call) {
        try {
            return Response.ok(call.call()).build();
        } catch (WebApplicationException e) {
            return Response.status(502).entity("provider answered " + e.getResponse().getStatus()).build();
        } catch (Exception e) {
            return failure(e);
        }
    }

    /** Reports what failed: the client's ProcessingException (Jersey keeps only its message) unwrapped. */
    private static Response failure(Throwable e) {
        Throwable cause = e instanceof ProcessingException && e.getCause() != null ? e.getCause() : e;
        return Response.serverError().entity(cause.getClass().getName() + ": " + cause.getMessage()).build();
    }
}
