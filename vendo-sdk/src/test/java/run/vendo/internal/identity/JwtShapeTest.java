package run.vendo.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import run.vendo.TestJwts;

class JwtShapeTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void everySpellingWithUnusedBitsSetIsRefusedInEverySegment() {
        // Segment lengths 4k + 2 and 4k + 3 in turn: the header's JSON grows by one character each time.
        for (int pad = 0; pad < 8; pad++) {
            String jwt = TestJwts.jwt("{\"alg\":\"ES256\",\"x\":\"" + "p".repeat(pad) + "\"}",
                    "{\"exp\":1,\"y\":\"" + "q".repeat(7 - pad) + "\"}");
            assertNull(JwtShape.problem(jwt), "the canonical spelling is fine");
            String[] s = jwt.split("\\.");
            for (int segment = 0; segment < 3; segment++) {
                for (String spelling : TestJwts.unusedBitsSpellings(s[segment])) {
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
        String[] s = TestJwts.withExp("alice", Instant.parse("2026-05-20T13:00:00Z")).split("\\.");
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
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        String input = TestJwts.b64("{\"alg\":\"ES256\"}") + "." + TestJwts.b64("{\"exp\":1}");
        int high = 0;
        for (int i = 0; i < 24; i++) {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            String jwt = input + "." + B64.encodeToString(signer.sign());
            String twin = TestJwts.es256Twin(jwt);
            assertTrue(verifies(key, twin), "(r, n - s) verifies as well as (r, s)");
            String lowS = JwtShape.lowS(jwt);
            assertEquals(lowS, JwtShape.lowS(twin), "one spelling for both");
            assertTrue(!TestJwts.highS(lowS) && verifies(key, lowS));
            assertNull(JwtShape.problem(twin), "the twin is canonical base64url");
            if (TestJwts.highS(jwt)) {
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
        String input = TestJwts.b64("{\"alg\":\"ES256\"}") + "." + TestJwts.b64("{\"exp\":1}") + ".";
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

    private static boolean verifies(KeyPair key, String jwt) throws GeneralSecurityException {
        int dot = jwt.lastIndexOf('.');
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key.getPublic());
        verifier.update(jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(jwt.substring(dot + 1)));
    }
}
