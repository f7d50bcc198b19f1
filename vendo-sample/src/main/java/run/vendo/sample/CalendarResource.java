package run.vendo.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import run.vendo.Vendo;
import run.vendo.jakarta.VendoUser;
import run.vendo.jakarta.VendoUserContext;

/**
 * {@code GET /api/calendar}: the Google token of the user making the request.
 *
 * <p>{@code @VendoUser Vendo} is bound to the user whose {@code X-Vendo-User-JWT} header (added by
 * Vendo's proxy) the identity filter verified. Without the header the call fails with {@code
 * IdentityNotPresent}, which vendo-jakarta's exception mapper answers {@code 401}; a provider the
 * user has not connected is a {@code 409} with the URL to connect it.
 *
 * <p>The resource is {@code @ApplicationScoped}: what it injects, {@code @VendoUser Vendo} and
 * {@link VendoUserContext}, are request-scoped beans reached through CDI client proxies, so one
 * instance serves every request, each with its own user. A {@code @RequestScoped} resource works too
 * but has the container build (and validate) a new instance on every request.
 */
@Path("calendar")
@ApplicationScoped
public class CalendarResource {

    /** The provider this resource needs. */
    static final String SLUG = "google";

    @Inject
    @VendoUser
    Vendo vendo;

    @Inject
    VendoUserContext user;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public UserToken calendar() {
        String token = vendo.token(SLUG);
        // A real application USES the token, e.g. calls the Google Calendar API with it and returns
        // the user's events. It never sends a provider token back to the browser: this demo does so
        // only to show which token it got.
        return new UserToken(user.userId().orElse(null), SLUG, token);
    }

    /**
     * The answer of {@code GET /api/calendar}.
     *
     * @param user the user's id (the JWT's {@code sub})
     * @param slug the provider
     * @param token the user's access token for it
     */
    public record UserToken(String user, String slug, String token) {
    }
}
