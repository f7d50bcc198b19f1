package run.vendo.benchmarks.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;

/**
 * {@code GET /api/signature-checks}: how many identity tokens this copy of the application has checked
 * the signature of, as plain text, so that the harness can tell remembered tokens from checked ones.
 */
@Path("signature-checks")
@ApplicationScoped
public class SignatureChecksResource {

    @Inject
    RequestIdentityResolver resolver;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String signatureChecks() {
        return Long.toString(resolver.signatureChecks());
    }
}
