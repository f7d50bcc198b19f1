package run.vendo.sample.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** What the launcher prints once the application answers: its URLs and ready-to-paste curl lines. */
final class Banner {

    /** Stands in for the JWT when the launcher runs without the emulator and cannot mint one. */
    static final String JWT_PLACEHOLDER = "$VENDO_USER_JWT";

    private Banner() {
    }

    /**
     * What the banner shows.
     *
     * @param appUrl the application's JAX-RS root, e.g. {@code http://127.0.0.1:8080/vendo-sample/api}
     * @param emulatorUrl the emulator's base URL, or null without the emulator
     * @param apiKey the emulator's API key, or null
     * @param user the user the JWT was minted for, or null
     * @param jwt a user JWT, or null without the emulator
     * @param wildflyHome the server
     * @param serverLog WildFly's server.log
     * @param consoleLog WildFly's console output
     * @param startup how long the start took
     */
    record Info(String appUrl, String emulatorUrl, String apiKey, String user, String jwt, Path wildflyHome,
            Path serverLog, Path consoleLog, Duration startup) {

        boolean emulator() {
            return emulatorUrl != null;
        }

        /** The JWT as it goes into a double-quoted shell string. */
        String jwtInShell() {
            return jwt != null ? jwt : JWT_PLACEHOLDER;
        }
    }

    static String curlCalendar(Info info) {
        return "curl -sS -H \"X-Vendo-User-JWT: " + info.jwtInShell() + "\" " + info.appUrl() + "/calendar";
    }

    static String curlMe(Info info) {
        return "curl -sS -H \"X-Vendo-User-JWT: " + info.jwtInShell() + "\" " + info.appUrl() + "/me";
    }

    static String curlJob(Info info) {
        return "curl -sS -X POST -H \"Content-Type: application/json\" -d \"{\\\"jwt\\\":\\\"" + info.jwtInShell()
                + "\\\",\\\"slug\\\":\\\"openai\\\"}\" " + info.appUrl() + "/jobs";
    }

    static String curlDeployment(Info info) {
        return "curl -sS " + info.appUrl() + "/deployment/token/notion";
    }

    static String curlPing(Info info) {
        return "curl -sS " + info.appUrl() + "/ping";
    }

    static String curlAnonymous(Info info) {
        return "curl -sS -i " + info.appUrl() + "/calendar";
    }

    static void print(Info info, PrintStream out) {
        out.println();
        out.println("Vendo sample is running (started in "
                + String.format(Locale.ROOT, "%.1f", info.startup().toMillis() / 1000.0) + " s).");
        out.println();
        out.println("  Application:  " + info.appUrl());
        out.println("  WildFly:      " + info.wildflyHome());
        out.println("                log " + info.serverLog() + ", console " + info.consoleLog());
        if (info.emulator()) {
            out.println("  Vendo:        emulator on " + info.emulatorUrl() + " (API key " + info.apiKey()
                    + "; google, notion, openai and slack connected for everyone)");
            out.println();
            out.println("User JWT for " + info.user() + " (valid 1 hour; restart for a new one):");
            out.println();
            out.println(info.jwt());
        } else {
            out.println("  Vendo:        from your VENDO_* environment");
            out.println();
            out.println("Set VENDO_USER_JWT to a user's identity token first: export VENDO_USER_JWT=eyJ...");
        }
        out.println();
        out.println("The user's Google token (GET /api/calendar, @VendoUser Vendo):");
        out.println(curlCalendar(info));
        out.println();
        out.println("A background job for that user (POST /api/jobs, Vendo.forUser(jwt) on a managed executor):");
        out.println(curlJob(info));
        out.println();
        out.println("Who am I (GET /api/me, VendoUserContext):");
        out.println(curlMe(info));
        out.println();
        out.println("The deployment's own token (GET /api/deployment/token/{slug}):");
        out.println(curlDeployment(info));
        out.println();
        out.println("No identity header: 401 identity_not_present");
        out.println(curlAnonymous(info));
        out.println();
        out.println("Baseline (GET /api/ping):");
        out.println(curlPing(info));
        out.println();
        out.println("Press Ctrl-C to stop WildFly" + (info.emulator() ? " and the emulator." : "."));
        out.flush();
    }
}
