package run.vendo.jakarta.internal.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.logging.Level;
import java.util.logging.Logger;
import run.vendo.internal.telemetry.Telemetry;

/**
 * The server's OpenTelemetry, which MicroProfile Telemetry offers the application as a CDI bean,
 * for the root client to record through. The OpenTelemetry API is looked for first, by name, and
 * only then named in code ({@link OpenTelemetryBean}): on a server that does not offer it to the
 * application, no class of it is loaded and the client records nothing.
 */
final class ContainerTelemetry {

    static final String API = "io.opentelemetry.api.OpenTelemetry";

    private static final Logger LOG = Logger.getLogger("run.vendo.jakarta");

    private ContainerTelemetry() {}

    /**
     * The telemetry of the server's {@code OpenTelemetry} bean, or {@link Telemetry#OFF} when the
     * application sees no OpenTelemetry API or no such bean.
     *
     * @param beans the application's beans
     * @param traceContext whether each call to Vendo carries the W3C trace context
     */
    static Telemetry find(BeanManager beans, boolean traceContext) {
        try {
            Class.forName(API, false, ContainerTelemetry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.FINE, "No OpenTelemetry API visible to the application: Vendo calls are not traced");
            return Telemetry.OFF;
        }
        Telemetry found;
        try {
            found = OpenTelemetryBean.telemetry(beans, traceContext);
        } catch (LinkageError incompatible) {
            LOG.log(Level.WARNING, "The server''s OpenTelemetry API lacks what Vendo''s telemetry needs ({0}): Vendo"
                    + " calls are not traced", incompatible.getClass().getSimpleName());
            return Telemetry.OFF;
        }
        if (found == Telemetry.OFF) {
            LOG.log(Level.FINE, "No OpenTelemetry bean (MicroProfile Telemetry is off): Vendo calls are not traced");
        }
        return found;
    }
}
