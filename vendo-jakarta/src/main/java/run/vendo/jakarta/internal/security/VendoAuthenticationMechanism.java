package run.vendo.jakarta.internal.security;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import run.vendo.jakarta.internal.config.VendoSettings;
import run.vendo.jakarta.internal.http.ErrorResponse;
import run.vendo.jakarta.internal.identity.IdentityResult;
import run.vendo.jakarta.internal.identity.RequestIdentity;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;
import run.vendo.jakarta.internal.jwt.ClaimPath;

/**
 * Makes the request's Vendo user the caller of Jakarta Security: the user id is the caller
 * principal's name, and the groups come from the verified claim {@value VendoSettings#SECURITY_GROUPS_CLAIM}
 * names, or, only when identity tokens are not verified, from the proxy's {@code X-Vendo-Role}.
 *
 * <p>A request without an identity stays anonymous: where a role is required, the container refuses
 * it as it does any anonymous caller. One whose identity is rejected gets the same answer as from
 * the identity filter. The identity is resolved once per request, shared with the filter. Only a
 * bean, application-scoped, when {@value VendoSettings#SECURITY_ENABLED} is {@code true}: {@link
 * VendoSecurityExtension} adds it then, so that an application with its own mechanism is left alone.
 *
 * <p>The resolver and the settings are looked up in the application's container on first use, not
 * injected: a type an extension adds is not given the application's beans on every server (Payara 6
 * finds no {@link VendoSettings} for it).
 */
public class VendoAuthenticationMechanism implements HttpAuthenticationMechanism {

    private volatile RequestIdentityResolver resolver;
    private volatile Optional<String> groupsClaim;

    /** Creates the mechanism; the container does. */
    public VendoAuthenticationMechanism() {}

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (resolver == null) {
            CDI<Object> cdi = CDI.current();
            groupsClaim = cdi.select(VendoSettings.class).get().groupsClaim();
            resolver = cdi.select(RequestIdentityResolver.class).get();
        }
        IdentityResult result = resolver.resolve(request);
        if (result instanceof IdentityResult.Rejected rejected) {
            try {
                ErrorResponse.write(response, rejected);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (result instanceof IdentityResult.Present present && present.identity().userId() != null) {
            RequestIdentity identity = present.identity();
            return context.notifyContainerAboutLogin(identity.userId(), groups(identity, groupsClaim));
        }
        // Anonymous, never challenged here: Payara deems every Jakarta REST path protected once a
        // resource has @RolesAllowed, so a challenge would shut @PermitAll resources too.
        return context.doNothing();
    }

    /**
     * The caller's groups: a verified identity's from its claim, an unverified one's from the proxy's role.
     *
     * @param identity the request's identity
     * @param groupsClaim the claim that holds the groups, if configured
     * @return the groups; empty when there are none
     */
    static Set<String> groups(RequestIdentity identity, Optional<String> groupsClaim) {
        if (!identity.verified()) {
            return identity.proxyRole() == null ? Set.of() : Set.of(identity.proxyRole());
        }
        if (groupsClaim.isEmpty()) {
            return Set.of();
        }
        Object value = ClaimPath.find(identity.claims(), groupsClaim.get());
        Set<String> groups = new LinkedHashSet<>();
        if (value instanceof String group) {
            addGroup(groups, group);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String group) {
                    addGroup(groups, group);
                }
            }
        }
        return groups;
    }

    private static void addGroup(Set<String> groups, String group) {
        if (!group.isBlank()) {
            groups.add(group);
        }
    }

    @Override
    public String toString() {
        Optional<String> claim = groupsClaim;
        return "VendoAuthenticationMechanism[groupsClaim=" + (claim == null ? null : claim.orElse(null)) + "]";
    }
}
