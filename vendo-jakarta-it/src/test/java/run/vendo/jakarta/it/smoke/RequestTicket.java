package run.vendo.jakarta.it.smoke;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** A request-scoped bean: one instance, with one id, per HTTP request. */
@RequestScoped
public class RequestTicket {

    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }

    public String pong() {
        return "pong";
    }
}
