package run.vendo.testing;

import java.util.function.Supplier;

/**
 * The request a fault rule is matched against. {@code slug} is set only for {@code GET
 * /credentials/{slug}}; the identity is computed only when a rule asks for it.
 */
final class FaultTarget {

    final String path;
    final String slug;
    final boolean jwks;
    private final Supplier<String> identitySource;
    private String identity;
    private boolean identityResolved;

    FaultTarget(String path, String slug, boolean jwks, Supplier<String> identitySource) {
        this.path = path;
        this.slug = slug;
        this.jwks = jwks;
        this.identitySource = identitySource;
    }

    /** The request's identity, or null if its identity token is invalid. */
    String identity() {
        if (!identityResolved) {
            identity = identitySource.get();
            identityResolved = true;
        }
        return identity;
    }
}
