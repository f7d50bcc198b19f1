package run.vendo.jakarta.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.vendo.VendoHeaders;
import run.vendo.jakarta.internal.jwt.JwtVerifier;
import run.vendo.jakarta.testsupport.TestSettings;
import run.vendo.testing.BadIdentityCorpus;
import run.vendo.testing.VendoEmulator;

/**
 * The bad identity corpus through the filter's resolver with verification on (the emulator's JWKS,
 * issuer and audience): every case is a 401 rejection with an {@code identity_*} code, never an
 * identity, never a 503 and never an exception. The servers' integration test sends the same
 * corpus over HTTP; this one pinpoints a failure in seconds.
 */
class BadIdentityResolverTest {

    private static VendoEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = VendoEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void everyBadIdentityIsA401() {
        BadIdentityCorpus corpus = BadIdentityCorpus.generate(emulator, 20_261_125L);
        RequestIdentityResolver resolver = new RequestIdentityResolver(
                new JwtVerifier(TestSettings.verifier(emulator.jwksUrl(),
                        "vendo.jwt.issuer", emulator.issuer(), "vendo.jwt.audiences", VendoEmulator.AUDIENCE)));
        // A valid token first: the key set is fetched and the verifier works.
        String valid = emulator.mintUserJwt("alice");
        assertTrue(resolver.resolve(name -> VendoHeaders.USER_JWT.equals(name) ? List.of(valid) : List.of())
                instanceof IdentityResult.Present, "a valid token is accepted");

        List<String> failures = new ArrayList<>();
        Map<BadIdentityCorpus.Kind, Integer> rejected = new EnumMap<>(BadIdentityCorpus.Kind.class);
        for (BadIdentityCorpus.Case c : corpus.cases()) {
            IdentityResult result;
            try {
                result = resolver.resolve(name -> VendoHeaders.USER_JWT.equalsIgnoreCase(name) ? c.values()
                        : c.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                                .map(Map.Entry::getValue).toList());
            } catch (RuntimeException e) {
                failures.add(c + ": " + e.getClass().getName() + ": " + e.getMessage());
                continue;
            }
            if (result instanceof IdentityResult.Rejected r && r.status() == 401 && r.code().startsWith("identity_")) {
                rejected.merge(c.kind(), 1, Integer::sum);
                if (c.kind() == BadIdentityCorpus.Kind.EXPIRED && !"identity_expired".equals(r.code())) {
                    failures.add(c + ": " + r.code() + " instead of identity_expired");
                }
                for (String value : c.values()) {
                    if (value.length() >= 12 && r.message().contains(value)) {
                        failures.add(c + ": the rejection repeats the token");
                    }
                }
            } else {
                failures.add(c + ": " + (result instanceof IdentityResult.Rejected r
                        ? r.status() + " " + r.code() : result.getClass().getSimpleName()));
            }
        }
        System.out.printf("bad identities (resolver, verification on): %d cases, %d rejected with 401 %s%n",
                corpus.size(), rejected.values().stream().mapToInt(Integer::intValue).sum(), rejected);
        assertEquals(List.of(), failures, failures.size() + " failures");
    }
}
