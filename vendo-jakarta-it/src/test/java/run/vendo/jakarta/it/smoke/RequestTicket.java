package run.vendo.jakarta.it.smoke;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

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
