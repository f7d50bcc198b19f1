package run.vendo.jakarta.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import run.vendo.Vendo;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.VendoError;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;
import run.vendo.jakarta.internal.jwt.JwtVerifier;
import run.vendo.jakarta.internal.jwt.VerificationFailure;

/**
 * MicroProfile Health readiness check {@value #NAME}: in Vendo mode, Vendo accepts the App Key (one
 * authenticated call: the deployment's connections) and, with verification on, the key set that
 * verifies identity tokens can be fetched. {@code DOWN} carries the error code as {@code reason}.
 * Results are kept {@link #KEPT} so that frequent probes do not become calls; the data never holds a
 * key, a token or a URL.
 */
@Readiness
@ApplicationScoped
public class VendoReadiness implements HealthCheck {

    /** The check's name. */
    public static final String NAME = "vendo";
    /** How long one result answers probes. */
    static final Duration KEPT = Duration.ofSeconds(10);

    private Vendo vendo;
    private RequestIdentityResolver identities;
    private volatile Result last;

    private record Result(long checkedAtNanos, HealthCheckResponse response) {
    }

    /** For CDI proxies. */
    protected VendoReadiness() {}

    /**
     * Creates the check.
     *
     * @param vendo the deployment's client
     * @param identities the identity resolver, whose verifier's key set is checked
     */
    @Inject
    public VendoReadiness(Vendo vendo, RequestIdentityResolver identities) {
        this.vendo = vendo;
        this.identities = identities;
    }

    @Override
    public HealthCheckResponse call() {
        Result kept = last;
        if (kept != null && System.nanoTime() - kept.checkedAtNanos() < KEPT.toNanos()) {
            return kept.response();
        }
        synchronized (this) {
            kept = last;
            if (kept == null || System.nanoTime() - kept.checkedAtNanos() >= KEPT.toNanos()) {
                kept = new Result(System.nanoTime(), check());
                last = kept;
            }
            return kept.response();
        }
    }

    private HealthCheckResponse check() {
        JwtVerifier verifier = identities.verifier().orElse(null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mode", vendo.isVendoMode() ? "vendo" : "oss");
        data.put("verification", verifier == null ? "off" : "on");
        String reason = null;
        if (vendo.isVendoMode()) {
            try {
                vendo.connections().list();
            } catch (VendoError e) {
                reason = e.code();
            }
        }
        if (reason == null && verifier != null) {
            try {
                verifier.ensureKeys();
            } catch (VerificationFailure e) {
                reason = ErrorCodes.IDENTITY_VERIFIER_UNAVAILABLE;
            }
        }
        if (reason != null) {
            data.put("reason", reason);
        }
        // Built directly: the builder needs a provider that only a server's health runtime brings.
        return new HealthCheckResponse(NAME, reason == null ? HealthCheckResponse.Status.UP
                : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }
}
