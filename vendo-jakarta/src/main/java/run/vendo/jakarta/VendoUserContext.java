package run.vendo.jakarta;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import run.vendo.Vendo;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.jakarta.internal.cdi.VendoProducer;
import run.vendo.jakarta.internal.identity.RequestIdentity;
import run.vendo.jakarta.internal.text.Errors;

/**
 * Who is signed in for the current HTTP request: the one holder of the request's identity. {@link
 * VendoIdentityFilter} writes it before the rest of the chain runs, and nothing else can: an
 * application only reads it. {@code @Inject @}{@link VendoUser}{@code  Vendo} is made from it.
 *
 * <p>When nobody is signed in the context is empty: {@link #isPresent()} is {@code false}, the
 * getters return empty {@code Optional}s and {@link #claims()} an empty map; nothing returns
 * {@code null}, and {@link #requireJwt()} throws {@link IdentityNotPresent} (code {@code
 * identity_not_present}). The context is empty too when the filter is switched off or not mapped
 * to the request's URL, and in code that runs before the filter (a servlet request listener, a
 * filter ordered ahead of it).
 *
 * <pre>{@code
 * @Inject VendoUserContext user;
 *
 * if (user.isVerified()) {
 *     String tenant = user.tenantId().orElseThrow();   // from the verified token
 * }
 * }</pre>
 *
 * <h2>What each value is worth</h2>
 * <ul>
 *   <li><b>Verification on</b> ({@code vendo.jwt.jwks-url}): a request is signed in only with a
 *       token whose signature, expiry, issuer and audience were checked, and {@link #isVerified()}
 *       is {@code true}. {@link #userId()} is its {@code sub}; {@link #email()}, {@link #name()}
 *       and {@link #tenantId()} come from its claims ({@code vendo.jwt.email-claim}, {@code
 *       vendo.jwt.name-claim}, {@code vendo.jwt.tenant-claim}) and are empty when the token has
 *       none, whatever the headers say; a header that contradicts its claim is refused with 401.
 *   <li><b>Verification off</b>: the values are the {@code X-Vendo-User-*} headers, the word of
 *       Vendo's proxy, as trustworthy as the network path from it; a request is signed in when it
 *       carries {@code X-Vendo-User-JWT} or, for single sign-on, {@code X-Vendo-User-Id}.
 *   <li>{@link #proxyRole()} is always the proxy's unsigned {@code X-Vendo-Role}: the token does
 *       not carry a role. Do not base an authorisation decision on it unless only Vendo's proxy
 *       can reach the application.
 * </ul>
 *
 * <h2>Scope</h2>
 * The bean is {@code @RequestScoped}: it may be injected anywhere, {@code @ApplicationScoped} beans
 * included, and each call reads the request in progress on the calling thread. Outside a request
 * (a timer, a message listener, a thread the application started) every call throws CDI's {@link
 * jakarta.enterprise.context.ContextNotActiveException}; a background job takes the user's token
 * from the request that queued it ({@link #requireJwt()}) and calls {@link
 * run.vendo.Vendo#forUser(String)} on the plain {@code Vendo}.
 *
 * <p>{@link #toString()} never prints the token, the e-mail address or the name.
 *
 * @since 0.1.0
 */
@RequestScoped
public class VendoUserContext {

    private Vendo root;
    private volatile RequestIdentity identity;
    private volatile Vendo vendo;

    /** For the container's client proxy. */
    VendoUserContext() {}

    /** Creates the empty context of a request; the container calls it. */
    @Inject
    VendoUserContext(Vendo root) {
        this.root = root;
    }

    /**
     * Stores the request's identity; {@link VendoIdentityFilter} calls it before the rest of the
     * chain runs. The identity is written once: whatever was made from it ({@code @VendoUser
     * Vendo}) stays right for the whole request.
     *
     * @throws IllegalStateException if the request already holds another identity
     */
    void set(RequestIdentity identity) {
        RequestIdentity known = this.identity;
        if (known != null && !known.equals(identity)) {
            throw new IllegalStateException("The request's identity is already set; it cannot change within a request");
        }
        this.identity = identity;
    }

    /**
     * The client of this request's user, which {@code @VendoUser Vendo} sends each call to: made on
     * first use, from the identity as it stands then, and kept for the request. Two threads racing
     * here make equal clients; either will do.
     */
    Vendo vendo() {
        Vendo known = vendo;
        if (known == null) {
            known = VendoProducer.userView(root, this);
            vendo = known;
        }
        return known;
    }

    private Optional<RequestIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /**
     * Tells whether a user is signed in.
     *
     * @return {@code true} when the request carries an identity (verified, with verification on)
     */
    public boolean isPresent() {
        return identity().isPresent();
    }

    /**
     * Tells whether the identity comes from a verified token.
     *
     * @return {@code true} when the token was verified against the configured JWKS, and so every
     *     value but {@link #proxyRole()} comes from its claims
     */
    public boolean isVerified() {
        return identity().map(RequestIdentity::verified).orElse(false);
    }

    /**
     * Returns the raw identity token, for {@link run.vendo.Vendo#forUser(String)} or to hand to a
     * background job. Treat it as a credential: do not log it.
     *
     * @return the token, or empty when nobody is signed in or the proxy sent only single sign-on headers
     */
    public Optional<String> jwt() {
        return identity().map(RequestIdentity::jwt);
    }

    /**
     * Returns the raw identity token, or fails.
     *
     * @return the token
     * @throws IdentityNotPresent if the request carries no token
     */
    public String requireJwt() {
        return jwt().orElseThrow(Errors::identityNotPresent);
    }

    /**
     * Returns the user's id: the verified {@code sub}, or {@code X-Vendo-User-Id} without verification.
     *
     * @return the id, or empty
     */
    public Optional<String> userId() {
        return identity().map(RequestIdentity::userId);
    }

    /**
     * Returns the user's e-mail address: the verified claim, or {@code X-Vendo-User-Email} without verification.
     *
     * @return the address, or empty
     */
    public Optional<String> email() {
        return identity().map(RequestIdentity::email);
    }

    /**
     * Returns the user's display name: the verified claim, or {@code X-Vendo-User-Name} without verification.
     *
     * @return the name, or empty
     */
    public Optional<String> name() {
        return identity().map(RequestIdentity::name);
    }

    /**
     * Returns the tenant: the verified claim, or {@code X-Vendo-Tenant-Id} without verification.
     *
     * @return the tenant id, or empty
     */
    public Optional<String> tenantId() {
        return identity().map(RequestIdentity::tenantId);
    }

    /**
     * Returns the role that Vendo's proxy asserts in {@code X-Vendo-Role} ({@code owner}, {@code
     * member} or {@code viewer}). It is never verified, with or without verification: the identity
     * token does not carry it.
     *
     * @return the proxy's role, or empty
     */
    public Optional<String> proxyRole() {
        return identity().map(RequestIdentity::proxyRole);
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
                        + ", proxyRole=" + i.proxyRole() + ", verified=" + i.verified() + ", jwt="
                        + (i.jwt() == null ? "none" : "<redacted>") + "]")
                .orElse("VendoUserContext[nobody signed in]");
    }
}
