package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import run.vendo.errors.AuthError;
import run.vendo.testing.RawJwts;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * One identity token, one identity: the spellings of a valid token that base64url decoders accept
 * (unused bits set) are refused before Vendo is asked, and the two ECDSA spellings of one ES256
 * signature, {@code (r, s)} and {@code (r, n - s)}, both valid, are one identity in the cache.
 */
class TokenSpellingsTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo);

    @Test
    void aValidTokenWithTheUnusedBitsOfItsSignatureSetIsRefusedAndVendoIsNeverAsked() {
        VendoEmulator emulator = vendo.emulator();
        String google = emulator.user("alice").connect("google");
        for (String jwt : List.of(emulator.mintUserJwt("alice"), emulator.jwt("alice").rs256().sign())) {
            List<String> spellings = RawJwts.unusedBitsSpellings(jwt);
            assertEquals(15, spellings.size(), "ES256 and RS256 signatures end with 4 unused bits");
            try (Vendo root = EmulatorClients.client(emulator)) {
                for (String spelling : spellings) {
                    AuthError byUser = assertThrows(AuthError.class, () -> root.forUser(spelling).token("google"));
                    assertEquals("identity_invalid", byUser.code());
                    AuthError byRequest = assertThrows(AuthError.class,
                            () -> root.forRequest(Map.of(VendoHeaders.USER_JWT, spelling)).token("google"));
                    assertEquals("identity_invalid", byRequest.code());
                }
                assertEquals(0, emulator.calls(), "Vendo is never asked");
                assertEquals(google, root.forUser(jwt).token("google"), "the canonical spelling is served");
            }
            emulator.reset();
        }
    }

    @Test
    void bothEcdsaSpellingsOfOneTokenAreOneIdentity(Vendo root) {
        VendoEmulator emulator = vendo.emulator();
        String google = emulator.user("bob").connect("google");
        String jwt = emulator.mintUserJwt("bob");
        String twin = RawJwts.es256Twin(jwt);
        assertNotEquals(jwt, twin);
        // Whichever spelling comes first, high-s or low-s, the other one is a cache hit.
        assertEquals(google, root.forUser(RawJwts.isHighS(jwt) ? jwt : twin).token("google"));
        assertEquals(google, root.forUser(RawJwts.isHighS(jwt) ? twin : jwt).token("google"));
        assertEquals(google, root.forRequest(Map.of(VendoHeaders.USER_JWT, twin)).token("google"));
        assertEquals(1, emulator.tokenCalls("bob", "google"), "one upstream call for the two spellings");
    }
}
