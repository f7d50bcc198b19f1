package run.vendo.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import run.vendo.testing.JwtKey;
import run.vendo.testing.RawJwts;

class JwtShapeTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void everySpellingWithUnusedBitsSetIsRefusedInEverySegment() {
        // Segment lengths 4k + 2 and 4k + 3 in turn: the header's JSON grows by one character each time.
        for (int pad = 0; pad < 8; pad++) {
            String jwt = RawJwts.of("{\"alg\":\"ES256\",\"x\":\"" + "p".repeat(pad) + "\"}",
                    "{\"exp\":1,\"y\":\"" + "q".repeat(7 - pad) + "\"}");
            assertNull(JwtShape.problem(jwt), "the canonical spelling is fine");
            String[] s = jwt.split("\\.");
            for (int segment = 0; segment < 3; segment++) {
                for (String spelling : RawJwts.unusedBitsSpellings(s[segment])) {
                    String[] t = s.clone();
                    t[segment] = spelling;
                    String other = String.join(".", t);
                    assertTrue(Arrays.equals(Base64.getUrlDecoder().decode(s[segment]),
                            Base64.getUrlDecoder().decode(spelling)), "decoders read the same bytes");
                    String problem = JwtShape.problem(other);
                    assertNotNull(problem, other);
                    assertTrue(problem.contains("canonical"), problem);
                }
            }
        }
    }

    @Test
    void aSegmentOfFourKPlusOneCharactersIsRefused() {
        String[] s = RawJwts.expiringAt("alice", Instant.parse("2026-05-20T13:00:00Z")).split("\\.");
        for (int segment = 0; segment < 3; segment++) {
            String[] t = s.clone();
            while (t[segment].length() % 4 != 1) {
                t[segment] = t[segment] + "A";
            }
            String problem = JwtShape.problem(String.join(".", t));
            assertNotNull(problem);
            assertTrue(problem.contains("length"), problem);
        }
        assertNotNull(JwtShape.problem("a.bA.cccc"));
        assertNull(JwtShape.problem("aaaa.bA.cccc"));
    }

    @Test
    void bothEcdsaSpellingsVerifyAndShareOneLowSSpelling() throws GeneralSecurityException {
        JwtKey key = JwtKey.ec("k1");
        PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.publicKeyBytes()));
        int high = 0;
        for (int i = 0; i < 24; i++) {
            String jwt = RawJwts.signed(key, "{\"alg\":\"ES256\"}", "{\"exp\":1}");
            String twin = RawJwts.es256Twin(jwt);
            assertTrue(verifies(publicKey, twin), "(r, n - s) verifies as well as (r, s)");
            String lowS = JwtShape.lowS(jwt);
            assertEquals(lowS, JwtShape.lowS(twin), "one spelling for both");
            assertTrue(!RawJwts.isHighS(lowS) && verifies(publicKey, lowS));
            assertNull(JwtShape.problem(twin), "the twin is canonical base64url");
            if (RawJwts.isHighS(jwt)) {
                high++;
                assertEquals(twin, lowS);
            } else {
                assertSame(jwt, lowS, "a low-s token is its own spelling");
            }
        }
        assertTrue(high > 0 && high < 24, "signers do not normalise s: " + high + " of 24 were high-s");
    }

    @Test
    void lowSLeavesEverythingElseAlone() {
        String input = RawJwts.base64Url("{\"alg\":\"ES256\"}") + "." + RawJwts.base64Url("{\"exp\":1}") + ".";
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        byte[] zero = new byte[64];
        byte[] rsa = new byte[256];
        Arrays.fill(rsa, (byte) 0xff);
        for (byte[] signature : List.of(ones, zero, rsa, new byte[3])) {
            String jwt = input + B64.encodeToString(signature);
            assertSame(jwt, JwtShape.lowS(jwt));
        }
    }

    @Test
    void aLifetimeIsExpMinusIatAndExpMinusNowAtMostTheMaximumPlusTheLeeway() {
        Instant now = Instant.parse("2026-05-20T12:00:00Z");
        Duration max = JwtShape.DEFAULT_MAX_LIFETIME;
        Duration leeway = JwtShape.MAX_LEEWAY;
        Instant edge = now.plus(max).plus(leeway);
        assertEquals(Duration.ofMinutes(65), max);
        assertNull(JwtShape.lifetimeProblem(now.plusSeconds(3600), now, now, max, leeway), "Vendo's hour");
        assertNull(JwtShape.lifetimeProblem(edge, now, now, max, leeway));
        assertNotNull(JwtShape.lifetimeProblem(edge.plusSeconds(1), now, now, max, leeway));
        assertNotNull(JwtShape.lifetimeProblem(now.plusSeconds(1800), now.minus(Duration.ofDays(1)), now, max, leeway),
                "issued a day ago, whatever is left");
        assertNull(JwtShape.lifetimeProblem(edge, null, now, max, leeway), "without iat: exp - now");
        assertNotNull(JwtShape.lifetimeProblem(edge.plusSeconds(1), null, now, max, leeway));
        Instant later = now.plus(Duration.ofDays(365));
        assertNotNull(JwtShape.lifetimeProblem(later.plusSeconds(3600), later, now, max, leeway),
                "an hour's token issued a year from now");
        assertNotNull(JwtShape.lifetimeProblem(Instant.ofEpochSecond(30_000_000_000_000_000L), now, now, max,
                leeway));
        assertNull(JwtShape.lifetimeProblem(now.plus(Duration.ofHours(2)), now, now, Duration.ofHours(3), leeway),
                "a longer maximum accepts longer tokens");
    }

    private static boolean verifies(PublicKey key, String jwt) throws GeneralSecurityException {
        int dot = jwt.lastIndexOf('.');
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
    }
}
