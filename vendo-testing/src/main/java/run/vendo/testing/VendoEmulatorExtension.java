package run.vendo.testing;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one {@link VendoEmulator} for a test class: started before all
 * tests, {@link VendoEmulator#reset() reset} before each test (counters, recorded requests and
 * faults; identities and connections stay), closed after all tests.
 *
 * <p>One line, then use {@link #emulator()}:
 *
 * <pre>{@code
 * @RegisterExtension static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();
 * }</pre>
 *
 * <p>Or declare {@code @ExtendWith(VendoEmulatorExtension.class)} and take a {@link VendoEmulator}
 * parameter in a test method, lifecycle method or constructor. Registered on a non-static field,
 * the extension starts an emulator for each test and closes it after the test.
 */
public final class VendoEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Consumer<VendoEmulator.Builder> configuration;
    private volatile VendoEmulator emulator;
    private volatile String ownerId;
    private volatile boolean ownedByTest;

    /** Creates an extension whose emulator has the defaults of {@link VendoEmulator#start()}. */
    public VendoEmulatorExtension() {
        this(builder -> {});
    }

    /**
     * Creates an extension that configures the emulator's builder first, e.g. {@code b ->
     * b.apiKey("vendo_sk_test_fixed")}.
     *
     * @param configuration applied to a fresh builder before each start
     */
    public VendoEmulatorExtension(Consumer<VendoEmulator.Builder> configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /**
     * Returns the running emulator.
     *
     * @return the emulator
     * @throws IllegalStateException outside the test class's lifecycle
     */
    public VendoEmulator emulator() {
        VendoEmulator current = emulator;
        if (current == null) {
            throw new IllegalStateException("the Vendo emulator runs only while the test class runs");
        }
        return current;
    }

    /** Starts the emulator. */
    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (this) {
            if (emulator == null) {
                emulator = newEmulator();
                ownerId = context.getUniqueId();
                ownedByTest = false;
            }
        }
    }

    /** Resets the emulator, or starts one when the extension was registered per test. */
    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (this) {
            if (emulator == null) {
                emulator = newEmulator();
                ownerId = context.getUniqueId();
                ownedByTest = true;
                return;
            }
        }
        emulator.reset();
    }

    /** Closes an emulator that was started for this test only. */
    @Override
    public void afterEach(ExtensionContext context) {
        closeIfOwner(context, true);
    }

    /** Closes the emulator started for this class. */
    @Override
    public void afterAll(ExtensionContext context) {
        closeIfOwner(context, false);
    }

    /** Supports parameters of type {@link VendoEmulator}. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == VendoEmulator.class;
    }

    /** Returns the running emulator, starting it if no callback has yet. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        synchronized (this) {
            if (emulator == null) {
                beforeAll(extensionContext);
            }
            return emulator;
        }
    }

    private synchronized void closeIfOwner(ExtensionContext context, boolean testLevel) {
        if (emulator != null && ownedByTest == testLevel && context.getUniqueId().equals(ownerId)) {
            emulator.close();
            emulator = null;
            ownerId = null;
        }
    }

    private VendoEmulator newEmulator() {
        VendoEmulator.Builder builder = VendoEmulator.builder();
        configuration.accept(builder);
        return builder.start();
    }
}
