package run.vendo;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Identity tokens with the shape the core checks. The core does not verify signatures, so these
 * carry a random-looking signature segment; signed tokens come from the emulator.
 */
public final class TestJwts {

    private TestJwts() {}

    public static String withExp(String subject, Instant exp) {
        return jwt("{\"alg\":\"ES256\",\"typ\":\"JWT\"}",
                "{\"sub\":\"" + subject + "\",\"exp\":" + exp.getEpochSecond() + "}");
    }

    public static String jwt(String headerJson, String payloadJson) {
        return b64(headerJson) + "." + b64(payloadJson) + ".c2lnbmF0dXJlLW9mLXRoZS10ZXN0LXRva2Vu";
    }

    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The order n of the P-256 group. */
    public static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** The other ECDSA spelling of an ES256 token: its signature {@code (r, s)} as {@code (r, n - s)}. */
    public static String es256Twin(String jwt) {
        int dot = jwt.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(dot + 1));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] twin = P256_ORDER.subtract(s).toByteArray();
        Arrays.fill(signature, 32, 64, (byte) 0);
        int copy = Math.min(twin.length, 32);
        System.arraycopy(twin, twin.length - copy, signature, 64 - copy, copy);
        return jwt.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** Whether the {@code s} of an ES256 token's signature is above n / 2. */
    public static boolean highS(String jwt) {
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1));
        return new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)).compareTo(P256_ORDER.shiftRight(1)) > 0;
    }

    /**
     * Every other spelling of a token whose last segment has unused bits (4 for a segment of 4k + 2
     * characters, 2 for 4k + 3): the last character with some of them set. The decoded bytes are
     * the same.
     */
    public static List<String> unusedBitsSpellings(String jwt) {
        int bits = jwt.length() - jwt.lastIndexOf('.') - 1;
        int mask = bits % 4 == 2 ? 0x0f : bits % 4 == 3 ? 0x03 : 0;
        int last = ALPHABET.indexOf(jwt.charAt(jwt.length() - 1));
        List<String> spellings = new ArrayList<>();
        for (int set = 1; set <= mask; set++) {
            spellings.add(jwt.substring(0, jwt.length() - 1) + ALPHABET.charAt(last | set));
        }
        return spellings;
    }
}
