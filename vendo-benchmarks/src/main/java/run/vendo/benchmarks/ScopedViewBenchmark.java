package run.vendo.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
import run.vendo.testing.VendoEmulator;

/**
 * Creating a user-scoped view per request: {@code forRequest(Map)} with a realistic ten-header
 * request, {@code forRequest(Function)} with a case-insensitive lookup (as {@code
 * request::getHeader}), {@code forUser(jwt)}, and a view followed by a cached {@code token()}. The
 * token is one seen before, as on every request of a signed-in user after the first: its parse is
 * remembered, and the time checks are repeated.
 *
 * <p>DESIGN.md section 6 says "creating a scoped view allocates no HTTP resources". Time alone does
 * not show that; run with the GC profiler for bytes per operation ({@code gc.alloc.rate.norm}):
 *
 * <pre>java -jar vendo-benchmarks/target/benchmarks.jar ScopedViewBenchmark -prof gc</pre>
 *
 * The tear-down fails the run if the emulator saw any request or client connection other than the
 * warm-up's. vendo-sdk's {@code ScopedViewResourcesTest} checks the claim in the normal build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScopedViewBenchmark {

    private static final String USER = "bench-user";

    private VendoEmulator emulator;
    private Vendo root;
    private String jwt;
    private byte[] jwtBytes;
    private Map<String, String> headers;
    private Function<String, String> lookup;
    private String slug = "google";
    private int callsAfterWarmUp;
    private int connectionsAfterWarmUp;

    @Setup(Level.Trial)
    public void setUp() {
        emulator = VendoEmulator.start();
        String expected = emulator.user(USER).connect(slug);
        root = Vendo.builder().environment(emulator.environment()).build();
        jwt = emulator.mintUserJwt(USER);
        jwtBytes = jwt.getBytes(StandardCharsets.US_ASCII);
        headers = requestHeaders(jwt);
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        lookup = caseInsensitive::get;
        if (!expected.equals(root.forRequest(headers).token(slug))) {
            throw new IllegalStateException("warm-up returned the wrong token");
        }
        callsAfterWarmUp = emulator.calls();
        connectionsAfterWarmUp = emulator.clientConnections();
        System.out.printf("%n(bytes allocated per call: run with -prof gc and read gc.alloc.rate.norm)%n");
    }

    /** Ten headers as a servlet container would hand them over behind Vendo's proxy. */
    private static Map<String, String> requestHeaders(String jwt) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "tool.example.vendo.run");
        h.put("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        h.put("Accept", "application/json, text/plain, */*");
        h.put("Accept-Encoding", "gzip, deflate, br");
        h.put("Accept-Language", "en-GB,en;q=0.8");
        h.put("X-Forwarded-For", "203.0.113.7");
        h.put("X-Forwarded-Proto", "https");
        h.put("X-Vendo-User-Id", USER);
        h.put("X-Vendo-User-Email", USER + "@example.test");
        h.put("X-Vendo-User-JWT", jwt);
        return Collections.unmodifiableMap(h);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        int calls = emulator.calls();
        int connections = emulator.clientConnections();
        root.close();
        emulator.close();
        if (calls != callsAfterWarmUp || connections != connectionsAfterWarmUp) {
            throw new IllegalStateException("view creation touched HTTP: " + (calls - callsAfterWarmUp)
                    + " requests and " + (connections - connectionsAfterWarmUp) + " client connections after the"
                    + " warm-up");
        }
    }

    @Benchmark
    public Vendo forRequestMap() {
        return root.forRequest(headers);
    }

    @Benchmark
    public Vendo forRequestFunction() {
        return root.forRequest(lookup);
    }

    @Benchmark
    public Vendo forUser() {
        return root.forUser(jwt);
    }

    /**
     * {@code forUser} with the token decoded into a new String, as a container hands over each
     * request's header: its hash is computed again for the lookup of the remembered parse.
     */
    @Benchmark
    public Vendo forUserNewString() {
        return root.forUser(new String(jwtBytes, StandardCharsets.US_ASCII));
    }

    @Benchmark
    public String forRequestThenToken() {
        return root.forRequest(headers).token(slug);
    }
}
