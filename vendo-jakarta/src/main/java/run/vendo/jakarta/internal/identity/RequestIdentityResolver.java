package run.vendo.jakarta.internal.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import run.vendo.VendoHeaders;
import run.vendo.errors.AuthError;
import run.vendo.internal.identity.IdentityHeaders;
import run.vendo.internal.identity.IdentityHeaders.ProxyHeaders;
import run.vendo.internal.text.ControlCharacters;
import run.vendo.jakarta.internal.config.VendoSettings;
import run.vendo.jakarta.internal.jwt.JwtVerifier;
import run.vendo.jakarta.internal.jwt.VerificationFailure;
import run.vendo.jakarta.internal.jwt.VerifiedJwt;
import run.vendo.jakarta.internal.jwt.VerifierSettings;

/**
 * Turns a request's headers into its identity, by the trust rule of the integration.
 *
 * <p>Without verification, the proxy's headers are its word: an identity is present when the
 * request carries {@code X-Vendo-User-JWT} or, for single sign-on, {@code X-Vendo-User-Id}.
 *
 * <p>With verification ({@code vendo.jwt.jwks-url}), only a verified token makes an identity, and
 * it holds only verified values: the user id is {@code sub}, the e-mail address, name and tenant
 * come from their configured claims (absent when the token has none). A header that contradicts
 * its claim is refused, so that a replayed token cannot be dressed up as someone else. The role,
 * which the token does not carry, is kept apart as the proxy's unverified word.
 *
 * <p>One instance per application; it owns the verifier, its key set and its cache.
 */
@ApplicationScoped
public class RequestIdentityResolver {

    /** The request attribute that holds a request's {@link IdentityResult}; only server code can set one. */
    private static final String RESULT_ATTRIBUTE = IdentityResult.class.getName();

    private JwtVerifier verifier;
    private VerifierSettings settings;

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
     * @param verifier the verifier, or {@code null} to take the proxy's headers as they are
     */
    public RequestIdentityResolver(JwtVerifier verifier) {
        this.verifier = verifier;
        this.settings = verifier == null ? null : verifier.settings();
    }

    /**
     * Returns how many signature verifications this application's verifier performed; a token
     * verified before adds none. For monitoring and load tests.
     *
     * @return the count since the application started, zero when tokens are not verified
     */
    public long signatureChecks() {
        return verifier == null ? 0 : verifier.signatureChecks();
    }

    /**
     * Resolves a request's identity.
     *
     * @param headers returns every value of the named header, or null or empty when absent
     * @return absent, present or rejected
     */
    public IdentityResult resolve(Function<String, ? extends Collection<String>> headers) {
        ProxyHeaders proxy;
        try {
            proxy = IdentityHeaders.read(headers);
        } catch (AuthError malformed) {
            return IdentityResult.invalid(malformed.getMessage());
        }
        if (verifier == null) {
            return proxy.namesUser() ? proxysWord(proxy) : IdentityResult.ABSENT;
        }
        if (proxy.jwt() == null) {
            return IdentityResult.ABSENT; // unsigned headers alone never make a verified identity
        }
        VerifiedJwt verified;
        try {
            verified = verifier.verify(proxy.jwt());
        } catch (VerificationFailure failure) {
            return new IdentityResult.Rejected(failure.status(), failure.code(), failure.getMessage());
        }
        return fromClaims(proxy, verified);
    }

    /**
     * Resolves the identity of a servlet request, once: the result is kept in a request attribute,
     * so that the authentication mechanism and the filter, which both ask, verify the token once.
     *
     * @param request the request
     * @return absent, present or rejected
     */
    public IdentityResult resolve(HttpServletRequest request) {
        if (request.getAttribute(RESULT_ATTRIBUTE) instanceof IdentityResult earlier) {
            return earlier;
        }
        IdentityResult result = resolve(name -> headerValues(request, name));
        request.setAttribute(RESULT_ATTRIBUTE, result);
        return result;
    }

    private static IdentityResult proxysWord(ProxyHeaders proxy) {
        // A token without X-Vendo-User-Id leaves the id unknown, never read from an unverified claim.
        return new IdentityResult.Present(new RequestIdentity(proxy.jwt(), proxy.userId(), proxy.email(), proxy.name(),
                proxy.tenantId(), proxy.role(), Map.of(), false));
    }

    private IdentityResult fromClaims(ProxyHeaders proxy, VerifiedJwt verified) {
        String sub = verified.text("sub").orElseThrow();
        String email = verified.text(settings.emailClaim()).orElse(null);
        String name = verified.text(settings.nameClaim()).orElse(null);
        String tenantId = verified.text(settings.tenantClaim()).orElse(null);
        for (String value : new String[] {email, name, tenantId}) {
            if (value != null && ControlCharacters.hasControl(value)) {
                return IdentityResult.invalid("A claim of the identity token contains a control character.");
            }
        }
        String conflict = conflict(VendoHeaders.USER_ID, proxy.userId(), "sub", sub);
        if (conflict == null) {
            conflict = conflict(VendoHeaders.USER_EMAIL, proxy.email(), settings.emailClaim(), email);
        }
        if (conflict == null) {
            conflict = conflict(VendoHeaders.USER_NAME, proxy.name(), settings.nameClaim(), name);
        }
        if (conflict == null) {
            conflict = conflict(VendoHeaders.TENANT_ID, proxy.tenantId(), settings.tenantClaim(), tenantId);
        }
        if (conflict != null) {
            return IdentityResult.invalid(conflict);
        }
        return new IdentityResult.Present(new RequestIdentity(proxy.jwt(), sub, email, name, tenantId, proxy.role(),
                verified.claims(), true));
    }

    /** A header that says something else than the verified claim; a header whose claim is absent is ignored. */
    private static String conflict(String header, String headerValue, String claim, String claimValue) {
        if (headerValue == null || claimValue == null || headerValue.equals(claimValue)) {
            return null;
        }
        return "The " + header + " header does not match the identity token's '" + claim + "' claim.";
    }

    /** Every value of a header, each read as the proxy's UTF-8 (containers decode header bytes as ISO-8859-1). */
    private static List<String> headerValues(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        // Runs six times per request: the usual single value gets no list of its own.
        String first = IdentityHeaders.fromWire(values.nextElement());
        if (!values.hasMoreElements()) {
            return Collections.singletonList(first);
        }
        List<String> all = new ArrayList<>(2);
        all.add(first);
        while (values.hasMoreElements()) {
            all.add(IdentityHeaders.fromWire(values.nextElement()));
        }
        return all;
    }

    /**
     * Returns the verifier.
     *
     * @return the verifier, or empty when verification is off
     */
    public Optional<JwtVerifier> verifier() {
        return Optional.ofNullable(verifier);
    }

    @Override
    public String toString() {
        return "RequestIdentityResolver[" + (verifier == null ? "proxy headers" : "verified: " + Objects.toString(
                settings.jwksUrl())) + "]";
    }
}
