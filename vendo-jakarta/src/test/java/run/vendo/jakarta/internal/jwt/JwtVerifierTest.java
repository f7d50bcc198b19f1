package run.vendo.jakarta.internal.jwt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import run.vendo.internal.identity.JwtShape;
import run.vendo.jakarta.internal.identity.RequestIdentity;
import run.vendo.jakarta.testsupport.TestSettings;
import run.vendo.testing.JwksServer;
import run.vendo.testing.JwtKey;
import run.vendo.testing.MutableClock;
import run.vendo.testing.RawJwts;

class JwtVerifierTest {

    private static final JwtKey EC_KEY = JwtKey.ec("ec-1");
    private static final JwtKey OTHER_EC_KEY = EC_KEY.impostor();
    private static final JwtKey RSA_KEY = JwtKey.rsa("rsa-1");

    private JwksServer jwks;

    @BeforeEach
    void start() {
        jwks = JwksServer.start().serve(EC_KEY, RSA_KEY);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    private JwtVerifier verifier() {
        return new JwtVerifier(TestSettings.verifier(jwks.url()));
    }

    private JwtVerifier verifier(String issuer, Set<String> audiences, Duration leeway) {
        return new JwtVerifier(new VerifierSettings(URI.create(jwks.url()), Optional.ofNullable(issuer), audiences,
                leeway, JwtShape.DEFAULT_MAX_LIFETIME, Duration.ofSeconds(2), Duration.ofSeconds(2), "email", "name",
                "app_metadata.tenant_id", 100));
    }

    private static VerificationFailure rejected(JwtVerifier verifier, String jwt) {
        VerificationFailure failure = assertThrows(VerificationFailure.class, () -> verifier.verify(jwt));
        assertFalse(failure.getMessage().contains(jwt), "message must not contain the token");
        return failure;
    }

    @Test
    void signedClaimsThatNestTooDeeplyOrHoldNumbersBeyondADoubleAreRefused() {
        long now = Instant.now().getEpochSecond();
        String times = "\"sub\":\"alice\",\"iat\":" + now + ",\"exp\":" + (now + 600);
        String deep = RawJwts.signed(EC_KEY, "{" + times + ",\"x\":" + "[".repeat(999) + "]".repeat(999) + "}");
        assertEquals("identity_invalid", rejected(verifier(), deep).code());
        String huge = RawJwts.signed(EC_KEY, "{" + times + ",\"n\":1e999999999}");
        assertEquals("identity_invalid", rejected(verifier(), huge).code());
        String nested = RawJwts.signed(EC_KEY, "{" + times + ",\"app_metadata\":{\"a\":[{\"b\":[1.5,2]}]}}");
        assertDoesNotThrow(() -> verifier().verify(nested), "ordinary nesting is fine");
    }

    @Test
    void aNullClaimCountsAsAbsentAndTheClaimsFitARequestIdentity() throws Exception {
        String jwt = EC_KEY.jwt("user-1").nullClaim("nickname").claim("email", "a@example.com").sign();
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"nickname\":null"), "the token carries a null claim");
        VerifiedJwt verified = verifier().verify(jwt);
        assertFalse(verified.claims().containsKey("nickname"));
        RequestIdentity identity = new RequestIdentity(jwt, "user-1", null, null, null, null, verified.claims(), true);
        assertEquals("a@example.com", identity.claims().get("email"));
        assertEquals(Optional.of("a@example.com"), verified.text("email"));
    }

    @Test
    void verifiesEs256() throws Exception {
        String jwt = EC_KEY.jwt("user-1").claim("email", "a@example.com").sign();
        VerifiedJwt verified = verifier().verify(jwt);
        assertEquals("user-1", verified.claims().get("sub"));
        assertEquals("a@example.com", verified.claims().get("email"));
        assertFalse(verified.claims().containsKey("raw_token"), "the raw token never appears as a claim");
        assertFalse(verified.toString().contains(jwt));
    }

    @Test
    void verifiesRs256() throws Exception {
        String jwt = EC_KEY.jwt("user-2").signedWith(RSA_KEY).sign();
        assertEquals("user-2", verifier().verify(jwt).claims().get("sub"));
    }

    @Test
    void claimsAreUnmodifiablePlainValues() throws Exception {
        String jwt = EC_KEY.jwt("u").claim("app_metadata",
                Map.of("plan", "pro", "tags", List.of("a", "b"))).sign();
        Map<String, Object> claims = verifier().verify(jwt).claims();
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) claims.get("app_metadata");
        assertEquals("pro", meta.get("plan"));
        assertEquals(List.of("a", "b"), meta.get("tags"));
        assertThrows(UnsupportedOperationException.class, () -> claims.put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> meta.put("x", "y"));
    }

    @Test
    void rejectsExpiredTokenAsExpired() {
        String jwt = EC_KEY.jwt("u").expiresAt(Instant.now().minusSeconds(3600)).sign();
        VerificationFailure failure = rejected(verifier(), jwt);
        assertEquals(401, failure.status());
        assertEquals("identity_expired", failure.code());
    }

    @Test
    void leewayAcceptsARecentlyExpiredToken() throws Exception {
        Instant exp = Instant.now().minusSeconds(20);
        String jwt = EC_KEY.jwt("u").issuedAt(exp.minus(Duration.ofHours(1))).expiresAt(exp).sign(); // Vendo's hour
        assertEquals("u", verifier(null, Set.of(), Duration.ofSeconds(60)).verify(jwt).claims().get("sub"));
        assertEquals("identity_expired", rejected(verifier(null, Set.of(), Duration.ZERO), jwt).code());
    }

    @Test
    void rejectsFutureNotBefore() {
        String jwt = EC_KEY.jwt("u").notBefore(Instant.now().plusSeconds(600)).sign();
        VerificationFailure failure = rejected(verifier(), jwt);
        assertEquals("identity_invalid", failure.code());
        assertTrue(failure.getMessage().contains("nbf"), failure.getMessage());
    }

    @Test
    void rejectsTokenWithoutExp() {
        String jwt = EC_KEY.jwt("u").withoutExpiry().sign();
        VerificationFailure failure = rejected(verifier(), jwt);
        assertEquals("identity_invalid", failure.code());
        assertTrue(failure.getMessage().contains("exp"), failure.getMessage());
    }

    @Test
    void rejectsTokenWithoutSubject() {
        assertEquals("identity_invalid", rejected(verifier(), EC_KEY.jwt("u").claim("sub", null).sign()).code());
    }

    @Test
    void rejectsTokenSignedByAnotherKeyWithTheSameKid() {
        String jwt = EC_KEY.jwt("u").signedWith(OTHER_EC_KEY).sign();
        VerificationFailure failure = rejected(verifier(), jwt);
        assertEquals(401, failure.status());
        assertEquals("identity_invalid", failure.code());
        assertTrue(failure.getMessage().contains("signature"), failure.getMessage());
    }

    @Test
    void rejectsAlgNone() {
        assertEquals("identity_invalid", rejected(verifier(), EC_KEY.jwt("u").unsigned()).code());
        assertEquals(0, jwks.calls(), "an unsigned token is refused before any key is fetched");
    }

    @Test
    void rejectsHs256SignedWithThePublicKeyBytes() throws Exception {
        String jwt = EC_KEY.jwt("u").kid("rsa-1").hs256(RSA_KEY.publicKeyBytes()).sign();
        VerificationFailure failure = rejected(verifier(), jwt);
        assertEquals("identity_invalid", failure.code());
        assertTrue(failure.getMessage().contains("ES256 or RS256"), failure.getMessage());
    }

    @Test
    void rejectsAnRs256HeaderOverAnEcKey() {
        // The kid names the EC key but the header claims RS256: no RSA key has that kid.
        String jwt = EC_KEY.jwt("u").signedWith(RSA_KEY).kid("ec-1").sign();
        assertEquals("identity_invalid", rejected(verifier(), jwt).code());
    }

    @Test
    void checksIssuer() throws Exception {
        JwtVerifier verifier = verifier("https://issuer.example/auth/v1", Set.of(), Duration.ofSeconds(60));
        assertEquals("u", verifier.verify(EC_KEY.jwt("u").issuer("https://issuer.example/auth/v1").sign())
                .claims().get("sub"));
        VerificationFailure wrong = rejected(verifier, EC_KEY.jwt("u").issuer("https://evil.example").sign());
        assertEquals("identity_invalid", wrong.code());
        assertTrue(wrong.getMessage().contains("issuer"), wrong.getMessage());
        assertEquals("identity_invalid", rejected(verifier, EC_KEY.jwt("u").sign()).code());
    }

    @Test
    void checksAudience() throws Exception {
        JwtVerifier verifier = verifier(null, Set.of("authenticated", "other"), Duration.ofSeconds(60));
        assertEquals("u", verifier.verify(EC_KEY.jwt("u").audience("authenticated").sign()).claims().get("sub"));
        VerificationFailure wrong = rejected(verifier, EC_KEY.jwt("u").audience("someone-else").sign());
        assertTrue(wrong.getMessage().contains("aud"), wrong.getMessage());
        assertEquals("identity_invalid", rejected(verifier, EC_KEY.jwt("u").audience().sign()).code(), "no aud");
    }

    @Test
    void fetchesTheKeySetLazily() throws Exception {
        JwtVerifier verifier = verifier();
        assertEquals(0, jwks.calls(), "nothing is fetched when the verifier is created");
        verifier.verify(EC_KEY.jwt("u").sign());
        verifier.verify(EC_KEY.jwt("v").signedWith(RSA_KEY).sign());
        assertEquals(1, jwks.calls(), "the key set is fetched once and kept");
    }

    @Test
    void unknownKidTriggersExactlyOneRefetch() throws Exception {
        JwtVerifier verifier = verifier();
        verifier.verify(EC_KEY.jwt("u").sign());
        assertEquals(1, jwks.calls());

        String unknown = EC_KEY.jwt("u").signedWith(JwtKey.ec("not-published")).sign();
        VerificationFailure failure = rejected(verifier, unknown);
        assertEquals("identity_invalid", failure.code());
        assertTrue(failure.getMessage().contains("unknown key"), failure.getMessage());
        assertEquals(2, jwks.calls(), "one refetch for the unknown kid");

        String anotherUnknown = EC_KEY.jwt("u").signedWith(JwtKey.ec("made-up")).sign();
        rejected(verifier, anotherUnknown);
        assertEquals(2, jwks.calls(), "made-up kids cannot make the verifier hammer the endpoint");
    }

    @Test
    void rotatedKeyIsPickedUpByTheRefetch() throws Exception {
        JwtVerifier verifier = verifier();
        verifier.verify(EC_KEY.jwt("u").sign());
        var rotated = JwtKey.ec("ec-2");
        jwks.serve(EC_KEY, rotated);
        assertEquals("u", verifier.verify(EC_KEY.jwt("u").signedWith(rotated).sign()).claims().get("sub"));
        assertEquals(2, jwks.calls());
    }

    @Test
    void unreachableKeySetFailsClosedWith503() {
        jwks.serveRaw(500, "oops");
        VerificationFailure failure = rejected(verifier(), EC_KEY.jwt("u").sign());
        assertEquals(503, failure.status());
        assertEquals("identity_verifier_unavailable", failure.code());
    }

    @Test
    void refusedConnectionFailsClosedWith503() {
        String closed = jwks.url();
        jwks.close();
        JwtVerifier verifier = new JwtVerifier(TestSettings.verifier(closed));
        VerificationFailure failure = rejected(verifier, EC_KEY.jwt("u").sign());
        assertEquals(503, failure.status());
        assertEquals("identity_verifier_unavailable", failure.code());
    }

    @Test
    void malformedKeySetFailsClosedWith503() {
        jwks.serveRaw(200, "{\"keys\": 42}");
        assertEquals(503, rejected(verifier(), EC_KEY.jwt("u").sign()).status());
        jwks.serveRaw(200, "{\"keys\": []}");
        assertEquals(503, rejected(verifier(), EC_KEY.jwt("u").sign()).status());
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgain() throws Exception {
        JwtVerifier verifier = verifier();
        String jwt = EC_KEY.jwt("u").sign();
        verifier.verify(jwt);
        assertEquals(1, verifier.signatureChecks());
        for (int i = 0; i < 5; i++) {
            assertEquals("u", verifier.verify(jwt).claims().get("sub"));
        }
        assertEquals(1, verifier.signatureChecks(), "later requests with the same token are served from the cache");
        verifier.verify(EC_KEY.jwt("v").sign());
        assertEquals(2, verifier.signatureChecks());
    }

    @Test
    void rejectedTokensAreNotRemembered() {
        JwtVerifier verifier = verifier();
        String jwt = EC_KEY.jwt("u").signedWith(OTHER_EC_KEY).sign();
        rejected(verifier, jwt);
        rejected(verifier, jwt);
        assertEquals(2, verifier.signatureChecks());
    }

    @Test
    void rejectsGarbageHeader() {
        assertEquals("identity_invalid", rejected(verifier(), "bm90LWpzb24.e30.c2ln").code());
    }

    @Test
    void theTwoEcdsaSpellingsOfOneTokenAreOneTokenWhicheverComesFirst() throws Exception {
        for (boolean twinFirst : new boolean[] {false, true}) {
            JwtVerifier verifier = verifier();
            String jwt = EC_KEY.jwt("u").sign();
            String twin = RawJwts.es256Twin(jwt);
            assertNotEquals(jwt, twin);
            assertEquals("u", verifier.verify(twinFirst ? twin : jwt).claims().get("sub"), "(r, n - s) verifies");
            assertEquals("u", verifier.verify(twinFirst ? jwt : twin).claims().get("sub"));
            assertEquals("u", verifier.verify(twin).claims().get("sub"));
            assertEquals(1, verifier.signatureChecks(), "the second spelling is served from the first one's entry");
        }
    }

    @Test
    void theCacheHoldsAsManyHighSTokensAsTheClientHoldsUsers() throws Exception {
        int users = 8;
        JwtVerifier verifier = new JwtVerifier(new VerifierSettings(URI.create(jwks.url()), Optional.empty(), Set.of(),
                JwtShape.MAX_LEEWAY, JwtShape.DEFAULT_MAX_LIFETIME, Duration.ofSeconds(2), Duration.ofSeconds(2),
                "email", "name", "app_metadata.tenant_id", users));
        List<String> highS = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String jwt = EC_KEY.jwt("u" + i).sign();
            highS.add(JwtShape.lowS(jwt).equals(jwt) ? RawJwts.es256Twin(jwt) : jwt);
        }
        for (int pass = 0; pass < 3; pass++) {
            for (String jwt : highS) {
                verifier.verify(jwt);
            }
        }
        assertEquals(users, verifier.signatureChecks(), "each remembered under both spellings, none dropped");
        assertEquals(2 * 10_000L, JwtVerifier.entriesFor(10_000));
        assertEquals(Long.MAX_VALUE, JwtVerifier.entriesFor(Long.MAX_VALUE));
    }

    @Test
    void outOfRangeAndSwappedEcdsaSignaturesAreRefused() {
        JwtVerifier verifier = verifier();
        String jwt = EC_KEY.jwt("u").sign();
        BigInteger[] signature = RawJwts.es256Signature(jwt);
        BigInteger r = signature[0];
        BigInteger s = signature[1];
        BigInteger zero = BigInteger.ZERO;
        BigInteger order = RawJwts.P256_ORDER;
        for (String bad : List.of(RawJwts.withEs256Signature(jwt, zero, zero), RawJwts.withEs256Signature(jwt, r, zero),
                RawJwts.withEs256Signature(jwt, order, order), RawJwts.withEs256Signature(jwt, r, order),
                RawJwts.withEs256Signature(jwt, s, r))) {
            assertEquals("identity_invalid", rejected(verifier, bad).code());
        }
    }

    @Test
    void refusesATokenThatLivesLongerThanTheMaximumLifetime() throws Exception {
        JwtVerifier verifier = verifier();
        Instant now = Instant.now();
        Duration most = JwtShape.DEFAULT_MAX_LIFETIME.plus(JwtShape.MAX_LEEWAY);
        assertEquals("u", verifier.verify(EC_KEY.jwt("u").sign()).claims().get("sub"), "Vendo's hour");
        assertEquals("u", verifier.verify(EC_KEY.jwt("u").expiresAt(now.plus(most)).issuedAt(now)
                .sign()).claims().get("sub"), "the maximum plus the leeway");
        assertEquals("u", verifier.verify(EC_KEY.jwt("u").expiresAt(now.plusSeconds(1800)).claim("iat", null)
                .sign()).claims().get("sub"), "without iat, half an hour left");
        Instant nextYear = now.plus(Duration.ofDays(365));
        List<String> tooLong = List.of(
                EC_KEY.jwt("u").expiresAt(now.plus(most).plusSeconds(5)).issuedAt(now).sign(),
                EC_KEY.jwt("u").expiresAt(now.plus(Duration.ofDays(1))).issuedAt(now).sign(),
                EC_KEY.jwt("u").expiresAt(now.plusSeconds(1800)).issuedAt(now.minus(Duration.ofDays(10))).sign(),
                EC_KEY.jwt("u").expiresAt(now.plus(Duration.ofHours(2))).claim("iat", null).sign(),
                EC_KEY.jwt("u").claim("exp", 30_000_000_000_000_000L).sign(),
                EC_KEY.jwt("u").claim("exp", 10_000_000_000_000_000L).claim("iat", null).sign(),
                EC_KEY.jwt("u").expiresAt(nextYear.plusSeconds(3600)).issuedAt(nextYear).sign(),
                EC_KEY.jwt("u").signedWith(RSA_KEY).expiresAt(now.plus(Duration.ofHours(2)))
                        .issuedAt(now).sign());
        for (String jwt : tooLong) {
            VerificationFailure failure = rejected(verifier, jwt);
            assertEquals(401, failure.status());
            assertEquals("identity_invalid", failure.code());
            assertTrue(failure.getMessage().contains("minutes"), failure.getMessage());
        }
    }

    @Test
    void theMaximumLifetimeIsConfigurable() throws Exception {
        Instant now = Instant.now();
        String twoHours = EC_KEY.jwt("u").expiresAt(now.plus(Duration.ofHours(2))).issuedAt(now).sign();
        assertEquals("identity_invalid", rejected(verifier(), twoHours).code());
        JwtVerifier longer = new JwtVerifier(TestSettings.verifier(jwks.url(),
                "vendo.jwt.max-lifetime", "3h"));
        assertEquals("u", longer.verify(twoHours).claims().get("sub"));
    }

    @Test
    void aRememberedTokenIsRefusedOnceARefetchFoundItsKeyGone() throws Exception {
        JwtVerifier verifier = verifier();
        String jwt = EC_KEY.jwt("u").sign();
        verifier.verify(jwt);
        verifier.verify(jwt);
        assertEquals(1, verifier.signatureChecks());
        JwtKey rotated = JwtKey.ec("ec-2");
        jwks.serve(rotated, RSA_KEY); // ec-1 left the key set
        assertEquals("v", verifier.verify(EC_KEY.jwt("v").signedWith(rotated).sign()).claims().get("sub"));
        assertEquals(2, jwks.calls(), "the unknown kid made one refetch, which replaced the keys");
        VerificationFailure failure = rejected(verifier, jwt);
        assertEquals("identity_invalid", failure.code());
        assertTrue(failure.getMessage().contains("unknown key"), failure.getMessage());
        assertEquals("v", verifier.verify(EC_KEY.jwt("v").signedWith(rotated).sign()).claims().get("sub"));
    }

    @Test
    void aRememberedTokenIsCheckedAgainWhenTheHourlyRefreshReplacedTheKeys() throws Exception {
        MutableClock clock = MutableClock.ofNow();
        VerifierSettings settings = TestSettings.verifier(jwks.url());
        JwtVerifier verifier = new JwtVerifier(settings,
                new HttpJwksFetcher(settings.connectTimeout(), settings.readTimeout()), clock);
        String jwt = EC_KEY.jwt("u").sign();
        // Valid past the refresh by this verifier's clock, which then runs an hour ahead of the system's.
        String rsa = EC_KEY.jwt("w").signedWith(RSA_KEY)
                .expiresAt(Instant.now().plus(Duration.ofMinutes(65))).issuedAt(Instant.now()).sign();
        verifier.verify(jwt);
        verifier.verify(rsa);
        jwks.serve(JwtKey.ec("ec-2"), RSA_KEY); // ec-1 left the key set
        clock.advance(Duration.ofMinutes(59));
        verifier.verify(jwt);
        assertEquals(1, jwks.calls(), "no refresh before the hour");
        assertEquals(2, verifier.signatureChecks());
        clock.advance(Duration.ofMinutes(2));
        assertTrue(rejected(verifier, jwt).getMessage().contains("unknown key"));
        assertTrue(jwks.calls() >= 2, "the refresh fetched the new key set");
        long checks = verifier.signatureChecks();
        assertEquals("w", verifier.verify(rsa).claims().get("sub"), "a token whose key stayed is still accepted");
        assertEquals(checks + 1, verifier.signatureChecks(), "after being checked once more");
        verifier.verify(rsa);
        assertEquals(checks + 1, verifier.signatureChecks());
    }

    @Test
    void aRefetchThatFindsTheSameKeysKeepsRememberedTokens() throws Exception {
        JwtVerifier verifier = verifier();
        String jwt = EC_KEY.jwt("u").sign();
        verifier.verify(jwt);
        rejected(verifier, EC_KEY.jwt("u").signedWith(JwtKey.ec("made-up")).sign());
        assertEquals(2, jwks.calls(), "the unknown kid made one refetch, which found the same keys");
        verifier.verify(jwt);
        assertEquals(1, verifier.signatureChecks(), "the remembered token was not checked again");
    }
}
