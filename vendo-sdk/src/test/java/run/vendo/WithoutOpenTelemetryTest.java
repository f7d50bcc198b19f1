package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * The OpenTelemetry API is optional: a client built and used in a class loader that holds the
 * SDK and its required libraries only, without any OpenTelemetry jar, fetches tokens and lists
 * connections. Had any class on those paths needed the API, the loader
 * would have thrown {@link NoClassDefFoundError}.
 */
class WithoutOpenTelemetryTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @Test
    void aClientWithoutTheApiOnItsClassPathWorks(VendoEmulator emulator) throws Throwable {
        String token = emulator.deployment().connect("github");
        Thread thread = Thread.currentThread();
        ClassLoader outer = thread.getContextClassLoader();
        try (URLClassLoader sdkOnly = new URLClassLoader(libraries(), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(sdkOnly); // where JSON-P looks for its provider
            assertThrows(ClassNotFoundException.class,
                    () -> sdkOnly.loadClass("io.opentelemetry.api.OpenTelemetry"));
            // Method handles link one method each, as compiled calls do; reflection over the builder
            // (getMethods) would resolve every signature, openTelemetry(OpenTelemetry)'s too.
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> api = sdkOnly.loadClass(Vendo.class.getName());
            Class<?> builderType = sdkOnly.loadClass(Vendo.Builder.class.getName());
            Object builder = lookup.findStatic(api, "builder", MethodType.methodType(builderType)).invoke();
            lookup.findVirtual(builderType, "environment", MethodType.methodType(builderType, Map.class))
                    .invoke(builder, emulator.environment());
            Object client = lookup.findVirtual(builderType, "build", MethodType.methodType(api)).invoke(builder);
            try {
                MethodHandle tokenOf =
                        lookup.findVirtual(api, "token", MethodType.methodType(String.class, String.class));
                assertEquals(token, tokenOf.invoke(client, "github"));
                assertEquals(token, tokenOf.invoke(client, "github"));
                Class<?> connectionsType = sdkOnly.loadClass(Connections.class.getName());
                Object connections = lookup.findVirtual(api, "connections", MethodType.methodType(connectionsType))
                        .invoke(client);
                Object list = lookup.findVirtual(connectionsType, "list", MethodType.methodType(List.class))
                        .invoke(connections);
                assertEquals(emulator.providers().size(), ((List<?>) list).size());
            } finally {
                ((AutoCloseable) client).close();
            }
        } finally {
            thread.setContextClassLoader(outer);
        }
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "github"));
    }

    /** Where the SDK and each library it needs at run time were loaded from: no OpenTelemetry among them. */
    private static URL[] libraries() {
        List<Class<?>> fromEach = List.of(Vendo.class, HttpClients.class, HttpHost.class, HttpVersionPolicy.class,
                org.slf4j.Logger.class, com.github.benmanes.caffeine.cache.Caffeine.class, Json.class,
                JsonProviderImpl.class);
        return fromEach.stream().map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                .distinct().toArray(URL[]::new);
    }
}
