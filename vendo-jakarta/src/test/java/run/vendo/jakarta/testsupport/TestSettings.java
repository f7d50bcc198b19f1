package run.vendo.jakarta.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import run.vendo.jakarta.internal.config.VendoSettings;
import run.vendo.jakarta.internal.jwt.VerifierSettings;

/** Verifier settings made the way a deployment makes them: from configuration keys, with its defaults. */
public final class TestSettings {

    private TestSettings() {}

    /**
     * Settings that verify against a JWKS URL.
     *
     * @param jwksUrl the key set's URL
     * @param keyValuePairs more configuration keys and values, for example {@code "vendo.jwt.issuer", "…"}
     */
    public static VerifierSettings verifier(String jwksUrl, String... keyValuePairs) {
        Map<String, String> config = new HashMap<>();
        config.put(VendoSettings.JWKS_URL, jwksUrl);
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            config.put(keyValuePairs[i], keyValuePairs[i + 1]);
        }
        return VendoSettings.from(key -> Optional.ofNullable(config.get(key))).verifierSettings().orElseThrow();
    }
}
