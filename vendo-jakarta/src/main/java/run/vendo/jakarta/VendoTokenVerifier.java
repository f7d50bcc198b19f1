package run.vendo.jakarta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import run.vendo.VendoHeaders;
import run.vendo.errors.AuthError;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.UpstreamError;
import run.vendo.jakarta.internal.identity.IdentityResult;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;
import run.vendo.jakarta.internal.text.Errors;

/**
 * Verifies an identity token that reached the application some other way than in a request's
 * {@code X-Vendo-User-JWT} header (in a job's input, a queued message, a WebSocket frame) exactly
 * as {@link VendoIdentityFilter} verifies the header: the same key set, issuer, audiences, leeway,
 * lifetime limit, claim settings and cache.
 *
 * <pre>{@code
 * @Inject VendoTokenVerifier verifier;
 * @Inject Vendo vendo;
 *
 * VerifiedIdentity who = verifier.verify(jwtFromTheMessage);   // AuthError when it is not valid
 * String token = vendo.forUser(jwtFromTheMessage).token("google");
 * }</pre>
 *
 * <p>Verification is configured by {@code vendo.jwt.jwks-url}; without it there is nothing to
 * verify against and {@link #verify(String)} refuses to vouch for a token.
 *
 * @since 0.1.0
 */
@ApplicationScoped
public class VendoTokenVerifier {

    private RequestIdentityResolver resolver;

    /** For CDI proxies. */
    protected VendoTokenVerifier() {}

    @Inject
    VendoTokenVerifier(RequestIdentityResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Tells whether identity tokens are verified in this deployment.
     *
     * @return {@code true} when {@code vendo.jwt.jwks-url} is set
     */
    public boolean isEnabled() {
        return resolver.verifier().isPresent();
    }

    /**
     * Verifies an identity token: its shape, signature, {@code exp}, {@code nbf}, issuer, audience
     * and lifetime.
     *
     * @param jwt the token
     * @return the verified identity, every value from the token's claims
     * @throws IdentityNotPresent when {@code jwt} is null or blank
     * @throws AuthError with code {@code identity_invalid} or {@code identity_expired} when the
     *     token is not valid; the message says why and never contains the token
     * @throws UpstreamError with code {@code identity_verifier_unavailable} when the key set cannot
     *     be fetched now
     * @throws IllegalStateException when verification is not configured
     */
    public VerifiedIdentity verify(String jwt) {
        if (!isEnabled()) {
            throw new IllegalStateException("Identity tokens cannot be verified: set vendo.jwt.jwks-url "
                    + "(VENDO_JWT_JWKS_URL) to the JWKS of Vendo's identity tokens");
        }
        List<String> value = jwt == null ? List.of() : List.of(jwt);
        IdentityResult result = resolver.resolve(name -> VendoHeaders.USER_JWT.equals(name) ? value : List.of());
        if (result instanceof IdentityResult.Present present) {
            return new VerifiedIdentity(present.identity());
        }
        if (result instanceof IdentityResult.Rejected rejected) {
            throw ErrorCodes.IDENTITY_VERIFIER_UNAVAILABLE.equals(rejected.code())
                    ? new UpstreamError(rejected.code(), rejected.message())
                    : new AuthError(rejected.code(), rejected.message());
        }
        throw Errors.identityNotPresent();
    }

    @Override
    public String toString() {
        return "VendoTokenVerifier[" + (isEnabled() ? "verifying" : "not configured") + "]";
    }
}
