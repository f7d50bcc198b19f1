package run.vendo.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/events/recent}: the Vendo events {@link VendoEventLog} kept, newest first, so that
 * a demo shows a webhook or a stream event arriving. Deployment-wide, needing no user: a real
 * application would keep such a page to its operators.
 */
@Path("events")
@ApplicationScoped
public class EventsResource {

    @Inject
    VendoEventLog log;

    @GET
    @Path("recent")
    @Produces(MediaType.APPLICATION_JSON)
    public RecentEvents recent() {
        return new RecentEvents(log.recent());
    }

    /**
     * The answer of {@code GET /api/events/recent}.
     *
     * @param events the last events received, newest first
     */
    public record RecentEvents(List<VendoEventLog.Entry> events) {
    }
}
