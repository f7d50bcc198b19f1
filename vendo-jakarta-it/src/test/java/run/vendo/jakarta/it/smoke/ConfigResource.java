package run.vendo.jakarta.it.smoke;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the server sees of its settings: MicroProfile Config, system properties, environment. */
@Path("config")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class ConfigResource {

    @Inject
    @ConfigProperty(name = "demo.greeting", defaultValue = "(unset)")
    String greeting;

    @GET
    @Path("greeting")
    public String greeting() {
        return greeting;
    }

    @GET
    @Path("system-property/{name}")
    public String systemProperty(@PathParam("name") String name) {
        return Optional.ofNullable(System.getProperty(name)).orElse("(unset)");
    }

    @GET
    @Path("env/{name}")
    public String environmentVariable(@PathParam("name") String name) {
        return Optional.ofNullable(System.getenv(name)).orElse("(unset)");
    }
}
