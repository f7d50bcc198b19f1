package run.vendo.jakarta.it.arquillian;

import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Test-side Arquillian extension shared by both servers: see {@link DeploymentGuard}.
 * Registered in {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class DeploymentGuardExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(DeploymentGuard.class);
    }
}
