package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.vendo.errors.AuthError;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.VendoError;
import run.vendo.jakarta.rest.VendoErrorMapper;
import run.vendo.jakarta.testsupport.TestContainer;
import run.vendo.testing.VendoEmulator;

/** The verifier applications inject: the filter's rules, against the emulator's real JWKS. */
class VendoTokenVerifierTest {

    static VendoEmulator emulator;
    static TestContainer verifying;

    @BeforeAll
    static void start() {
        emulator = VendoEmulator.start();
        verifying = TestContainer.start(Map.of(
                "vendo.api-key", emulator.apiKey(),
                "vendo.base-url", emulator.baseUrl(),
                "vendo.jwt.jwks-url", emulator.jwksUrl(),
                "vendo.jwt.issuer", emulator.issuer()));
    }

    @AfterAll
    static void stop() {
        verifying.close();
        emulator.close();
    }

    static VendoTokenVerifier verifier() {
        return verifying.get(VendoTokenVerifier.class);
    }

    @Test
    void aValidTokenYieldsOnlyItsClaims() {
        String jwt = emulator.jwt("alice").claim("email", "alice@example.test")
                .claim("app_metadata", Map.of("tenant_id", "t-1")).sign();
        VerifiedIdentity who = verifier().verify(jwt);
        assertTrue(verifier().isEnabled());
        assertEquals("alice", who.userId());
        assertEquals("alice@example.test", who.email().orElseThrow());
        assertEquals("t-1", who.tenantId().orElseThrow());
        assertEquals("alice", who.claims().get("sub"));
        assertFalse(who.toString().contains("alice@example.test"));
    }

    @Test
    void whatTheFilterRefusesTheVerifierRefusesWithTheSameCodes() {
        String forged = emulator.jwt("alice").signedByUnknownKey().sign();
        String wrongIssuer = emulator.jwt("alice").issuer("https://elsewhere.test").sign();
        String expired = emulator.jwt("alice").expiresIn(Duration.ofMinutes(-10)).sign();
        String unsigned = emulator.jwt("alice").unsigned();
        for (String jwt : new String[] {forged, wrongIssuer, unsigned, "a.b.c", "x".repeat(5000)}) {
            AuthError e = assertThrows(AuthError.class, () -> verifier().verify(jwt));
            assertEquals("identity_invalid", e.code());
            assertFalse(e.getMessage().contains(jwt));
            assertEquals(401, VendoErrorMapper.statusOf(e));
        }
        assertEquals("identity_expired", assertThrows(AuthError.class, () -> verifier().verify(expired)).code());
        assertThrows(IdentityNotPresent.class, () -> verifier().verify(null));
        assertThrows(IdentityNotPresent.class, () -> verifier().verify("  "));
    }

    @Test
    void anUnreachableKeySetIsA503NotA401() {
        try (TestContainer unreachable = TestContainer.start(Map.of(
                "vendo.api-key", emulator.apiKey(),
                "vendo.jwt.jwks-url", "http://127.0.0.1:9/jwks.json",
                "vendo.connect-timeout", "500ms"))) {
            VendoError e = assertThrows(UpstreamError.class,
                    () -> unreachable.get(VendoTokenVerifier.class).verify(emulator.mintUserJwt("alice")));
            assertEquals("identity_verifier_unavailable", e.code());
            assertEquals(503, VendoErrorMapper.statusOf(e));
        }
    }

    @Test
    void withoutAKeySetItRefusesToVouchForAnything() {
        try (TestContainer plain = TestContainer.start(Map.of("vendo.api-key", emulator.apiKey()))) {
            VendoTokenVerifier unconfigured = plain.get(VendoTokenVerifier.class);
            assertFalse(unconfigured.isEnabled());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> unconfigured.verify(emulator.mintUserJwt("alice")));
            assertTrue(e.getMessage().contains("vendo.jwt.jwks-url"));
        }
    }
}
