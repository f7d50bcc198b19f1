package run.vendo.testing;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link VendoEmulator} from the command line for demos and manual testing:
 *
 * <pre>
 * java -jar vendo-testing-standalone.jar [--port N] [--api-key KEY]
 * </pre>
 *
 * <p>Defaults: port {@value VendoEmulator#DEFAULT_PORT} (0 picks a free one), a generated API key.
 * Connects {@code google}, {@code notion}, {@code openai} and {@code slack} for every identity,
 * prints the URLs, the API key, shell {@code export} settings, a user JWT for {@code demo-user} and
 * a ready-to-paste {@code curl}, then runs until interrupted (Ctrl-C).
 */
public final class VendoEmulatorMain {

    /** The user the printed JWT is minted for. */
    static final String DEMO_USER = "demo-user";

    private VendoEmulatorMain() {}

    /**
     * Starts the emulator and blocks until the JVM shuts down.
     *
     * @param args {@code --port N}, {@code --api-key KEY}, {@code --help}
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
        VendoEmulator emulator = builder.start();
        emulator.autoConnect("google", "notion", "openai", "slack");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "vendo-emulator-shutdown"));
        printBanner(emulator, System.out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emulator.close();
        }
    }

    /** Prints what a user needs to talk to {@code emulator}. */
    static void printBanner(VendoEmulator emulator, PrintStream out) {
        String jwt = emulator.mintUserJwt(DEMO_USER);
        out.println("Vendo emulator running on " + emulator.baseUrl());
        out.println();
        out.println("  Base URL:        " + emulator.baseUrl());
        out.println("  Credentials URL: " + emulator.credentialsUrl());
        out.println("  JWKS URL:        " + emulator.jwksUrl());
        out.println("  Issuer:          " + emulator.issuer());
        out.println("  API key:         " + emulator.apiKey());
        out.println("  Connected for every identity: google, notion, openai, slack");
        out.println();
        out.println("Point an application at it:");
        out.println();
        out.println("export VENDO_API_KEY=" + emulator.apiKey() + " VENDO_BASE_URL=" + emulator.baseUrl()
                + " VENDO_CREDENTIALS_URL=" + emulator.credentialsUrl());
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
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** Parsed command-line options. */
    static final class Options {

        static final String USAGE = "usage: java -jar vendo-testing-standalone.jar [--port N] [--api-key KEY]\n"
                + "  --port N       port on 127.0.0.1 (default " + VendoEmulator.DEFAULT_PORT + ", 0 = any free port)\n"
                + "  --api-key KEY  the API key clients must send (default: generated)";

        int port = VendoEmulator.DEFAULT_PORT;
        String apiKey;
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
                    default:
                        throw new IllegalArgumentException(arg.startsWith("-")
                                ? "unknown option: " + arg : "unexpected argument (options start with --)");
                }
            }
            return options;
        }

        private static String next(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
