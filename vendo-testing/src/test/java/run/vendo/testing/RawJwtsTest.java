package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens spelled by hand. */
class RawJwtsTest {

    private static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    @Test
    void aShapedTokenCarriesExactlyItsHeaderAndPayload() {
        String[] parts = RawJwts.of("{\"alg\":\"none\"}", "not json").split("\\.");
        assertEquals(3, parts.length);
        assertEquals("{\"alg\":\"none\"}", decode(parts[0]));
        assertEquals("not json", decode(parts[1]));
        String expiring = RawJwts.expiringAt("alice", Instant.ofEpochSecond(42));
        assertEquals("{\"sub\":\"alice\",\"exp\":42}", decode(expiring.split("\\.")[1]));
    }

    @Test
    void aSignedTokenVerifiesOverTheTextAsWritten() throws Exception {
        JwtKey key = JwtKey.ec("k1");
        String jwt = RawJwts.signed(key, "{\"sub\":\"a\",\"n\":1e999}");
        assertEquals("{\"alg\":\"ES256\",\"kid\":\"k1\"}", decode(jwt.split("\\.")[0]));
        assertEquals("{\"sub\":\"a\",\"n\":1e999}", decode(jwt.split("\\.")[1]));
        assertTrue(SignedJWT.parse(jwt).verify(new ECDSAVerifier(key.jwk().toECKey())));
    }

    @Test
    void theTwinOfAnEs256TokenVerifiesAndExactlyOneOfThePairHasAHighS() throws Exception {
        JwtKey key = JwtKey.ec("k1");
        String jwt = key.jwt("u").sign();
        String twin = RawJwts.es256Twin(jwt);
        assertNotEquals(jwt, twin);
        assertEquals(jwt, RawJwts.es256Twin(twin));
        assertTrue(SignedJWT.parse(twin).verify(new ECDSAVerifier(key.jwk().toECKey())));
        assertNotEquals(RawJwts.isHighS(jwt), RawJwts.isHighS(twin));
    }

    @Test
    void aSignatureIsWrittenAsTwo32ByteNumbers() {
        String jwt = JwtKey.ec("k1").jwt("u").sign();
        BigInteger[] rs = RawJwts.es256Signature(jwt);
        String swapped = RawJwts.withEs256Signature(jwt, rs[1], rs[0]);
        assertArrayEquals(new BigInteger[] {rs[1], rs[0]}, RawJwts.es256Signature(swapped));
        String zero = RawJwts.withEs256Signature(jwt, BigInteger.ZERO, BigInteger.ZERO);
        assertEquals(64, Base64.getUrlDecoder().decode(zero.substring(zero.lastIndexOf('.') + 1)).length);
        assertThrows(IllegalArgumentException.class,
                () -> RawJwts.withEs256Signature(jwt, BigInteger.ONE.shiftLeft(256), BigInteger.ONE));
    }

    @Test
    void unusedBitsSpellingsDecodeToTheSameBytes() {
        String jwt = JwtKey.ec("k1").jwt("u").sign(); // a 64-byte signature: 86 characters, 4 unused bits
        List<String> spellings = RawJwts.unusedBitsSpellings(jwt);
        assertEquals(15, spellings.size());
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1));
        for (String spelling : spellings) {
            assertNotEquals(jwt, spelling);
            String last = spelling.substring(spelling.lastIndexOf('.') + 1);
            assertArrayEquals(signature, Base64.getUrlDecoder().decode(last));
        }
        assertEquals(3, RawJwts.unusedBitsSpellings("abc").size(), "a segment of 4k + 3 characters: 2 bits");
        assertEquals(List.of(), RawJwts.unusedBitsSpellings("abcd"));
    }
}
