package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after the servers have stopped (its own failsafe execution, after the server runs): every
 * credential the integration tests used, as written down by {@link SecretLedger} (the emulators'
 * API keys, the access tokens they served, the signature part of every user JWT, webhook secrets),
 * must be absent from the server logs: WildFly's {@code target/wildfly-base/log/} (WildFly Preview's
 * {@code target/wildfly-preview-base/log/}), Liberty's {@code target/liberty-usr/servers/vendo-it/logs/}
 * with its FFDC reports, and the server consoles and reports under {@code target/failsafe-reports/<server>/}.
 * Not an {@code *IT}: the server runs skip it.
 */
class ServerLogSecretsCheck {

    private static final int PREFIX = 20;

    /** Every server execution of the pom, each with its {@code it.<server>.skip} property. */
    private static final List<String> SERVERS = List.of("wildfly", "payara", "liberty", "wildfly-preview", "payara7");

    @Test
    void noCredentialAppearsInAnyServerLog() throws IOException {
        Path target = Path.of(System.getProperty("it.target", "target"));
        Path ledgers = Path.of(System.getProperty("it.secrets.dir", target.resolve("it-secrets").toString()));
        Map<String, List<Path>> logsByServer = new LinkedHashMap<>();
        for (String server : SERVERS) {
            if (Boolean.getBoolean("it." + server + ".skip")) {
                continue;
            }
            List<Path> logs = new ArrayList<>();
            if (server.startsWith("wildfly")) {
                logs.addAll(files(target.resolve(server + "-base/log"), ".log"));
            }
            if (server.equals("liberty")) {
                Path liberty = Path.of(System.getProperty("it.liberty.logs",
                        target.resolve("liberty-usr/servers/vendo-it/logs").toString()));
                logs.addAll(files(liberty, ".log"));
                logs.addAll(files(liberty.resolve("ffdc"), ".log"));
            }
            logs.addAll(files(target.resolve("failsafe-reports/" + server), ".txt"));
            logs.addAll(files(target.resolve("failsafe-reports/" + server), ".xml"));
            logsByServer.put(server, logs);
        }
        java.util.Set<String> leaks = new java.util.LinkedHashSet<>();
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, List<Path>> server : logsByServer.entrySet()) {
            Map<String, String> secrets = new HashMap<>();
            List<Path> ledgerFiles = files(ledgers.resolve(server.getKey()), ".txt");
            for (Path ledger : ledgerFiles) {
                for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0 && line.length() - tab - 1 >= PREFIX) {
                        secrets.put(line.substring(tab + 1), line.substring(0, tab) + " of " + ledger.getFileName());
                    }
                }
            }
            if (ledgerFiles.isEmpty()) {
                // A run of selected classes (-Dit.test=...) that wrote no ledger: nothing to look for.
                report.append(" ").append(server.getKey()).append(": no secret ledger;");
                continue;
            }
            assertFalse(server.getValue().isEmpty(), server.getKey() + ": no log to scan");
            Map<String, List<String>> byPrefix = new HashMap<>();
            secrets.keySet().forEach(s -> byPrefix.computeIfAbsent(s.substring(0, PREFIX),
                    k -> new ArrayList<>()).add(s));
            long bytes = 0;
            for (Path log : server.getValue()) {
                String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                bytes += text.length();
                for (int i = 0; i + PREFIX <= text.length(); i++) {
                    List<String> candidates = byPrefix.get(text.substring(i, i + PREFIX));
                    if (candidates != null) {
                        for (String secret : candidates) {
                            if (text.startsWith(secret, i)) {
                                leaks.add(secrets.get(secret) + " in " + log.getFileName());
                            }
                        }
                    }
                }
            }
            report.append(String.format(" %s: %d logs (%d KiB) against %d secrets from %d test classes;",
                    server.getKey(), server.getValue().size(), bytes / 1024, secrets.size(), ledgerFiles.size()));
        }
        System.out.println("server logs:" + report + " " + leaks.size() + " found");
        assertEquals(List.of(), List.copyOf(leaks));
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
