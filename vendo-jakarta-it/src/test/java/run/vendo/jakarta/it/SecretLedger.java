package run.vendo.jakarta.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.vendo.testing.EmulatedIdentity;
import run.vendo.testing.VendoEmulator;

/**
 * Writes down the credentials a test class used (the emulator's API key, every access token it
 * served, the signature part of every user JWT it saw or the test minted, and any other secret the
 * test names, such as a webhook secret) to {@code
 * target/it-secrets/<server>/<TestClass>.txt}, one {@code label<TAB>value} per line. After the
 * servers stop, {@code ServerLogSecretsCheck} looks for each of them in the server logs.
 */
final class SecretLedger {

    private SecretLedger() {
    }

    /** Call from {@code @AfterAll}, before the emulator closes. */
    static void record(Class<?> testClass, VendoEmulator emulator, Collection<String> mintedJwts) {
        record(testClass, emulator, mintedJwts, Map.of());
    }

    /**
     * Call from {@code @AfterAll}, before the emulator closes; {@code otherSecrets} maps more values
     * to look for (a webhook secret, a token the emulator no longer holds) to their labels.
     */
    static void record(Class<?> testClass, VendoEmulator emulator, Collection<String> mintedJwts,
            Map<String, String> otherSecrets) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(emulator.apiKey(), "api_key");
        List<EmulatedIdentity> identities = new ArrayList<>(emulator.users());
        identities.add(emulator.deployment());
        for (EmulatedIdentity identity : identities) {
            for (String slug : identity.slugs()) {
                secrets.putIfAbsent(identity.token(slug), "access_token");
            }
        }
        List<String> jwts = new ArrayList<>(mintedJwts);
        emulator.requests().forEach(r -> jwts.addAll(r.headers("X-Vendo-User-JWT")));
        for (String jwt : jwts) {
            String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
            // Real signatures only: ES256 and RS256 signatures are 86 and 342 base64url characters.
            if (signature.length() >= 40 && signature.matches("[A-Za-z0-9_-]+")) {
                secrets.putIfAbsent(signature, "jwt_signature");
            }
        }
        otherSecrets.forEach(secrets::putIfAbsent);
        StringBuilder text = new StringBuilder();
        secrets.forEach((value, label) -> text.append(label).append('\t').append(value).append('\n'));
        Path dir = Path.of(System.getProperty("it.secrets.dir", "target/it-secrets"),
                System.getProperty("it.server", "unknown"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(testClass.getSimpleName() + ".txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret ledger to " + dir, e);
        }
    }

    static void record(Class<?> testClass, VendoEmulator emulator) {
        record(testClass, emulator, List.of());
    }
}
