package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What {@link EventObservers} received ({@code GET /api/events/seen}, one line per event), and its
 * switches: {@code POST /api/events/fail-for} and {@code POST /api/events/hold-for} with an event
 * type as the body (an empty body for none), {@code POST /api/events/release}, and {@code GET
 * /api/events/held}, how many deliveries are held.
 */
@Path("events")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class EventsResource {

    @Inject
    EventObservers observers;

    @GET
    @Path("seen")
    public String seen() {
        StringBuilder lines = new StringBuilder();
        observers.seen().forEach(line -> lines.append(line).append('\n'));
        return lines.toString();
    }

    @POST
    @Path("fail-for")
    @Consumes(MediaType.TEXT_PLAIN)
    public String failFor(String type) {
        observers.failFor(type == null ? "" : type.trim());
        return "ok";
    }

    @POST
    @Path("hold-for")
    @Consumes(MediaType.TEXT_PLAIN)
    public String holdFor(String type) {
        observers.holdFor(type == null ? "" : type.trim());
        return "ok";
    }

    @POST
    @Path("release")
    public String release() {
        observers.release();
        return "ok";
    }

    @GET
    @Path("held")
    public String held() {
        return Integer.toString(observers.held());
    }
}
