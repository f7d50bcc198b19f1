package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.errors.AuthError;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.VendoError;
import run.vendo.internal.client.ClientInternals;
import run.vendo.internal.identity.IdentityHeaders;
import run.vendo.testing.BadIdentityCorpus;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * The bad identity corpus through the core client's {@code forUser} and every form of {@code
 * forRequest}: each value is refused ({@code AuthError} or {@code IdentityNotPresent}); the only
 * ones a shape-and-time check may take as well-formed are those that need the issuer's keys, and
 * for those the emulator, which verifies, refuses every call. No case ever resolves a token. A case
 * whose defect is in another identity header (its token is valid) goes to the core's reader of
 * those headers, {@link IdentityHeaders}, which the filter uses: {@code forUser} and {@code
 * forRequest} read the token alone.
 */
class BadIdentityCoreTest {

    private static final String HEADER = VendoHeaders.USER_JWT;
    private static final long SEED = 20_261_125L;

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo);

    private record Attempt(String how, Supplier<Vendo> open) {}

    @Test
    void noBadIdentityEverResolvesAToken(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        emulator.autoConnect("google");
        BadIdentityCorpus corpus = BadIdentityCorpus.generate(emulator, SEED);
        assertTrue(corpus.size() >= 1000, "corpus size " + corpus.size());

        List<String> failures = new ArrayList<>();
        Map<String, Integer> rejectedBy = new LinkedHashMap<>();
        Map<BadIdentityCorpus.Kind, Integer> passedCore = new EnumMap<>(BadIdentityCorpus.Kind.class);
        int attempts = 0;
        int refusedUpstream = 0;
        Map<BadIdentityCorpus.Kind, Integer> headerRefusals = new EnumMap<>(BadIdentityCorpus.Kind.class);
        long start = System.nanoTime();
        for (BadIdentityCorpus.Case c : corpus.cases()) {
            if (!c.headers().isEmpty()) {
                checkHeaders(c, failures);
                headerRefusals.merge(c.kind(), 1, Integer::sum);
                continue;
            }
            boolean checkedEveryCall = false;
            for (Attempt attempt : attempts(root, c)) {
                attempts++;
                Vendo view;
                try {
                    view = attempt.open().get();
                } catch (AuthError | IdentityNotPresent e) {
                    rejectedBy.merge(e.getClass().getSimpleName() + " " + e.code(), 1, Integer::sum);
                    checkRefusal(c, attempt, e, failures);
                    continue;
                } catch (RuntimeException e) {
                    failures.add(c + " via " + attempt.how() + ": " + e.getClass().getName());
                    continue;
                }
                if (!c.needsKeys()) {
                    failures.add(c + " via " + attempt.how()
                            + ": accepted by the core, though its shape or time is wrong");
                }
                passedCore.merge(c.kind(), 1, Integer::sum);
                List<Runnable> calls = new ArrayList<>(List.of(() -> view.token("google")));
                if (!checkedEveryCall) {
                    calls.add(() -> view.tokens(List.of("google")));
                    checkedEveryCall = true;
                }
                for (Runnable call : calls) {
                    try {
                        call.run();
                        failures.add(c + " via " + attempt.how() + ": RESOLVED a token");
                    } catch (AuthError e) {
                        refusedUpstream++;
                        if (e.status().orElse(0) != 401 || !e.code().startsWith("identity_")) {
                            failures.add(c + ": refused with " + e.code() + " " + e.status());
                        }
                        checkNoEcho(c, e, failures);
                    } catch (RuntimeException e) {
                        failures.add(c + " via " + attempt.how()
                                + ": refused upstream with " + e.getClass().getName()
                                + (e instanceof VendoError v ? " " + v.code() : "") + " instead of AuthError");
                    }
                }
            }
        }
        assertEquals(0, ClientInternals.leasedConnections(root), "leased connections after the corpus");
        for (String subject : BadIdentityCorpus.SUBJECTS) {
            if (emulator.tokenCalls(subject, "google") != 0) {
                failures.add(emulator.tokenCalls(subject, "google")
                        + " token lookups the emulator accepted for " + subject);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int rejected = rejectedBy.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("bad identities (core): %d cases, %d forUser/forRequest attempts in %d ms:"
                        + " %d refused by the core %s,"
                        + " %d taken as well-formed (needing the issuer's keys) %s,"
                        + " %d calls refused by the emulator, 0 resolved;"
                        + " %d cases with a bad identity header refused by IdentityHeaders %s%n",
                corpus.size(), attempts, millis, rejected, rejectedBy,
                attempts - rejected, passedCore, refusedUpstream,
                headerRefusals.values().stream().mapToInt(Integer::intValue).sum(), headerRefusals);
        assertEquals(List.of(), failures, failures.size() + " failures");

    }

    /** forUser and each shape forRequest accepts; the repeated header only where it can be expressed. */
    private static List<Attempt> attempts(Vendo root, BadIdentityCorpus.Case c) {
        List<String> v = c.values();
        if (c.repeated()) {
            return List.of(
                    new Attempt("forRequest(list)", () -> root.forRequest(Map.of(HEADER, v))),
                    new Attempt("forRequest(array)", () -> root.forRequest(Map.of(HEADER, v.toArray(new String[0])))),
                    new Attempt("forRequest(two keys differing in case)",
                            () -> root.forRequest(Map.of(HEADER, v.get(0), "x-vendo-user-jwt", v.get(1)))));
        }
        String value = c.value();
        return List.of(
                new Attempt("forUser", () -> root.forUser(value)),
                new Attempt("forRequest(map)", () -> root.forRequest(Map.of(HEADER, value))),
                new Attempt("forRequest(lower-case key, array)",
                        () -> root.forRequest(Map.of("x-vendo-user-jwt", new String[] {value}))),
                new Attempt("forRequest(upper-case key, list)",
                        () -> root.forRequest(Map.of("X-VENDO-USER-JWT", List.of(value)))),
                new Attempt("forRequest(getHeader)",
                        () -> root.forRequest(name -> HEADER.equals(name) ? value : null)));
    }

    /** The token with the case's other headers through the reader the filter uses: identity_invalid. */
    private static void checkHeaders(BadIdentityCorpus.Case c, List<String> failures) {
        Map<String, Object> headers = new LinkedHashMap<>(c.headers());
        headers.put(HEADER, c.values());
        try {
            IdentityHeaders.read(name -> {
                List<String> values = new ArrayList<>();
                headers.forEach((key, value) -> {
                    if (key.equalsIgnoreCase(name)) {
                        if (value instanceof List<?> list) {
                            list.forEach(v -> values.add((String) v));
                        } else {
                            values.add((String) value);
                        }
                    }
                });
                return values;
            });
            failures.add(c + ": its identity headers were read without an error");
        } catch (AuthError e) {
            if (!"identity_invalid".equals(e.code())) {
                failures.add(c + ": refused with " + e.code() + " instead of identity_invalid");
            }
            checkNoEcho(c, e, failures);
        } catch (RuntimeException e) {
            failures.add(c + ": " + e.getClass().getName() + " instead of AuthError");
        }
    }

    private static void checkRefusal(BadIdentityCorpus.Case c, Attempt attempt, VendoError e, List<String> failures) {
        if (c.kind() == BadIdentityCorpus.Kind.EXPIRED && !"identity_expired".equals(e.code())) {
            failures.add(c + " via " + attempt.how() + ": code " + e.code() + " instead of identity_expired");
        }
        checkNoEcho(c, e, failures);
    }

    /** Neither the value nor its signature segment appears in the error's text. */
    private static void checkNoEcho(BadIdentityCorpus.Case c, VendoError e, List<String> failures) {
        String text = e + " " + e.getMessage() + " " + e.details();
        for (String value : c.values()) {
            int dot = value.lastIndexOf('.');
            String signature = dot < 0 ? "" : value.substring(dot + 1);
            if ((value.length() >= 12 && text.contains(value))
                    || (signature.length() >= 16 && text.contains(signature))) {
                failures.add(c + ": the error repeats the token: " + e.getClass().getSimpleName());
            }
        }
    }
}
