package run.vendo.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import run.vendo.Vendo;
import run.vendo.jakarta.internal.jwt.JwtVerifier;
import run.vendo.testing.VendoEmulator;

/**
 * What each per-user cache costs in heap: a client and a verifier as a deployment has them, filled
 * one cache at a time for {@code users} users of the emulator, with the live heap read after full
 * collections before and after each step. Each token is handed over as a fresh copy, as every
 * request brings its own, so that what the caches keep is counted and what this program keeps is
 * not.
 *
 * <pre>java -cp vendo-benchmarks/target/benchmarks.jar run.vendo.benchmarks.CacheFootprint [users]</pre>
 */
public final class CacheFootprint {

    private static final String SLUG = "google";
    private static final int WARM_UP_USERS = 200;

    private CacheFootprint() {}

    /**
     * Entry point.
     *
     * @param args the number of users (default 10,000, the caches' default bound)
     * @throws Exception when the emulator or a step fails
     */
    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (VendoEmulator emulator = VendoEmulator.builder().start()) {
            emulator.autoConnect(SLUG);
            JwtVerifier verifier =
                    new JwtVerifier(IdentityVerificationBenchmark.settings(emulator, users + WARM_UP_USERS));
            try (Vendo root = Vendo.builder().environment(emulator.environment())
                    .cacheSize(users + WARM_UP_USERS).build()) {
                // Every code path once, on users of its own, so that classes and connections are counted out.
                fill(root, verifier, jwts(emulator, "footprint-warm-up-", WARM_UP_USERS));
                List<String> jwts = jwts(emulator, "footprint-user-", users);
                emulator.reset();

                long base = liveHeap();
                jwts.forEach(jwt -> root.forUser(copy(jwt)));
                long parsed = liveHeap();
                jwts.forEach(jwt -> root.forUser(jwt).token(SLUG));
                emulator.reset();
                long tokens = liveHeap();
                for (String jwt : jwts) {
                    verifier.verify(copy(jwt));
                }
                long verified = liveHeap();

                System.out.printf(Locale.ROOT, "%d users, %d-character identity tokens (ES256), JDK %s%n", users,
                        jwts.get(0).length(), Runtime.version());
                print("parsed identity tokens (vendo-sdk)", parsed - base, users);
                print("cached tokens, one slug (vendo-sdk)", tokens - parsed, users);
                print("verified identity tokens (vendo-jakarta)", verified - tokens, users);
                print("all three", verified - base, users);
                // The caches must still hold everyone, or the figures above undercount.
                for (String jwt : jwts) {
                    verifier.verify(jwt);
                    root.forUser(jwt).token(SLUG);
                }
                if (verifier.signatureChecks() != users + WARM_UP_USERS || emulator.calls() != 0) {
                    throw new IllegalStateException("the caches dropped users: " + verifier.signatureChecks()
                            + " signature checks, " + emulator.calls() + " token lookups after the fill");
                }
            }
        }
    }

    private static void fill(Vendo root, JwtVerifier verifier, List<String> jwts) throws Exception {
        for (String jwt : jwts) {
            root.forUser(copy(jwt)).token(SLUG);
            verifier.verify(copy(jwt));
        }
    }

    private static List<String> jwts(VendoEmulator emulator, String prefix, int count) {
        List<String> jwts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            jwts.add(emulator.mintUserJwt(id));
            emulator.user(id).token(SLUG); // the emulator's own state for the user, before anything is measured
        }
        return jwts;
    }

    private static String copy(String text) {
        return new String(text.toCharArray());
    }

    private static void print(String what, long bytes, int users) {
        System.out.printf(Locale.ROOT, "  %-42s %8.1f MB, %6.0f KB per 1,000 users%n", what, bytes / 1e6,
                bytes / 1e3 / users * 1000);
    }

    /** The heap in use after full collections, once it no longer shrinks (Caffeine's upkeep runs on a pool). */
    private static long liveHeap() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(200);
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= previous) {
                return Math.min(used, previous);
            }
            previous = used;
        }
        return previous;
    }
}
