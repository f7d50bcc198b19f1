package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Keys a test owns: tokens they sign, and the JWKS endpoint that publishes them. */
class OwnKeysTest {

    private static HttpResponse<String> fetch(String url) throws Exception {
        return TestHttp.newClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean verifies(String jwt, JWKSet published) throws Exception {
        SignedJWT parsed = SignedJWT.parse(jwt);
        JWK key = published.getKeyByKeyId(parsed.getHeader().getKeyID());
        JWSVerifier verifier = key.getKeyType().getValue().equals("EC")
                ? new ECDSAVerifier(key.toECKey()) : new RSASSAVerifier(key.toRSAKey());
        return parsed.verify(verifier);
    }

    @Test
    void theServerPublishesTheKeysItIsGivenAndCountsItsCalls() throws Exception {
        JwtKey ec = JwtKey.ec("ec-1");
        JwtKey rsa = JwtKey.rsa("rsa-1");
        try (JwksServer jwks = JwksServer.start()) {
            assertEquals("{\"keys\":[]}", fetch(jwks.url()).body());
            jwks.serve(ec, rsa);
            HttpResponse<String> answer = fetch(jwks.url());
            assertEquals(200, answer.statusCode());
            assertFalse(answer.body().contains("\"d\""), "no private parameter");
            JWKSet published = JWKSet.parse(answer.body());
            assertTrue(verifies(ec.jwt("alice").sign(), published));
            assertTrue(verifies(rsa.jwt("bob").sign(), published));
            assertFalse(verifies(ec.impostor().jwt("alice").sign(), published), "same kid, another key");

            jwks.serveRaw(500, "down");
            assertEquals(500, fetch(jwks.url()).statusCode());
            assertEquals(3, jwks.calls());
        }
    }

    @Test
    void aKeysBuilderHasNoIssuerAndSignsWithItsKey() throws Exception {
        JwtKey rsa = JwtKey.rsa("mine");
        SignedJWT jwt = SignedJWT.parse(rsa.jwt("carol").sign());
        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals("mine", jwt.getHeader().getKeyID());
        assertNull(jwt.getJWTClaimsSet().getIssuer());
        assertEquals("carol", jwt.getJWTClaimsSet().getSubject());
        assertThrows(IllegalStateException.class, () -> rsa.jwt("carol").es256(), "no emulator key to switch to");
    }

    @Test
    void anEmulatorBuilderSignsWithAnOwnKeyAndCanFallBackToTheEmulatorsKey() throws Exception {
        try (VendoEmulator emulator = VendoEmulator.start()) {
            JwtKey own = JwtKey.ec("own");
            SignedJWT signed = SignedJWT.parse(emulator.jwt("dave").signedWith(own).sign());
            assertEquals("own", signed.getHeader().getKeyID());
            assertEquals(emulator.issuer(), signed.getJWTClaimsSet().getIssuer());
            assertTrue(signed.verify(new ECDSAVerifier(own.jwk().toECKey())));
            String back = emulator.jwt("dave").signedWith(own).es256().sign();
            assertNotEquals("own", SignedJWT.parse(back).getHeader().getKeyID());
            emulator.user("dave").connect("google");
            assertEquals(200, TestHttp.getAs(emulator, "/credentials/google", back).statusCode());
            assertEquals(401, TestHttp.getAs(emulator, "/credentials/google", signed.serialize()).statusCode());
        }
    }

    @Test
    void hs256KeepsTheKidAndNullClaimsAreWrittenAsNull() throws Exception {
        JwtKey rsa = JwtKey.rsa("rsa-1");
        String jwt = rsa.jwt("u").hs256(rsa.publicKeyBytes()).nullClaim("nickname").claim("iat", null).sign();
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertEquals("HS256", parsed.getHeader().getAlgorithm().getName());
        assertEquals("rsa-1", parsed.getHeader().getKeyID());
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"nickname\":null"), payload);
        assertFalse(payload.contains("\"iat\""), "a claim set to null is left out: " + payload);
        assertTrue(payload.contains("\"exp\":"), payload);
    }

    @Test
    void toStringNamesTheKeyOnly() {
        JwtKey key = JwtKey.ec("k1");
        assertEquals("JwtKey[ES256, kid=k1]", key.toString());
    }
}
