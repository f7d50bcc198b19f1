package run.vendo.benchmarks;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import run.vendo.Vendo;
import run.vendo.testing.VendoEmulator;

/**
 * DESIGN.md section 6: "a cached {@code token()} on a user-scoped view costs a few hundred
 * nanoseconds at most" (target: at most 300 ns/op).
 *
 * <p>A root client talks to a local {@link VendoEmulator}; one user view is created and its token
 * for {@code google} fetched once in the trial set-up, so every measured call is a cache hit (the
 * tear-down fails the run if the emulator saw a second lookup). {@code mapFloor} is the floor: a
 * {@link ConcurrentHashMap} read with a key record built per call, as the token cache does.
 * {@code caffeineFloor} sits between the two: a Caffeine {@link AsyncCache} built as {@code
 * TokenCache} builds it (bounded, per-entry expiry, a ticker on the client's clock) and read as
 * {@code TokenCache.get} reads it on a hit (a new future offered, the cached one joined); what
 * {@code userViewToken} costs above it is the SDK's own code around the cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CachedTokenBenchmark {

    private static final String USER = "bench-user";

    /** The shape of the token cache's key ({@code TokenCache.Key}, package-private in vendo-sdk). */
    record Key(String identity, String slug) {}

    private VendoEmulator emulator;
    private Vendo root;
    private Vendo user;
    private String expectedToken;

    // Not final, so that the JIT cannot fold the lookups into constants.
    private String slug = "google";
    private String identityKey;
    private ConcurrentHashMap<Key, String> map;
    private AsyncCache<Key, String> caffeine;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        emulator = VendoEmulator.start();
        expectedToken = emulator.user(USER).connect(slug);
        root = Vendo.builder().environment(emulator.environment()).build();
        String jwt = emulator.mintUserJwt(USER);
        user = root.forUser(jwt);
        String token = user.token(slug);
        if (!expectedToken.equals(token)) {
            throw new IllegalStateException("warm-up returned the wrong token");
        }
        // The floor map holds what the cache would: the user's key, built like UserIdentity.cacheKey().
        identityKey = "user:" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(jwt.getBytes(StandardCharsets.US_ASCII)));
        map = new ConcurrentHashMap<>();
        map.put(new Key(identityKey, slug), token);
        map.put(new Key("deployment", slug), "deployment-token");
        caffeine = tokenCacheShaped(Clock.systemUTC());
        caffeine.put(new Key(identityKey, slug), CompletableFuture.completedFuture(token));
        caffeine.put(new Key("deployment", slug), CompletableFuture.completedFuture("deployment-token"));
    }

    /** The configuration of {@code TokenCache} (vendo-sdk), with values that expire in an hour. */
    static AsyncCache<Key, String> tokenCacheShaped(Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(10_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new Expiry<Key, String>() {
                    @Override
                    public long expireAfterCreate(Key key, String value, long now) {
                        return TimeUnit.HOURS.toNanos(1);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, String value, long now, long current) {
                        return TimeUnit.HOURS.toNanos(1);
                    }

                    @Override
                    public long expireAfterRead(Key key, String value, long now, long current) {
                        return current;
                    }
                })
                .buildAsync();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        int lookups = emulator.tokenCalls(USER, slug);
        root.close();
        emulator.close();
        if (lookups != 1) {
            throw new IllegalStateException("expected every measured token() to be a cache hit, but the emulator saw "
                    + lookups + " lookups");
        }
    }

    /** A cached token on a user view, one thread. */
    @Benchmark
    public String userViewToken() {
        return user.token(slug);
    }

    /** The same, two threads hitting the same view and entry (the machine has two cores). */
    @Benchmark
    @Threads(2)
    public String userViewTokenContended() {
        return user.token(slug);
    }

    /** The floor: a concurrent map read with a key record built per call. */
    @Benchmark
    public String mapFloor() {
        return map.get(new Key(identityKey, slug));
    }

    /** The token cache's Caffeine read on a hit, as {@code TokenCache.claim} and {@code await} make it. */
    @Benchmark
    public String caffeineFloor() {
        CompletableFuture<String> mine = new CompletableFuture<>();
        return caffeine.get(new Key(identityKey, slug), (k, executor) -> mine).join();
    }

    /** The floor with two threads. */
    @Benchmark
    @Threads(2)
    public String mapFloorContended() {
        return map.get(new Key(identityKey, slug));
    }
}
