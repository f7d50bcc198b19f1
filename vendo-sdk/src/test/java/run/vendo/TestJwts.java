package run.vendo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

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
}
