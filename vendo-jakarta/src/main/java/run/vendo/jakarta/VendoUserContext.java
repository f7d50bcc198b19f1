package run.vendo.jakarta;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.jakarta.cdi.UserVendo;
import run.vendo.jakarta.identity.RequestIdentity;
import run.vendo.jakarta.internal.Errors;

/**
 * Who is signed in for the current HTTP request, as {@link VendoIdentityFilter} read it from the
 * headers Vendo's proxy adds.
 *
 * <p>When nobody is signed in (no {@code X-Vendo-User-JWT} header) the context is empty: {@link
 * #isPresent()} is {@code false}, the getters return empty {@code Optional}s and {@link #claims()}
 * an empty map; nothing returns {@code null}.
 *
 * <pre>{@code
 * @Inject VendoUserContext user;
 *
 * if (user.isPresent()) {
 *     log.info("request from " + user.userId().orElse("?"));
 * }
 * }</pre>
 *
 * <p>With verification configured ({@code vendo.jwt.jwks-url}), a request only gets here with a
 * token whose signature, expiry, issuer and audience were checked; {@link #claims()} holds its
 * claims and {@link #userId()} equals its {@code sub}. Without verification the header values are
 * as trustworthy as the network path from Vendo's proxy, and {@link #claims()} is empty.
 *
 * <p>{@link #toString()} never prints the token.
 *
 * @since 0.1.0
 */
@RequestScoped
public class VendoUserContext {

    private UserVendo user;

    /** For CDI. */
    protected VendoUserContext() {}

    /**
     * Creates a context that reads the given request's identity.
     *
     * @param user the request's user, as the filter stored it
     */
    @Inject
    public VendoUserContext(@VendoUser UserVendo user) {
        this.user = user;
    }

    private Optional<RequestIdentity> identity() {
        return user.identity();
    }

    /**
     * Tells whether the request carries a user's identity.
     *
     * @return {@code true} when an identity token was present (and, with verification on, valid)
     */
    public boolean isPresent() {
        return identity().isPresent();
    }

    /**
     * Tells whether the identity token was verified.
     *
     * @return {@code true} when a token is present and was verified against the configured JWKS
     */
    public boolean isVerified() {
        return identity().map(RequestIdentity::verified).orElse(false);
    }

    /**
     * Returns the raw identity token, for {@link run.vendo.Vendo#forUser(String)} or to hand to a
     * background job. Treat it as a credential: do not log it.
     *
     * @return the token, or empty when nobody is signed in
     */
    public Optional<String> jwt() {
        return identity().map(RequestIdentity::jwt);
    }

    /**
     * Returns the raw identity token, or fails.
     *
     * @return the token
     * @throws IdentityNotPresent if nobody is signed in
     */
    public String requireJwt() {
        return jwt().orElseThrow(Errors::identityNotPresent);
    }

    /**
     * Returns the user's id ({@code X-Vendo-User-Id}, or the verified {@code sub}).
     *
     * @return the id, or empty
     */
    public Optional<String> userId() {
        return identity().map(RequestIdentity::userId);
    }

    /**
     * Returns the user's e-mail address ({@code X-Vendo-User-Email}).
     *
     * @return the address, or empty
     */
    public Optional<String> email() {
        return identity().map(RequestIdentity::email);
    }

    /**
     * Returns the user's display name ({@code X-Vendo-User-Name}).
     *
     * @return the name, or empty
     */
    public Optional<String> name() {
        return identity().map(RequestIdentity::name);
    }

    /**
     * Returns the tenant id ({@code X-Vendo-Tenant-Id}).
     *
     * @return the tenant id, or empty
     */
    public Optional<String> tenantId() {
        return identity().map(RequestIdentity::tenantId);
    }

    /**
     * Returns the user's role ({@code X-Vendo-Role}).
     *
     * @return the role, or empty
     */
    public Optional<String> role() {
        return identity().map(RequestIdentity::role);
    }

    /**
     * Returns the verified claims of the identity token.
     *
     * @return an unmodifiable map; empty when nobody is signed in or verification is off
     */
    public Map<String, Object> claims() {
        return identity().map(RequestIdentity::claims).orElse(Map.of());
    }

    @Override
    public String toString() {
        return identity().map(i -> "VendoUserContext[userId=" + i.userId() + ", tenantId=" + i.tenantId()
                        + ", role=" + i.role() + ", verified=" + i.verified() + ", jwt=<redacted>]")
                .orElse("VendoUserContext[nobody signed in]");
    }
}
