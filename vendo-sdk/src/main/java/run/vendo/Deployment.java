package run.vendo;

import java.util.Optional;

/**
 * What Vendo tells a deployment it hosts, through the environment ({@code VENDO_TENANT_ID},
 * {@code VENDO_DEPLOYMENT_ID}, {@code VENDO_DEPLOYMENT_SLUG}). Works in any mode.
 *
 * @since 0.1.0
 */
public interface Deployment {

    /**
     * Returns the tenant the deployment belongs to.
     *
     * @return {@code VENDO_TENANT_ID}, or empty
     */
    Optional<String> tenantId();

    /**
     * Returns the deployment's id.
     *
     * @return {@code VENDO_DEPLOYMENT_ID}, or empty
     */
    Optional<String> deploymentId();

    /**
     * Returns the deployment's slug.
     *
     * @return {@code VENDO_DEPLOYMENT_SLUG}, or empty
     */
    Optional<String> deploymentSlug();

    /**
     * Tells whether Vendo hosts this process.
     *
     * @return {@code true} when {@code VENDO_DEPLOYMENT_ID} is set
     */
    boolean isRunningOnVendo();
}
