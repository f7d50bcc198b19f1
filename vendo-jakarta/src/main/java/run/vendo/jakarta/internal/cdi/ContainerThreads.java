package run.vendo.jakarta.internal.cdi;

import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's threads: its default {@code ManagedThreadFactory}, found under the JNDI name
 * every Jakarta EE server binds it to, so that the client's event subscription runs on a thread the
 * container knows of (context, class loader, shutdown) and not on one of its own.
 */
final class ContainerThreads {

    /** Jakarta Concurrency's standard name for the default managed thread factory. */
    static final String DEFAULT_FACTORY = "java:comp/DefaultManagedThreadFactory";

    private static final Logger LOG = Logger.getLogger("run.vendo.jakarta");

    private ContainerThreads() {}

    /** The default managed thread factory, or empty outside a container that binds one. */
    static Optional<ThreadFactory> defaultFactory() {
        try {
            Object found = InitialContext.doLookup(DEFAULT_FACTORY);
            return found instanceof ThreadFactory factory ? Optional.of(factory) : Optional.empty();
        } catch (NamingException | RuntimeException e) {
            LOG.log(Level.FINE, "No {0} ({1}): event subscriptions use the client's own daemon threads",
                    new Object[] {DEFAULT_FACTORY, e.getClass().getSimpleName()});
            return Optional.empty();
        }
    }
}
