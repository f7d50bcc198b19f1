package run.vendo.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import run.vendo.jakarta.VendoUserContext;

/**
 * {@code GET /api/me}: who is signed in, as the identity filter established it, and which values
 * can be trusted: with verification on, everything but {@code proxyRole} comes from the verified
 * token. Without a user it answers {@code {"present":false,"verified":false}}.
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
        String source = !user.isPresent() ? null : user.isVerified() ? VERIFIED_TOKEN : PROXY_HEADERS;
        return new Me(user.isPresent(), user.isVerified(), source, user.userId().orElse(null),
                user.email().orElse(null), user.name().orElse(null), user.tenantId().orElse(null),
                user.proxyRole().orElse(null), user.claims().isEmpty() ? null : user.claims());
    }

    /** Where {@code userId}, {@code email}, {@code name} and {@code tenantId} come from with verification on. */
    static final String VERIFIED_TOKEN = "verified token";

    /** Where they come from without verification: Vendo's proxy, unsigned. */
    static final String PROXY_HEADERS = "proxy headers, unverified";

    /**
     * The answer of {@code GET /api/me}; absent values are left out.
     *
     * @param present whether a user is signed in
     * @param verified whether the identity token's signature, expiry, issuer and audience were checked
     * @param valuesFrom where the user's id, e-mail address, name and tenant come from
     * @param userId the user's id
     * @param email the user's e-mail address
     * @param name the user's display name
     * @param tenantId the tenant
     * @param proxyRole the role Vendo's proxy asserts; never verified, whatever {@code valuesFrom} says
     * @param claims the verified claims of the token
     */
    public record Me(boolean present, boolean verified, String valuesFrom, String userId, String email, String name,
            String tenantId, String proxyRole, Map<String, Object> claims) {
    }
}
