package run.vendo;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Await;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * Gives each test a fresh root {@link Vendo} built against the emulator of a {@link
 * VendoEmulatorExtension} ({@link EmulatorClients#builder}) when the test first asks for it, and
 * after the test closes it and fails the test if the client leaked: a pooled connection still
 * leased beyond what its open event streams hold, or a thread the SDK started during the test
 * still alive after {@code close()}. The client records through an in-memory OpenTelemetry, and the
 * test fails if any span or metric holds a secret the emulator knows of ({@link RecordedTelemetry}).
 *
 * <pre>{@code
 * @RegisterExtension static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();
 * @RegisterExtension final VendoClientExtension client = new VendoClientExtension(vendo);
 * private final Vendo root = client.root(); // or a parameter: @Test void works(Vendo root)
 * }</pre>
 *
 * <p>Register it after the emulator's extension, so that it closes the client first.
 */
final class VendoClientExtension implements AfterEachCallback, ParameterResolver {

    /** The names the SDK gives its own threads (EventStreams, TokenRefresher) when no factory is set. */
    private static final List<String> SDK_THREAD_PREFIXES = List.of("vendo-events-", "vendo-refresh-");

    private final VendoEmulatorExtension emulator;
    private final UnaryOperator<Vendo.Builder> configuration;
    /** How long a leak may take to clear before the test fails; only a failing test waits it out. */
    Duration leakWait = Await.DEFAULT_TIMEOUT;
    private Vendo root;
    private RecordedTelemetry telemetry;
    private Set<Thread> threadsBefore;

    VendoClientExtension(VendoEmulatorExtension emulator) {
        this(emulator, builder -> builder);
    }

    /** {@code configuration} adjusts the emulator's builder before each test's client is built. */
    VendoClientExtension(VendoEmulatorExtension emulator, UnaryOperator<Vendo.Builder> configuration) {
        this.emulator = emulator;
        this.configuration = configuration;
    }

    /** The current test's root client, built on the first call (the emulator must be running). */
    Vendo root() {
        if (root == null) {
            threadsBefore = Thread.getAllStackTraces().keySet();
            telemetry = new RecordedTelemetry();
            root = configuration.apply(EmulatorClients.builder(emulator.emulator()))
                    .openTelemetry(telemetry.openTelemetry()).build();
        }
        return root;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Vendo client = root;
        if (client == null) {
            return; // the test never asked for one
        }
        root = null;
        try {
            // An open event stream holds its connection until close(); any other lease is a leak.
            Await.until(leakWait,
                    () -> ClientInternals.leasedConnections(client) <= ClientInternals.openSubscriptions(client),
                    "the client's pooled connections to be released after the test");
        } finally {
            client.close();
        }
        try (RecordedTelemetry recorded = telemetry) {
            recorded.assertNothingOf(RecordedTelemetry.secretsOf(emulator.emulator()));
        }
        try {
            Await.until(leakWait, () -> sdkThreadsStartedSince(threadsBefore).isEmpty(), "the client's threads to end");
        } catch (AssertionError e) {
            throw new AssertionError("threads the client started are alive after close(): "
                    + sdkThreadsStartedSince(threadsBefore), e);
        }
    }

    private static Set<String> sdkThreadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(name -> SDK_THREAD_PREFIXES.stream().anyMatch(name::startsWith))
                .collect(Collectors.toSet());
    }

    /** Supports parameters of type {@link Vendo}: the test's root client. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Vendo.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return root();
    }
}
