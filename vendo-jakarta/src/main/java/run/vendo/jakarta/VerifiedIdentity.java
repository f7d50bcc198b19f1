package run.vendo.jakarta;

import java.util.Map;
import java.util.Optional;
import run.vendo.jakarta.internal.identity.RequestIdentity;

/**
 * An identity token that {@link VendoTokenVerifier} verified: every value comes from its claims.
 * {@link #toString()} shows neither the token nor the e-mail address or name.
 *
 * @since 0.1.0
 */
public final class VerifiedIdentity {

    private final RequestIdentity identity;

    VerifiedIdentity(RequestIdentity identity) {
        this.identity = identity;
    }

    /**
     * Returns the user's id, the token's {@code sub}.
     *
     * @return the user's id
     */
    public String userId() {
        return identity.userId();
    }

    /**
     * Returns the user's e-mail address, from the claim {@code vendo.jwt.email-claim} names.
     *
     * @return the address, or empty when the token has none
     */
    public Optional<String> email() {
        return Optional.ofNullable(identity.email());
    }

    /**
     * Returns the user's display name, from the claim {@code vendo.jwt.name-claim} names.
     *
     * @return the name, or empty when the token has none
     */
    public Optional<String> name() {
        return Optional.ofNullable(identity.name());
    }

    /**
     * Returns the tenant, from the claim {@code vendo.jwt.tenant-claim} names.
     *
     * @return the tenant, or empty when the token has none
     */
    public Optional<String> tenantId() {
        return Optional.ofNullable(identity.tenantId());
    }

    /**
     * Returns every verified claim, as plain Java values (String, Long, Double, Boolean, List,
     * Map).
     *
     * @return the claims; unmodifiable
     */
    public Map<String, Object> claims() {
        return identity.claims();
    }

    @Override
    public String toString() {
        return "VerifiedIdentity[userId=" + identity.userId() + ", tenantId=" + identity.tenantId() + "]";
    }
}
