package run.vendo.sample;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import run.vendo.jakarta.VendoUserContext;

/**
 * {@code GET /api/me}: who is signed in, as the identity filter read it from the request's {@code
 * X-Vendo-User-*} headers. Without a user it answers {@code {"present":false,"verified":false}}.
 */
@Path("me")
@ApplicationScoped
public class MeResource {

    @Inject
    VendoUserContext user;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Me me() {
        // Never the raw JWT: it is a credential.
        return new Me(user.isPresent(), user.isVerified(), user.userId().orElse(null), user.email().orElse(null),
                user.name().orElse(null), user.tenantId().orElse(null), user.role().orElse(null),
                user.claims().isEmpty() ? null : user.claims());
    }

    /**
     * The answer of {@code GET /api/me}; absent values are left out.
     *
     * @param present whether the request carries a user's identity token
     * @param verified whether its signature, expiry, issuer and audience were checked
     * @param userId the user's id
     * @param email the user's e-mail address
     * @param name the user's display name
     * @param tenantId the tenant
     * @param role the user's role
     * @param claims the verified claims of the token
     */
    public record Me(boolean present, boolean verified, String userId, String email, String name, String tenantId,
            String role, Map<String, Object> claims) {
    }
}
