package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Minting user JWTs and verifying the X-Vendo-User-JWT header. */
class UserJwtTest {

    static final Instant START = Instant.parse("2026-05-20T12:00:00Z");
    static final MutableClock CLOCK = new MutableClock(START);
    static VendoEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = VendoEmulator.builder().clock(CLOCK).start();
        emulator.user("alice").connect("google");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        CLOCK.set(START);
        emulator.reset();
    }

    private static HttpResponse<String> lookup(String jwt) {
        return TestHttp.getAs(emulator, "/credentials/google", jwt);
    }

    private static void assertRejected(String expectedCode, String jwt) {
        int lookupsBefore = emulator.tokenCalls("alice", "google");
        HttpResponse<String> r = lookup(jwt);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(expectedCode, r.headers().firstValue("Vendo-Error-Code").orElseThrow());
        assertEquals(expectedCode, TestHttp.errorCode(r));
        assertFalse(r.body().contains(jwt), "the token is never echoed");
        assertEquals(lookupsBefore, emulator.tokenCalls("alice", "google"), "no lookup for a rejected token");
        assertNull(emulator.requests().get(emulator.requests().size() - 1).identity());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mintedTokensHaveTheDocumentedClaimsAndVerifyAgainstTheServedJwks() throws Exception {
        String jwt = emulator.mintUserJwt("alice");
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertEquals(JWSAlgorithm.ES256, parsed.getHeader().getAlgorithm());
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        assertEquals(emulator.issuer(), claims.getIssuer());
        assertEquals(emulator.baseUrl() + "/auth/v1", claims.getIssuer());
        assertEquals(List.of(VendoEmulator.AUDIENCE), claims.getAudience());
        assertEquals("alice", claims.getSubject());
        assertEquals(START, claims.getIssueTime().toInstant());
        assertEquals(START.plus(Duration.ofHours(1)), claims.getExpirationTime().toInstant());
        assertEquals("alice@example.test", claims.getStringClaim("email"));
        assertTrue(claims.getStringClaim("name").contains("alice"));

        HttpResponse<String> jwksResponse = TestHttp.send(HttpRequest.newBuilder(URI.create(emulator.jwksUrl())));
        JWKSet jwks = JWKSet.parse(jwksResponse.body());
        assertEquals(2, jwks.getKeys().size());
        assertTrue(jwks.getKeys().stream().noneMatch(k -> k.isPrivate()), "public keys only");
        ECKey ec = (ECKey) jwks.getKeyByKeyId(parsed.getHeader().getKeyID());
        assertTrue(parsed.verify(new ECDSAVerifier(ec)));

        SignedJWT rs = SignedJWT.parse(emulator.jwt("alice").rs256().sign());
        assertEquals(JWSAlgorithm.RS256, rs.getHeader().getAlgorithm());
        assertNotEquals(parsed.getHeader().getKeyID(), rs.getHeader().getKeyID());
        RSAKey rsa = (RSAKey) jwks.getKeyByKeyId(rs.getHeader().getKeyID());
        assertTrue(rs.verify(new RSASSAVerifier(rsa)));
        assertEquals(2048, rsa.size());
    }

    @Test
    void validEs256AndRs256TokensActAsTheirSubject() {
        String token = emulator.user("alice").token("google");
        HttpResponse<String> es = lookup(emulator.mintUserJwt("alice"));
        assertEquals(200, es.statusCode());
        assertEquals(token, TestHttp.json(es).getString("access_token"));
        HttpResponse<String> rs = lookup(emulator.jwt("alice").rs256().sign());
        assertEquals(200, rs.statusCode());
        assertEquals(token, TestHttp.json(rs).getString("access_token"));
        assertEquals(2, emulator.tokenCalls("alice", "google"));
        assertEquals("alice", emulator.requests().get(0).identity());
    }

    @Test
    void anExpiredTokenIsIdentityExpiredOnTheEmulatorsClock() {
        String jwt = emulator.mintUserJwt("alice");
        assertEquals(200, lookup(jwt).statusCode());
        CLOCK.advance(Duration.ofHours(1));
        assertRejected("identity_expired", jwt);
        assertRejected("identity_expired", emulator.jwt("alice").expiresIn(Duration.ofSeconds(-1)).sign());
    }

    @Test
    void aTokenSignedByAnotherKeyIsInvalid() {
        assertRejected("identity_invalid", emulator.jwt("alice").signedByUnknownKey().sign());
        assertRejected("identity_invalid", emulator.jwt("alice").rs256().signedByUnknownKey().sign());
        try (VendoEmulator other = VendoEmulator.builder().clock(CLOCK).start()) {
            assertRejected("identity_invalid", other.jwt("alice").issuer(emulator.issuer()).sign());
        }
        assertRejected("identity_invalid", emulator.jwt("alice").kid("no-such-kid").sign());
    }

    @Test
    void aWrongIssuerIsInvalid() {
        assertRejected("identity_invalid", emulator.jwt("alice").issuer("https://evil.example/auth/v1").sign());
        assertRejected("identity_invalid", emulator.jwt("alice").issuer(null).sign());
    }

    @Test
    void aTokenForAnotherAudienceOrWithANonStringSubIsInvalid() {
        assertRejected("identity_invalid", emulator.jwt("alice").audience("someone-else").sign());
        assertRejected("identity_invalid", emulator.jwt("alice").audience().sign());
        assertRejected("identity_invalid", emulator.jwt("alice").claim("sub", 42).sign());
        assertRejected("identity_invalid", emulator.jwt("alice").claim("sub", "  ").sign());
    }

    @Test
    void algNoneAndUnsignedTokensAreInvalid() {
        assertRejected("identity_invalid", emulator.jwt("alice").unsigned());
        String payload = b64("{\"sub\":\"alice\",\"iss\":\"" + emulator.issuer() + "\",\"exp\":"
                + START.plusSeconds(3600).getEpochSecond() + "}");
        assertRejected("identity_invalid", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
        // a valid signature moved under alg HS256 is not accepted either
        String[] parts = emulator.mintUserJwt("alice").split("\\.");
        assertRejected("identity_invalid", b64("{\"alg\":\"HS256\"}") + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void missingExpFutureNbfOrMissingSubAreInvalid() {
        assertRejected("identity_invalid", emulator.jwt("alice").withoutExpiry().sign());
        assertRejected("identity_invalid", emulator.jwt("alice").notBefore(START.plusSeconds(120)).sign());
        assertRejected("identity_invalid", emulator.jwt("alice").claim("sub", null).sign());
        assertEquals(200, lookup(emulator.jwt("alice").notBefore(START.minusSeconds(1)).sign()).statusCode());
    }

    @Test
    void garbageTamperedAndOversizedTokensAreInvalidNever500() {
        String jwt = emulator.mintUserJwt("alice");
        String[] parts = jwt.split("\\.");
        String tamperedPayload = b64("{\"sub\":\"mallory\",\"iss\":\"" + emulator.issuer() + "\",\"exp\":"
                + START.plusSeconds(3600).getEpochSecond() + "}");
        for (String bad : List.of("garbage", "a.b.c", "...", parts[0] + "." + tamperedPayload + "." + parts[2],
                jwt.substring(0, jwt.length() - 4), "x".repeat(20_000))) {
            assertRejected("identity_invalid", bad);
        }
    }

    @Test
    void twoJwtHeadersAreInvalidEvenWhenEqual() {
        String jwt = emulator.mintUserJwt("alice");
        HttpResponse<String> r = TestHttp.send(TestHttp.authorized(emulator, "/credentials/google")
                .header("X-Vendo-User-JWT", jwt)
                .header("X-Vendo-User-JWT", jwt));
        assertEquals(401, r.statusCode());
        assertEquals("identity_invalid", TestHttp.errorCode(r));
        assertEquals(2, emulator.requests().get(0).headers("X-Vendo-User-JWT").size());
    }

    @Test
    void builderOptionsShapeTheClaims() throws Exception {
        Instant exp = START.plusSeconds(90);
        JWTClaimsSet claims = SignedJWT.parse(emulator.jwt("zoe")
                .expiresAt(exp)
                .issuedAt(START.minusSeconds(10))
                .audience("a", "b")
                .claim("tenant", "t-1")
                .claim("email", null)
                .sign()).getJWTClaimsSet();
        assertEquals(exp, claims.getExpirationTime().toInstant());
        assertEquals(START.minusSeconds(10), claims.getIssueTime().toInstant());
        assertEquals(List.of("a", "b"), claims.getAudience());
        assertEquals("t-1", claims.getStringClaim("tenant"));
        assertNull(claims.getClaim("email"));
        assertEquals("custom-kid", SignedJWT.parse(emulator.jwt("zoe").kid("custom-kid").sign())
                .getHeader().getKeyID());
    }
}
