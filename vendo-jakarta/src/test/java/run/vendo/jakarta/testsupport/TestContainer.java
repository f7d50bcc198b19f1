package run.vendo.jakarta.testsupport;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.Config;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import run.vendo.jakarta.VendoTokenVerifier;
import run.vendo.jakarta.VendoUserContext;
import run.vendo.jakarta.internal.cdi.VendoProducer;
import run.vendo.jakarta.internal.config.VendoSettingsProducer;
import run.vendo.jakarta.internal.events.VendoEventStream;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;

/**
 * A Weld SE container holding this module's beans (as a server would discover them) and a
 * MicroProfile Config made of the given properties only: none of the default sources (system
 * properties, environment variables, {@code META-INF/microprofile-config.properties}), so that a
 * developer's own {@code VENDO_*} settings never reach a test. The container's beans read their
 * settings from that {@code Config} bean; none of them asks {@code ConfigProvider}.
 */
public final class TestContainer implements AutoCloseable {

    /** The name of the one config source of {@link #config(Map)}. */
    public static final String SOURCE_NAME = "test";

    /** The bean behind {@code @VendoUser Vendo}, package-private in the API package. */
    public static final Class<?> USER_VENDO_BEAN = moduleClass("run.vendo.jakarta.RequestUserVendo");

    private static final Class<?>[] MODULE_BEANS = {
        USER_VENDO_BEAN,
        VendoProducer.class,
        VendoSettingsProducer.class,
        VendoUserContext.class,
        RequestIdentityResolver.class,
        VendoTokenVerifier.class,
        VendoEventStream.class,
    };

    private final WeldContainer container;

    private static Class<?> moduleClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestContainer(WeldContainer container) {
        this.container = container;
    }

    public static TestContainer start(Map<String, String> properties, Class<?>... extraBeans) {
        Config config = config(properties);
        List<Class<?>> beans = new ArrayList<>(Arrays.asList(MODULE_BEANS));
        beans.addAll(Arrays.asList(extraBeans));
        Weld weld = new Weld("vendo-test-" + System.nanoTime())
                .disableDiscovery()
                .beanClasses(beans.toArray(new Class<?>[0]))
                .addExtension(new ConfigBean(config));
        return new TestContainer(weld.initialize());
    }

    /** A MicroProfile Config of the given properties alone. */
    public static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, SOURCE_NAME, 500))
                .build();
    }

    public <T> T get(Class<T> type, Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    public WeldContainer weld() {
        return container;
    }

    /** Runs the action inside a fresh request context, as a servlet container does per request. */
    public <T> T inRequest(Callable<T> action) throws Exception {
        RequestContextController controller = container.select(RequestContextController.class).get();
        controller.activate();
        try {
            return action.call();
        } finally {
            controller.deactivate();
        }
    }

    @Override
    public void close() {
        if (container.isRunning()) {
            container.shutdown();
        }
    }

    /** Adds the application's {@code Config} bean, as every MicroProfile server does. */
    public static final class ConfigBean implements Extension {
        private final Config config;

        public ConfigBean(Config config) {
            this.config = config;
        }

        void addConfig(@Observes AfterBeanDiscovery event) {
            event.addBean().types(Config.class, Object.class).scope(Dependent.class).createWith(c -> config);
        }
    }
}
