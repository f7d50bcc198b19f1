package run.vendo.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import run.vendo.VendoHeaders;
import run.vendo.internal.client.VendoClientBuilder;
import run.vendo.jakarta.internal.config.VendoSettings;
import run.vendo.jakarta.internal.identity.IdentityResult;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;
import run.vendo.jakarta.internal.jwt.JwtVerifier;
import run.vendo.jakarta.internal.jwt.VerifierSettings;
import run.vendo.testing.UserJwtBuilder;
import run.vendo.testing.VendoEmulator;

/**
 * The identity filter's path without the servlet: {@link RequestIdentityResolver#resolve} (what
 * {@code VendoIdentityFilter.doFilter} calls) reads the identity headers through a
 * case-insensitive lookup, as {@code request.getHeaders(name)} would, and verifies the token with a
 * {@link JwtVerifier} whose key set comes from the emulator's JWKS URL over HTTP (issuer and
 * audience required, as in production).
 *
 * <ul>
 *   <li>{@code seenBefore}: the same ES256 token every time. DESIGN.md section 6: "a JWT seen before
 *       is not re-verified until it expires"; the tear-down fails the run if any signature check
 *       happened after the warm-up.
 *   <li>{@code newEs256}, {@code newRs256}: a token the verifier has never seen, every call.
 *       Cycling through a pool larger than the verified-token cache would not do that: the cache
 *       is Caffeine (W-TinyLFU), which keeps part of a looping key set hot. Instead each state
 *       holds a pool of distinct pre-minted tokens and, whenever the pool wraps around, swaps in a
 *       fresh resolver and verifier (an empty cache; its key set fetched outside the measurement).
 *       That swap happens in a {@code Level.Invocation} set-up, which is not timed; its per-call
 *       timestamp overhead is negligible next to a signature check (tens of microseconds). The
 *       tear-down fails the run unless there was exactly one signature check per measured call.
 *   <li>{@code headersOnly}: the same resolver with verification off (shape check only), the floor.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IdentityVerificationBenchmark {

    /** A request's headers, looked up as a servlet container does: any case, every value. */
    static final class Request implements Function<String, Collection<String>> {
        private final TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        Request(String jwt, String userId) {
            headers.put("Host", List.of("tool.example.vendo.run"));
            headers.put("User-Agent",
                    List.of("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"));
            headers.put("Accept", List.of("application/json, text/plain, */*"));
            headers.put("Accept-Encoding", List.of("gzip, deflate, br"));
            headers.put("X-Forwarded-For", List.of("203.0.113.7"));
            headers.put("X-Forwarded-Proto", List.of("https"));
            set(jwt, userId);
        }

        void set(String jwt, String userId) {
            headers.put(VendoHeaders.USER_JWT, List.of(jwt));
            headers.put(VendoHeaders.USER_ID, List.of(userId));
            headers.put(VendoHeaders.USER_EMAIL, List.of(userId + "@example.test"));
            headers.put(VendoHeaders.USER_NAME, List.of("User " + userId));
        }

        @Override
        public Collection<String> apply(String name) {
            List<String> values = headers.getOrDefault(name, List.of());
            // A container reads each request's header into a new String, whose hash is not computed
            // yet: hand out a copy, or a lookup keyed by the token would reuse the cached hash.
            return VendoHeaders.USER_JWT.equalsIgnoreCase(name) && values.size() == 1
                    ? List.of(new String(values.get(0).getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII))
                    : values;
        }
    }

    /** Verification as a deployment configures it: JWKS, issuer and audience, the rest by default. */
    static VerifierSettings settings(VendoEmulator emulator) {
        return settings(emulator, VendoClientBuilder.DEFAULT_CACHE_SIZE);
    }

    /** The same, remembering up to {@code cacheSize} tokens ({@code vendo.cache-size}). */
    static VerifierSettings settings(VendoEmulator emulator, long cacheSize) {
        Map<String, String> config = Map.of(VendoSettings.JWKS_URL, emulator.jwksUrl(),
                VendoSettings.JWT_ISSUER, emulator.issuer(), VendoSettings.JWT_AUDIENCES, VendoEmulator.AUDIENCE,
                VendoClientBuilder.CACHE_SIZE, Long.toString(cacheSize));
        return VendoSettings.from(key -> Optional.ofNullable(config.get(key))).verifierSettings().orElseThrow();
    }

    static IdentityResult.Present present(IdentityResult result) {
        if (result instanceof IdentityResult.Present present) {
            return present;
        }
        throw new IllegalStateException("identity not accepted: " + result);
    }

    /** One token, verified once in the set-up. */
    @State(Scope.Benchmark)
    public static class Seen {
        VendoEmulator emulator;
        JwtVerifier verifier;
        RequestIdentityResolver resolver;
        RequestIdentityResolver unverified;
        Request request;

        @Setup(Level.Trial)
        public void setUp() {
            emulator = VendoEmulator.start();
            verifier = new JwtVerifier(settings(emulator));
            resolver = new RequestIdentityResolver(verifier);
            unverified = new RequestIdentityResolver((JwtVerifier) null);
            request = new Request(emulator.mintUserJwt("alice"), "alice");
            present(resolver.resolve(request));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            long checks = verifier.signatureChecks();
            emulator.close();
            if (checks != 1) {
                throw new IllegalStateException("a token seen before was re-verified: " + checks + " signature checks");
            }
        }
    }

    /** Distinct tokens of one algorithm; a fresh verifier each time the pool wraps around. */
    public abstract static class Fresh {
        VendoEmulator emulator;
        String[] pool;
        String[] subjects;
        Request request;
        RequestIdentityResolver resolver;
        JwtVerifier verifier;
        int next;
        long calls;
        long checks;

        abstract String label();

        abstract int poolSize();

        abstract UserJwtBuilder algorithm(UserJwtBuilder builder);

        @Setup(Level.Trial)
        public void setUp() {
            emulator = VendoEmulator.start();
            pool = new String[poolSize()];
            subjects = new String[pool.length];
            for (int i = 0; i < pool.length; i++) {
                subjects[i] = "user-" + i;
                pool[i] = algorithm(emulator.jwt(subjects[i])).sign();
            }
            request = new Request(pool[0], subjects[0]);
            next = pool.length; // the first invocation builds the first verifier
        }

        @Setup(Level.Invocation)
        public void nextToken() {
            if (next == pool.length) {
                if (verifier != null) {
                    checks += verifier.signatureChecks();
                }
                verifier = new JwtVerifier(settings(emulator));
                resolver = new RequestIdentityResolver(verifier);
                // Fetch the key set now, with a token outside the pool, and do not count that check.
                present(resolver.resolve(new Request(algorithm(emulator.jwt("warm-up")).sign(), "warm-up")));
                checks -= verifier.signatureChecks();
                next = 0;
            }
            request.set(pool[next], subjects[next]);
            next++;
            calls++;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            checks += verifier.signatureChecks();
            emulator.close();
            System.out.printf("%n%s: %d calls, %d signature checks%n", label(), calls, checks);
            if (checks != calls) {
                throw new IllegalStateException("expected one signature check per call, got " + checks + " for "
                        + calls + " calls");
            }
        }
    }

    /** ES256 tokens. */
    @State(Scope.Thread)
    public static class FreshEs256 extends Fresh {
        @Override
        String label() {
            return "newEs256";
        }

        @Override
        int poolSize() {
            return 2_000;
        }

        @Override
        UserJwtBuilder algorithm(UserJwtBuilder builder) {
            return builder.es256();
        }
    }

    /** RS256 tokens. */
    @State(Scope.Thread)
    public static class FreshRs256 extends Fresh {
        @Override
        String label() {
            return "newRs256";
        }

        @Override
        int poolSize() {
            return 1_000;
        }

        @Override
        UserJwtBuilder algorithm(UserJwtBuilder builder) {
            return builder.rs256();
        }
    }

    @Benchmark
    public IdentityResult.Present seenBefore(Seen s) {
        return present(s.resolver.resolve(s.request));
    }

    @Benchmark
    public IdentityResult.Present headersOnly(Seen s) {
        return present(s.unverified.resolve(s.request));
    }

    @Benchmark
    public IdentityResult.Present newEs256(FreshEs256 s) {
        return present(s.resolver.resolve(s.request));
    }

    @Benchmark
    public IdentityResult.Present newRs256(FreshRs256 s) {
        return present(s.resolver.resolve(s.request));
    }
}
