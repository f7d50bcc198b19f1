package run.vendo.jakarta.internal.rest;

import java.lang.reflect.Method;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import run.vendo.jakarta.rest.VendoToken;
import run.vendo.jakarta.rest.VendoTokenFilter;

/**
 * Registers {@link VendoTokenFilter} on every MicroProfile Rest Client whose interface, or one of
 * whose methods, carries {@link VendoToken}: the annotation is all an application writes. Found by
 * the Rest Client implementation through {@code META-INF/services}; clients without the annotation
 * are left as they are.
 */
public final class VendoTokenRegistration implements RestClientListener {

    /** Creates the listener; the Rest Client implementation does. */
    public VendoTokenRegistration() {}

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (annotated(serviceInterface) && !builder.getConfiguration().isRegistered(VendoTokenFilter.class)) {
            builder.register(VendoTokenFilter.class);
        }
    }

    private static boolean annotated(Class<?> serviceInterface) {
        if (serviceInterface.isAnnotationPresent(VendoToken.class)) {
            return true;
        }
        for (Method method : serviceInterface.getMethods()) {
            if (method.isAnnotationPresent(VendoToken.class)) {
                return true;
            }
        }
        return false;
    }
}
