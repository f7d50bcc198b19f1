package run.vendo.internal.config;

import java.util.Optional;
import run.vendo.Deployment;

/** What Vendo tells a deployment through the client's environment, read at each call. */
public final class EnvironmentDeployment implements Deployment {

    /** The tenant the deployment belongs to. */
    static final String TENANT_ID = "VENDO_TENANT_ID";
    /** The deployment's id; Vendo sets it on every deployment it hosts. */
    public static final String DEPLOYMENT_ID = "VENDO_DEPLOYMENT_ID";
    /** The deployment's slug. */
    static final String DEPLOYMENT_SLUG = "VENDO_DEPLOYMENT_SLUG";

    private final ClientSettings settings;

    public EnvironmentDeployment(ClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<String> tenantId() {
        return Optional.ofNullable(settings.variable(TENANT_ID));
    }

    @Override
    public Optional<String> deploymentId() {
        return Optional.ofNullable(settings.variable(DEPLOYMENT_ID));
    }

    @Override
    public Optional<String> deploymentSlug() {
        return Optional.ofNullable(settings.variable(DEPLOYMENT_SLUG));
    }

    @Override
    public boolean isRunningOnVendo() {
        return deploymentId().isPresent();
    }

    @Override
    public String toString() {
        return "Deployment[id=" + deploymentId().orElse("none") + ", slug=" + deploymentSlug().orElse("none")
                + ", tenantId=" + tenantId().orElse("none") + "]";
    }
}
