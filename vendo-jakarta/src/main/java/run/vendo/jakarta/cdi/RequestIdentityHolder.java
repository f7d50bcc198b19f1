package run.vendo.jakarta.cdi;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import run.vendo.jakarta.identity.RequestIdentity;

/**
 * Holds the identity {@link run.vendo.jakarta.VendoIdentityFilter} read for the current request.
 * Internal plumbing between the filter and {@link run.vendo.jakarta.VendoUserContext}: application
 * code reads the context instead.
 *
 * @since 0.1.0
 */
@RequestScoped
public class RequestIdentityHolder {

    private RequestIdentity identity;

    /** Creates an empty holder: nobody signed in. */
    public RequestIdentityHolder() {}

    /**
     * Stores the request's identity. Called by the filter before the rest of the chain runs.
     *
     * @param identity the identity, or {@code null} for nobody
     */
    public void set(RequestIdentity identity) {
        this.identity = identity;
    }

    /**
     * Returns the request's identity.
     *
     * @return the identity, or empty when nobody is signed in
     */
    public Optional<RequestIdentity> get() {
        return Optional.ofNullable(identity);
    }
}
