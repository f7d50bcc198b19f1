package run.vendo.jakarta.it.hc5;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Calls this very application's {@code /api/ping} through {@link LoopbackCall}. */
@Path("loopback-call")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class LoopbackCallResource {

    @Context
    UriInfo uriInfo;

    @GET
    public Response call() {
        try {
            return Response.ok(LoopbackCall.get(uriInfo.getBaseUriBuilder().path("ping").build())).build();
        } catch (Throwable failure) { // NoClassDefFoundError included: the test prints it
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            return Response.serverError().entity(trace.toString()).build();
        }
    }
}
