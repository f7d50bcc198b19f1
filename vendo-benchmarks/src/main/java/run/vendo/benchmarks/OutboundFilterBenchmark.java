package run.vendo.benchmarks;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.glassfish.jersey.client.ClientRequest;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.manager.api.WeldManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import run.vendo.Vendo;
import run.vendo.VendoHeaders;
import run.vendo.jakarta.VendoIdentityFilter;
import run.vendo.jakarta.VendoTokenVerifier;
import run.vendo.jakarta.VendoUserContext;
import run.vendo.jakarta.internal.cdi.VendoProducer;
import run.vendo.jakarta.internal.config.VendoSettingsProducer;
import run.vendo.jakarta.internal.events.VendoEventStream;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;
import run.vendo.jakarta.rest.VendoToken;
import run.vendo.jakarta.rest.VendoTokenFilter;
import run.vendo.testing.VendoEmulator;

/**
 * What {@link VendoTokenFilter} adds to an outbound call when the token is cached: its {@code
 * filter(ClientRequestContext)} on a Jersey {@link ClientRequest}, with vendo-jakarta's beans in a
 * Weld SE container whose MicroProfile Config points at a {@link VendoEmulator} on loopback.
 *
 * <p>For every invocation Jersey copies the request its builder prepared into a new {@code
 * ClientRequest} (the copy constructor, in {@code JerseyInvocation}'s) and hands that copy to its
 * request filters. The benchmarks do the same with a request captured from a real {@code GET
 * {providerUrl}/whoami}: {@code requestFloor} is the copy alone, and each filtered benchmark is a
 * copy plus {@code filter}, so the filter's cost is the difference. A fresh copy per call is needed
 * anyway: the filter leaves a request that already has an {@code Authorization} header alone.
 *
 * <ul>
 *   <li>{@code deployment}: {@code VendoTokenFilter.of("google")} with no request scope active (a
 *       job, a timer): the deployment's token.
 *   <li>{@code user}: the same inside an active request scope whose user was signed in by {@link
 *       VendoIdentityFilter} (verification off): the user's token. The scope stays active for a
 *       whole iteration, so this is a later call of a request, its {@link VendoUserContext} created.
 *   <li>{@code userRestClient}: as {@code user}, through the filter MicroProfile Rest Client
 *       registers, which reads {@link VendoToken} from the invoked method's interface.
 *   <li>{@code userNewRequest} against {@code newRequestFloor}: a whole request per call, as a
 *       server runs one: the request scope activated, the identity filter signing in the user from
 *       a header decoded into a new {@code String}, then (inside the chain) the request copy and,
 *       in {@code userNewRequest} only, the token filter; the scope deactivated. The difference is
 *       the first outbound call of a request: it also creates the request's {@code
 *       VendoUserContext} and hashes the new token text.
 *   <li>{@code part*}: the steps of {@code OutboundClients.forCall}, each alone, to see where the
 *       filter's time goes; {@code partRequestActiveOutsideDeep} and {@code partServerStackTrace}
 *       show what grows with a server's deeper stacks, {@code partRequestActiveOutsideWeld} what
 *       Weld answers without an exception.
 *   <li>{@code callWithoutFilter}, {@code callDeployment}, {@code callUser}: a whole loopback call
 *       to the emulator's stand-in provider through a Jersey client, the response read; without
 *       the filter the same token is written by hand. Every call must answer {@code 200}. These
 *       warm up for 15 s: after three they still get faster from one second to the next.
 * </ul>
 *
 * <p>Every token is fetched in the trial set-up; the tear-down fails the run if the emulator saw any
 * request but the measured provider calls afterwards (a token lookup included).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OutboundFilterBenchmark {

    static final String USER = "bench-user";
    static final String SLUG = "google";

    /** How much deeper than the benchmark's own stack the parts that grow with the stack run. */
    static final int EXTRA_FRAMES = 100;

    /** Weld's start-up and shut-down lines would break into JMH's iteration lines; held, so that it stays set. */
    private static final Logger WELD_LOG = Logger.getLogger("org.jboss.weld");

    /** The request property in which MicroProfile Rest Client passes the interface method called. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    /** A Rest Client interface as the documentation writes one: the annotation on the interface. */
    @VendoToken(SLUG)
    interface CalendarClient {
        String whoami();
    }

    /** The deployment: emulator, CDI container, clients, filters and the requests they filter. */
    @State(Scope.Benchmark)
    public static class Deployed {
        VendoEmulator emulator;
        WeldContainer container;
        CDI<Object> cdi;
        Vendo root;
        RequestContextController requestContext;
        VendoIdentityFilter identityFilter;
        HttpServletRequest servletRequest;
        HttpServletResponse servletResponse;

        VendoTokenFilter filter;
        VendoTokenFilter restClientFilter;
        ClientRequest template;
        ClientRequest restClientTemplate;
        FilterChain chainWithFilter;
        FilterChain chainWithoutFilter;
        ClientRequest last;

        Client plainClient;
        Client filteredClient;
        WebTarget plainTarget;
        WebTarget filteredTarget;
        String deploymentBearer;
        String userJwt;
        String whoamiPath;
        int callsAfterSetUp;
        long measuredCalls;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            WELD_LOG.setLevel(java.util.logging.Level.WARNING);
            emulator = VendoEmulator.start();
            String deploymentToken = emulator.deployment().connect(SLUG);
            String userToken = emulator.user(USER).connect(SLUG);
            userJwt = emulator.mintUserJwt(USER);
            byte[] jwtBytes = userJwt.getBytes(StandardCharsets.US_ASCII);
            whoamiPath = URI.create(emulator.providerUrl()).getPath() + "/whoami";

            container = startContainer(Map.of(
                    "vendo.api-key", emulator.apiKey(),
                    "vendo.base-url", emulator.baseUrl(),
                    "vendo.credentials-url", emulator.credentialsUrl(),
                    "vendo.max-attempts", "1"));
            cdi = CDI.current();
            root = cdi.select(Vendo.class).get();
            requestContext = container.select(RequestContextController.class).get();
            identityFilter = new VendoIdentityFilter();
            identityFilter.init(filterConfig());
            servletRequest = servletRequest(jwtBytes, USER);
            servletResponse = stub(HttpServletResponse.class, (proxy, method, args) -> defaultValue(method));

            filter = VendoTokenFilter.of(SLUG);
            restClientFilter = new VendoTokenFilter();
            plainClient = ClientBuilder.newClient();
            plainTarget = plainClient.target(emulator.providerUrl()).path("whoami");
            filteredClient = ClientBuilder.newClient().register(filter);
            filteredTarget = filteredClient.target(emulator.providerUrl()).path("whoami");
            template = capture(plainClient.target(emulator.providerUrl()).path("whoami"));
            restClientTemplate = new ClientRequest(template);
            restClientTemplate.setProperty(INVOKED_METHOD, CalendarClient.class.getMethod("whoami"));
            chainWithFilter = (request, response) -> {
                ClientRequest outbound = new ClientRequest(template);
                filter.filter(outbound);
                last = outbound;
            };
            chainWithoutFilter = (request, response) -> last = new ClientRequest(template);
            deploymentBearer = "Bearer " + deploymentToken;

            // Fetch both tokens, and check that each path sends the right one.
            check("deployment/" + SLUG, whoami(filteredTarget.request()));
            check("deployment/" + SLUG, whoami(plainTarget.request().header(HttpHeaders.AUTHORIZATION,
                    deploymentBearer)));
            check(USER + "/" + SLUG, inRequest(() -> whoami(filteredTarget.request())));
            check("Bearer " + deploymentToken, filtered(filter).getHeaderString(HttpHeaders.AUTHORIZATION));
            check("Bearer " + userToken, inRequest(() -> filtered(filter).getHeaderString(HttpHeaders.AUTHORIZATION)));
            check("Bearer " + userToken,
                    inRequest(() -> filtered(restClientFilter).getHeaderString(HttpHeaders.AUTHORIZATION)));
            requestContext.activate();
            try {
                identityFilter.doFilter(servletRequest, servletResponse, chainWithFilter);
            } finally {
                requestContext.deactivate();
            }
            check("Bearer " + userToken, last.getHeaderString(HttpHeaders.AUTHORIZATION));
            callsAfterSetUp = emulator.calls();
        }

        /** Signs in the user as the identity filter does for a request, on the current thread. */
        void signIn() throws Exception {
            identityFilter.doFilter(servletRequest, servletResponse, (request, response) -> { });
        }

        private <T> T inRequest(Callable<T> action) throws Exception {
            requestContext.activate();
            try {
                signIn();
                return action.call();
            } finally {
                requestContext.deactivate();
            }
        }

        private ClientRequest filtered(VendoTokenFilter which) {
            ClientRequest request = new ClientRequest(which == filter ? template : restClientTemplate);
            which.filter(request);
            return request;
        }

        private String whoami(Invocation.Builder request) {
            try (Response response = request.get()) {
                if (response.getStatus() != 200) {
                    throw new IllegalStateException("the provider answered " + response.getStatus());
                }
                JsonObject body = Json.createReader(new StringReader(response.readEntity(String.class))).readObject();
                return body.getString("identity") + "/" + body.getString("slug");
            }
        }

        /** A measured call: counted, and anything but 200 fails the run. */
        int call(Invocation.Builder request) {
            try (Response response = request.get()) {
                int status = response.getStatus();
                if (status != 200) {
                    throw new IllegalStateException("the provider answered " + status);
                }
                response.readEntity(String.class);
                measuredCalls++;
                return status;
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            int lookups = emulator.tokenCalls(VendoEmulator.DEPLOYMENT, SLUG) + emulator.tokenCalls(USER, SLUG);
            int calls = emulator.calls() - callsAfterSetUp;
            int provider = emulator.calls(whoamiPath);
            if (measuredCalls > 0) {
                System.out.printf("%n%d provider calls measured; client connections, the set-up's included: %d%n",
                        measuredCalls, emulator.clientConnections());
            }
            plainClient.close();
            filteredClient.close();
            container.shutdown();
            emulator.close();
            if (lookups != 2 || calls != measuredCalls) {
                throw new IllegalStateException("expected cached tokens and no request but the " + measuredCalls
                        + " measured provider calls; the emulator saw " + lookups + " token lookups and " + calls
                        + " requests (" + provider + " to the provider in all)");
            }
        }
    }

    /** An active request scope with the user signed in, for one iteration, on the benchmark thread. */
    @State(Scope.Thread)
    public static class InRequest {
        RequestContextController controller;

        @Setup(Level.Iteration)
        public void enter(Deployed deployed) throws Exception {
            controller = deployed.requestContext;
            controller.activate();
            deployed.signIn();
        }

        @TearDown(Level.Iteration)
        public void leave() {
            controller.deactivate();
        }
    }

    // ---- the filter on a request, against the request alone

    /** The floor: the copy of the prepared request that Jersey makes for each call. */
    @Benchmark
    public ClientRequest requestFloor(Deployed d) {
        return new ClientRequest(d.template);
    }

    /** The deployment's token, no request scope active. */
    @Benchmark
    public ClientRequest deployment(Deployed d) {
        ClientRequest request = new ClientRequest(d.template);
        d.filter.filter(request);
        return request;
    }

    /** The signed-in user's token, inside an active request scope. */
    @Benchmark
    public ClientRequest user(Deployed d, InRequest r) {
        ClientRequest request = new ClientRequest(d.template);
        d.filter.filter(request);
        return request;
    }

    /** The same through the Rest Client's filter, which reads {@code @VendoToken} from the invoked method. */
    @Benchmark
    public ClientRequest userRestClient(Deployed d, InRequest r) {
        ClientRequest request = new ClientRequest(d.restClientTemplate);
        d.restClientFilter.filter(request);
        return request;
    }

    /** A request per call: scope, sign-in, the request copy; no token filter. */
    @Benchmark
    public ClientRequest newRequestFloor(Deployed d) throws Exception {
        d.requestContext.activate();
        try {
            d.identityFilter.doFilter(d.servletRequest, d.servletResponse, d.chainWithoutFilter);
        } finally {
            d.requestContext.deactivate();
        }
        return d.last;
    }

    /** The same with the token filter on the request copy: the first outbound call of a request. */
    @Benchmark
    public ClientRequest userNewRequest(Deployed d) throws Exception {
        d.requestContext.activate();
        try {
            d.identityFilter.doFilter(d.servletRequest, d.servletResponse, d.chainWithFilter);
        } finally {
            d.requestContext.deactivate();
        }
        return d.last;
    }

    // ---- the steps of OutboundClients.forCall, each alone

    /** {@code CDI.current()}; the unused state starts the container. */
    @Benchmark
    public CDI<Object> partCdiCurrent(Deployed d) {
        return CDI.current();
    }

    /** {@code cdi.select(Vendo.class).get()}: the root client. */
    @Benchmark
    public Vendo partRootLookup(Deployed d) {
        return d.cdi.select(Vendo.class).get();
    }

    /** Is a request scope active, outside one: {@code getContext} throws, and the exception is caught. */
    @Benchmark
    public boolean partRequestActiveOutside(Deployed d) {
        return requestActive(d.cdi);
    }

    /**
     * The same {@value #EXTRA_FRAMES} frames deeper, as on a server's job or timer thread: the
     * exception's stack trace grows with the stack. The plain calls down cost well under a microsecond.
     */
    @Benchmark
    public boolean partRequestActiveOutsideDeep(Deployed d) {
        return requestActiveAtDepth(EXTRA_FRAMES, d.cdi);
    }

    /**
     * Weld's own {@link WeldManager#isContextActive}, outside a request scope: the same answer
     * without an exception, on any server whose CDI is Weld (WildFly, Payara, Open Liberty).
     */
    @Benchmark
    public boolean partRequestActiveOutsideWeld(Deployed d) {
        return ((WeldManager) d.cdi.getBeanManager()).isContextActive(RequestScoped.class);
    }

    /**
     * {@code Thread.currentThread().getStackTrace()} {@value #EXTRA_FRAMES} frames deeper. Weld SE
     * answers {@code cdi.select} and {@code cdi.getBeanManager()} from its container; WildFly's and
     * Payara's {@code CDI.current()} first find the calling class's bean archive by walking the stack
     * (WildFly with this call), on each of them: two per deployment call, three per user call.
     */
    @Benchmark
    public StackTraceElement[] partServerStackTrace() {
        return stackTraceAtDepth(EXTRA_FRAMES);
    }

    /** Is a request scope active, inside one. */
    @Benchmark
    public boolean partRequestActiveInside(Deployed d, InRequest r) {
        return requestActive(d.cdi);
    }

    /** {@code cdi.select(VendoUserContext.class).get().jwt()}: the request's token. */
    @Benchmark
    public String partUserJwt(Deployed d, InRequest r) {
        return d.cdi.select(VendoUserContext.class).get().jwt().orElseThrow();
    }

    /** {@code root.forUser(jwt).token(slug)}, the token text seen before: what the filter cannot avoid. */
    @Benchmark
    public String partForUserToken(Deployed d) {
        return d.root.forUser(d.userJwt).token(SLUG);
    }

    // ---- a whole loopback call, with a longer warm-up: it keeps getting faster for about ten seconds

    /** A call with the same token written by hand. */
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public int callWithoutFilter(Deployed d) {
        return d.call(d.plainTarget.request().header(HttpHeaders.AUTHORIZATION, d.deploymentBearer));
    }

    /** A call through a client with the filter, the deployment's token. */
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public int callDeployment(Deployed d) {
        return d.call(d.filteredTarget.request());
    }

    /** A call through a client with the filter, the user's token inside a request scope. */
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    public int callUser(Deployed d, InRequest r) {
        return d.call(d.filteredTarget.request());
    }

    // ---- helpers

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static boolean requestActiveAtDepth(int frames, CDI<Object> cdi) {
        return frames == 0 ? requestActive(cdi) : requestActiveAtDepth(frames - 1, cdi);
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static StackTraceElement[] stackTraceAtDepth(int frames) {
        return frames == 0 ? Thread.currentThread().getStackTrace() : stackTraceAtDepth(frames - 1);
    }

    /** As {@code OutboundClients.requestActive} asks. */
    private static boolean requestActive(CDI<Object> cdi) {
        try {
            return cdi.getBeanManager().getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException e) {
            return false;
        }
    }

    /** vendo-jakarta's beans, as a server discovers them, and the application's MicroProfile Config. */
    static WeldContainer startContainer(Map<String, String> properties) throws ClassNotFoundException {
        Config config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(properties, "benchmark", 500))
                .build();
        return new Weld("vendo-benchmark-" + System.nanoTime())
                .disableDiscovery()
                .beanClasses(VendoProducer.class, VendoSettingsProducer.class, VendoUserContext.class,
                        Class.forName("run.vendo.jakarta.RequestUserVendo"), // package-private: @VendoUser Vendo
                        RequestIdentityResolver.class, VendoTokenVerifier.class, VendoEventStream.class)
                .addExtension(new ConfigBean(config))
                .initialize();
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

    /**
     * The request Jersey hands to its filters for a GET on the target, copied; the call is aborted.
     * Registering changes the target: pass one that nothing else uses.
     */
    static ClientRequest capture(WebTarget target) {
        ClientRequest[] captured = new ClientRequest[1];
        ClientRequestFilter capture = request -> {
            captured[0] = new ClientRequest((ClientRequest) request);
            request.abortWith(Response.noContent().build());
        };
        target.register(capture).request().get().close();
        return captured[0];
    }

    /** A servlet request that carries the user's token and id; the token decoded anew on every read. */
    static HttpServletRequest servletRequest(byte[] jwt, String userId) {
        return stub(HttpServletRequest.class, (proxy, method, args) -> {
            if (method.getName().equals("getHeaders")) {
                String name = (String) args[0];
                if (VendoHeaders.USER_JWT.equalsIgnoreCase(name)) {
                    return Collections.enumeration(
                            Collections.singletonList(new String(jwt, StandardCharsets.ISO_8859_1)));
                }
                if (VendoHeaders.USER_ID.equalsIgnoreCase(name)) {
                    return Collections.enumeration(Collections.singletonList(userId));
                }
                return Collections.emptyEnumeration();
            }
            return defaultValue(method);
        });
    }

    /** A filter configuration without parameters, as a web fragment declares the filter. */
    static FilterConfig filterConfig() {
        ServletContext context = stub(ServletContext.class, (proxy, method, args) -> defaultValue(method));
        return stub(FilterConfig.class, (proxy, method, args) ->
                method.getName().equals("getServletContext") ? context : defaultValue(method));
    }

    static <T> T stub(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    static Object defaultValue(Method method) {
        Class<?> type = method.getReturnType();
        if (method.getName().equals("toString")) {
            return "stub " + method.getDeclaringClass().getSimpleName();
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static void check(String expected, String actual) {
        if (!expected.equals(actual)) {
            // Never print either: they may be tokens.
            throw new IllegalStateException("a set-up call did not carry the expected identity or token");
        }
    }
}
