package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line: options and the printed banner, whose curl really works. */
class VendoEmulatorMainTest {

    @Test
    void optionsHaveDefaultsAndAcceptBothSpellings() {
        VendoEmulatorMain.Options defaults = VendoEmulatorMain.Options.parse(new String[0]);
        assertEquals(8787, defaults.port);
        assertEquals(null, defaults.apiKey);
        VendoEmulatorMain.Options set = VendoEmulatorMain.Options.parse(
                new String[] {"--port", "0", "--api-key=vendo_sk_test_demo"});
        assertEquals(0, set.port);
        assertEquals("vendo_sk_test_demo", set.apiKey);
        assertThrows(IllegalArgumentException.class, () -> VendoEmulatorMain.Options.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class,
                () -> VendoEmulatorMain.Options.parse(new String[] {"--port", "x"}));
        assertThrows(IllegalArgumentException.class,
                () -> VendoEmulatorMain.Options.parse(new String[] {"--bogus"}));
    }

    @Test
    void theBannerNamesEverythingAndItsCurlFetchesTheDemoUsersGoogleToken() {
        try (VendoEmulator emulator = VendoEmulator.builder().apiKey("vendo_sk_test_demo").start()
                .autoConnect("google", "notion", "openai", "slack")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            VendoEmulatorMain.printBanner(emulator, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains(emulator.baseUrl()));
            assertTrue(out.contains(emulator.jwksUrl()));
            assertTrue(out.contains("export VENDO_API_KEY=vendo_sk_test_demo VENDO_BASE_URL=" + emulator.baseUrl()
                    + " VENDO_CREDENTIALS_URL=" + emulator.credentialsUrl()));
            String curl = out.lines().filter(l -> l.startsWith("curl ")).findFirst().orElseThrow();
            assertTrue(curl.endsWith(emulator.credentialsUrl() + "/google"));

            // run the curl line's headers through java.net.http
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(curl.substring(curl.lastIndexOf(' ') + 1)));
            for (String part : curl.split(" -H '")) {
                if (part.startsWith("curl")) {
                    continue;
                }
                String header = part.substring(0, part.indexOf('\''));
                int colon = header.indexOf(':');
                request.header(header.substring(0, colon), header.substring(colon + 1).trim());
            }
            HttpResponse<String> r = TestHttp.send(request);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(emulator.user(VendoEmulatorMain.DEMO_USER).token("google"),
                    TestHttp.json(r).getString("access_token"));
            assertEquals(List.of("google", "notion", "openai", "slack"),
                    emulator.user(VendoEmulatorMain.DEMO_USER).slugs());
        }
    }
}
