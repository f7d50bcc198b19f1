package run.vendo.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link VendoEmulator} from the command line for demos and manual testing:
 *
 * <pre>
 * java -jar vendo-testing-standalone.jar [--port N] [--api-key KEY] [--app-url URL ...] [--app-wait S]
 *     [--webhook-url URL --webhook-secret S]
 * </pre>
 *
 * <p>Defaults: port {@value VendoEmulator#DEFAULT_PORT} (0 picks a free one), a generated API key.
 * Connects {@code google}, {@code notion}, {@code openai} and {@code slack} for every identity,
 * prints the URLs, the API key, a shell {@code export} line of every variable of {@link
 * VendoEmulator#environment()} (the webhook secret is {@code --webhook-secret} when given), a user
 * JWT for {@code demo-user} and a ready-to-paste {@code curl}, then runs until interrupted (Ctrl-C).
 *
 * <p>With {@code --app-url} (an application that uses this emulator, e.g. one a build starts next to
 * it), it prints {@code curl} lines for the application's URLs instead, each carrying the user JWT,
 * once the first URL answers {@code 200} to a request with that JWT (at most {@code --app-wait}
 * seconds; 0: at once).
 *
 * <p>With {@code --webhook-url} and {@code --webhook-secret} (the application's webhook receiver and
 * its {@code VENDO_WEBHOOK_SECRET}), it also prints a shell line that posts a {@code
 * connection.connected} webhook there, signed with {@code openssl} when the line runs, so that it
 * never goes stale, with a new event id each time. Either way it prints a {@code curl} line for
 * {@code POST /_emulator/events} (see {@link VendoEmulator}), which emits an event on the event
 * stream to every application holding it open.
 */
public final class VendoEmulatorMain {

    /** The user the printed JWT is minted for. */
    static final String DEMO_USER = "demo-user";

    /** The claim that carries the demo user's roles, where an application may read its groups from. */
    static final String ROLES_CLAIM = "app_metadata.roles";

    /** The role the demo user's JWT grants. */
    static final String DEMO_ROLE = "owner";

    /** The body of the printed control request: an event for every open stream. */
    static final String DEMO_STREAM_EVENT = "{\"type\":\"connection.connected\",\"data\":{\"slug\":\"notion\"}}";

    /** The webhook the printed line sends, as a shell word: the event id is drawn when the line runs. */
    static final String DEMO_WEBHOOK_BODY = "'{\"id\":\"evt_'\"$(openssl rand -hex 8)\"'\","
            + "\"type\":\"connection.connected\",\"data\":{\"slug\":\"google\"}}'";

    /**
     * Where an application receives webhooks and the secret it verifies them with.
     *
     * @param url the receiver's URL
     * @param secret the application's webhook secret
     */
    record Webhook(String url, String secret) {}

    private VendoEmulatorMain() {}

    /**
     * Starts the emulator and blocks until the JVM shuts down.
     *
     * @param args {@code --port N}, {@code --api-key KEY}, {@code --app-url URL} (repeatable), {@code
     *     --app-wait SECONDS}, {@code --webhook-url URL}, {@code --webhook-secret S}, {@code --help}
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("vendo-emulator: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(Options.USAGE);
            return;
        }
        VendoEmulator.Builder builder = VendoEmulator.builder().port(options.port);
        if (options.apiKey != null) {
            builder.apiKey(options.apiKey);
        }
        if (options.webhookSecret != null) {
            builder.webhookSecret(options.webhookSecret); // the application's: VENDO_WEBHOOK_SECRET agrees
        }
        VendoEmulator emulator = builder.start();
        emulator.autoConnect("google", "notion", "openai", "slack");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "vendo-emulator-shutdown"));
        try {
            Webhook webhook = options.webhookUrl == null ? null
                    : new Webhook(options.webhookUrl, options.webhookSecret);
            if (options.appUrls.isEmpty()) {
                printBanner(emulator, webhook, System.out);
            } else {
                printAppBanner(emulator, options.appUrls, Duration.ofSeconds(options.appWait), webhook,
                        options.healthUrl, System.out);
            }
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulator.close();
        }
    }

    /** Prints what a user needs to talk to {@code emulator}, and to {@code webhook} unless it is null. */
    static void printBanner(VendoEmulator emulator, Webhook webhook, PrintStream out) {
        String jwt = demoJwt(emulator);
        out.println("Vendo emulator running on " + emulator.baseUrl());
        out.println();
        out.println("  Base URL:        " + emulator.baseUrl());
        out.println("  Credentials URL: " + emulator.credentialsUrl());
        out.println("  Data proxy URL:  " + emulator.dataProxyUrl());
        out.println("  JWKS URL:        " + emulator.jwksUrl());
        out.println("  Issuer:          " + emulator.issuer());
        out.println("  API key:         " + emulator.apiKey());
        out.println("  Connected for every identity: google, notion, openai, slack");
        out.println();
        out.println("Point an application at it:");
        out.println();
        out.println(exportLine(emulator));
        out.println();
        out.println("User JWT for " + DEMO_USER + " (valid 1 hour):");
        out.println();
        out.println(jwt);
        out.println();
        out.println("Fetch " + DEMO_USER + "'s Google token:");
        out.println();
        out.println("curl -sS -H 'Authorization: Bearer " + emulator.apiKey() + "' -H 'Vendo-API-Version: "
                + EmulatorHandler.API_VERSION + "' -H 'X-Vendo-User-JWT: " + jwt + "' " + emulator.credentialsUrl()
                + "/google");
        out.println();
        printEventLines(emulator, webhook, out);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /**
     * A POSIX shell line that exports every variable of {@link VendoEmulator#environment()}, each value
     * quoted when the shell would otherwise change it.
     */
    static String exportLine(VendoEmulator emulator) {
        StringBuilder line = new StringBuilder("export");
        emulator.environment().forEach((name, value) -> line.append(' ').append(name).append('=')
                .append(value.matches("[A-Za-z0-9_./:@%+,=-]+") ? value : shellQuote(value)));
        return line.toString();
    }

    /** A JWT for the demo user, valid for an hour, in role {@value #DEMO_ROLE} by its claim {@value #ROLES_CLAIM}. */
    static String demoJwt(VendoEmulator emulator) {
        return emulator.jwt(DEMO_USER).claim("app_metadata", Map.of("roles", List.of(DEMO_ROLE))).sign();
    }

    /**
     * Prints, for an application that uses {@code emulator}, a user JWT and {@code curl} lines calling
     * {@code appUrls} with it, and the event lines; first waits up to {@code wait} for the first URL to
     * answer {@code 200}.
     */
    static void printAppBanner(VendoEmulator emulator, List<String> appUrls, Duration wait, Webhook webhook,
            String healthUrl, PrintStream out) throws InterruptedException {
        String jwt = demoJwt(emulator);
        String first = appUrls.get(0);
        out.println("Vendo emulator running on " + emulator.baseUrl() + " (API key " + emulator.apiKey()
                + "; google, notion, openai and slack connected for everyone)");
        if (!wait.isZero()) {
            out.println("Waiting for the application to answer " + first + " ...");
            out.flush();
            long started = System.nanoTime();
            String problem = awaitApp(URI.create(first), jwt, wait);
            out.println();
            if (problem == null) {
                out.println("The application answers (waited " + String.format(Locale.ROOT, "%.1f",
                        (System.nanoTime() - started) / 1e9) + " s).");
            } else {
                out.println("WARNING: " + first + " did not answer 200 within " + wait.toSeconds() + " s ("
                        + problem + "); the lines below may not work yet.");
            }
        }
        out.println();
        out.println("User JWT for " + DEMO_USER + ", in role " + DEMO_ROLE + " by its claim " + ROLES_CLAIM
                + " (valid 1 hour; restart for a new one):");
        out.println();
        out.println(jwt);
        out.println();
        out.println("Call the application as " + DEMO_USER + ":");
        out.println();
        for (String url : appUrls) {
            out.println("curl -sS -H 'X-Vendo-User-JWT: " + jwt + "' '" + url + "'");
        }
        out.println();
        out.println("Without the identity header:");
        out.println();
        out.println("curl -sS -i '" + first + "'");
        out.println();
        if (healthUrl != null) {
            out.println("The application's readiness, with its check vendo:");
            out.println();
            out.println("curl -sS " + shellQuote(healthUrl));
            out.println();
        }
        printEventLines(emulator, webhook, out);
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /**
     * Prints the signed-webhook line for {@code webhook} (unless null) and the line that emits a
     * stream event through the emulator's control endpoint, each followed by a blank line.
     */
    static void printEventLines(VendoEmulator emulator, Webhook webhook, PrintStream out) {
        if (webhook != null) {
            out.println("Send the application a signed connection.connected webhook (signed when the line runs,");
            out.println("with a new event id each time; needs openssl):");
            out.println();
            out.println(webhookLine(webhook));
            out.println();
        }
        out.println("Emit an event on the event stream, to every application holding it open:");
        out.println();
        out.println("curl -sS -H " + shellQuote("Authorization: Bearer " + emulator.apiKey())
                + " -H 'Content-Type: application/json' --data " + shellQuote(DEMO_STREAM_EVENT) + " "
                + shellQuote(emulator.baseUrl() + ControlEndpoints.EVENTS_PATH));
        out.println();
    }

    /**
     * A POSIX shell line that builds a webhook body, signs it as Vendo does ({@code Vendo-Signature}:
     * hex HMAC-SHA256 of {@code "{ts}.{body}"}) at the moment it runs, and posts it with {@code curl}.
     */
    static String webhookLine(Webhook webhook) {
        return "ts=$(date +%s); body=" + DEMO_WEBHOOK_BODY + "; sig=$(printf '%s.%s' \"$ts\" \"$body\""
                + " | openssl dgst -sha256 -hmac " + shellQuote(webhook.secret()) + " | sed 's/^.* //'); "
                + "curl -sS -X POST -H \"Vendo-Timestamp: $ts\" -H \"Vendo-Signature: $sig\""
                + " -H 'Content-Type: application/json' --data \"$body\" " + shellQuote(webhook.url());
    }

    /** {@code text} as one single-quoted shell word. */
    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * Polls {@code url} with the JWT until it answers {@code 200}.
     *
     * @return null once it did; otherwise, after {@code wait}, what it answered last
     */
    static String awaitApp(URI url, String jwt, Duration wait) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("X-Vendo-User-JWT", jwt).GET().build();
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "no answer";
        while (true) {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return null;
                }
                // A server that is up but has not deployed the application yet answers 404.
                last = "last answer: HTTP " + status;
            } catch (IOException notListening) {
                last = "last attempt: " + notListening.getClass().getSimpleName();
            }
            if (System.nanoTime() - deadline >= 0) {
                return last;
            }
            Thread.sleep(500);
        }
    }

    /** Parsed command-line options. */
    static final class Options {

        /** Seconds to wait for the application: a server fetched and started by a build takes a while. */
        static final int DEFAULT_APP_WAIT = 300;

        static final String USAGE = "usage: java -jar vendo-testing-standalone.jar [--port N] [--api-key KEY]"
                + " [--app-url URL ...] [--app-wait S] [--webhook-url URL --webhook-secret S]"
                + " [--health-url URL]\n"
                + "  --port N        port on 127.0.0.1 (default " + VendoEmulator.DEFAULT_PORT
                + ", 0 = any free port)\n"
                + "  --api-key KEY   the API key clients must send (default: generated)\n"
                + "  --app-url URL   print curl lines for this URL of an application using the emulator instead\n"
                + "                  of the emulator's own (repeatable)\n"
                + "  --app-wait S    print them once the first URL answers 200, waiting at most S seconds\n"
                + "                  (default " + DEFAULT_APP_WAIT + ", 0 = print at once)\n"
                + "  --webhook-url URL    print a shell line posting a signed webhook to this URL of an\n"
                + "                       application (its webhook receiver); needs --webhook-secret\n"
                + "  --webhook-secret S   the application's webhook secret (VENDO_WEBHOOK_SECRET)\n"
                + "  --health-url URL     print a curl line for the application's readiness endpoint";

        int port = VendoEmulator.DEFAULT_PORT;
        String apiKey;
        final List<String> appUrls = new ArrayList<>();
        int appWait = DEFAULT_APP_WAIT;
        String webhookUrl;
        String webhookSecret;
        String healthUrl;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help":
                    case "-h":
                        options.help = true;
                        break;
                    case "--port":
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        try {
                            options.port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port needs a number, got: " + value);
                        }
                        if (options.port < 0 || options.port > 65535) {
                            throw new IllegalArgumentException("--port must be between 0 and 65535");
                        }
                        break;
                    case "--api-key":
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        if (value.isBlank()) {
                            throw new IllegalArgumentException("--api-key must not be blank");
                        }
                        options.apiKey = value;
                        break;
                    case "--app-url":
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        options.appUrls.add(httpUrl(arg, value));
                        break;
                    case "--health-url":
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        options.healthUrl = httpUrl(arg, value);
                        break;
                    case "--webhook-url":
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        options.webhookUrl = httpUrl(arg, value);
                        break;
                    case "--webhook-secret":
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        if (value.isBlank()) {
                            throw new IllegalArgumentException("--webhook-secret must not be blank");
                        }
                        options.webhookSecret = value;
                        break;
                    case "--app-wait":
                        if (value == null) {
                            value = next(args, ++i, arg);
                        }
                        try {
                            options.appWait = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--app-wait needs a number of seconds, got: " + value);
                        }
                        if (options.appWait < 0) {
                            throw new IllegalArgumentException("--app-wait must not be negative");
                        }
                        break;
                    default:
                        throw new IllegalArgumentException(arg.startsWith("-")
                                ? "unknown option: " + arg : "unexpected argument (options start with --)");
                }
            }
            if ((options.webhookUrl == null) != (options.webhookSecret == null)) {
                throw new IllegalArgumentException("--webhook-url and --webhook-secret go together");
            }
            return options;
        }

        private static String httpUrl(String option, String value) {
            if (!value.startsWith("http://") && !value.startsWith("https://")) {
                throw new IllegalArgumentException(option + " needs an http:// or https:// URL, got: " + value);
            }
            return value;
        }

        private static String next(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
