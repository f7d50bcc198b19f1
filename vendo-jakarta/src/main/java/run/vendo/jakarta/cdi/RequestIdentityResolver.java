package run.vendo.jakarta.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import run.vendo.jakarta.config.VendoSettings;
import run.vendo.jakarta.identity.IdentityHeaders;
import run.vendo.jakarta.identity.IdentityResult;
import run.vendo.jakarta.identity.RequestIdentity;
import run.vendo.jakarta.jwt.JwtVerifier;
import run.vendo.jakarta.jwt.VerificationFailure;
import run.vendo.jakarta.jwt.VerifiedJwt;

/**
 * Turns a request's headers into its identity: {@link IdentityHeaders} reads them, then, when
 * {@code vendo.jwt.jwks-url} is configured, {@link JwtVerifier} verifies the token. With
 * verification on, an {@code X-Vendo-User-Id} that differs from the token's {@code sub} is
 * rejected, so that the id cannot be swapped while a valid token is replayed.
 *
 * <p>One instance per application; it owns the verifier, its key set and its cache.
 *
 * @since 0.1.0
 */
@ApplicationScoped
public class RequestIdentityResolver {

    private JwtVerifier verifier;

    /** For CDI proxies. */
    protected RequestIdentityResolver() {}

    /**
     * Creates the resolver from the deployment's settings. Nothing is fetched here.
     *
     * @param settings the settings
     */
    @Inject
    public RequestIdentityResolver(VendoSettings settings) {
        this(settings.verifierSettings().map(JwtVerifier::new).orElse(null));
    }

    /**
     * Creates a resolver with the given verifier.
     *
     * @param verifier the verifier, or {@code null} to accept tokens after the shape check only
     */
    public RequestIdentityResolver(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Resolves a request's identity.
     *
     * @param headers returns every value of the named header, or null or empty when absent
     * @return absent, present (verified if configured) or rejected
     */
    public IdentityResult resolve(Function<String, ? extends Collection<String>> headers) {
        IdentityResult parsed = IdentityHeaders.read(headers);
        if (verifier == null || !(parsed instanceof IdentityResult.Present present)) {
            return parsed;
        }
        RequestIdentity identity = present.identity();
        VerifiedJwt verified;
        try {
            verified = verifier.verify(identity.jwt());
        } catch (VerificationFailure failure) {
            return failure.toRejection();
        }
        Object sub = verified.claims().get("sub");
        if (identity.userId() != null && sub != null && !identity.userId().equals(sub)) {
            return IdentityResult.invalid(
                    "The " + IdentityHeaders.USER_ID + " header does not match the identity token's subject.");
        }
        return new IdentityResult.Present(identity.withVerifiedClaims(verified.claims()));
    }

    /**
     * Returns the verifier.
     *
     * @return the verifier, or empty when verification is off
     */
    public Optional<JwtVerifier> verifier() {
        return Optional.ofNullable(verifier);
    }
}
