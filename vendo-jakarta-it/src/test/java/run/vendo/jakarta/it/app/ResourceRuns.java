package run.vendo.jakarta.it.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the runs of the token resources, so a test can tell that the filter stopped a request before them. */
@Path("runs")
@Produces(MediaType.TEXT_PLAIN)
public class ResourceRuns {

    static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @GET
    public String runs() {
        return Integer.toString(INVOCATIONS.get());
    }
}
