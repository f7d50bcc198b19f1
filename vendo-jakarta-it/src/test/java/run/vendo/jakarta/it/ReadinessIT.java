package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.testing.Fault;
import run.vendo.testing.FaultRule;
import run.vendo.testing.VendoEmulator;

/**
 * The readiness check {@code vendo} in the server's own MicroProfile Health endpoint (WildFly's on
 * its management interface, Payara Micro's on the HTTP listener): {@code UP} against the emulator,
 * {@code DOWN} with the error code as reason once the emulator refuses the App Key, and never a
 * secret in its data.
 */
@ExtendWith(ArquillianExtension.class)
class ReadinessIT {

    /** A result answers probes for 10 s; a change shows within this. */
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final String CONNECTIONS_PATH = "/api/deployments/me/connections";

    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return VendoWars.app("ready.war", VendoWars.emulatorSettings(EMULATOR));
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(ReadinessIT.class, EMULATOR);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void upWhileVendoAcceptsTheKeyAndDownWithItsReasonOnceItRefusesIt() {
        JsonObject up = awaitCheck("UP");
        assertEquals("vendo", up.getString("mode"));
        assertEquals("on", up.getString("verification"));
        assertFalse(up.containsKey("reason"));

        FaultRule refused = EMULATOR.inject(Fault.error(401, "app_revoked")).onPath(CONNECTIONS_PATH).always();
        try {
            JsonObject down = awaitCheck("DOWN");
            assertEquals("app_revoked", down.getString("reason"));
        } finally {
            refused.cancel();
        }
        awaitCheck("UP");
    }

    /** Polls the readiness endpoint until the check {@code vendo} has the status; its data. */
    private JsonObject awaitCheck(String status) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = Http.get(healthUrl(), "ready");
            last = answer.statusCode() + " " + answer.body();
            for (String secret : new String[] {EMULATOR.apiKey(), EMULATOR.baseUrl()}) {
                if (answer.body().contains(secret)) {
                    fail("the readiness answer shows a key or a URL: " + answer.statusCode());
                }
            }
            JsonObject check = vendoCheck(answer.body());
            if (check != null && status.equals(check.getString("status"))) {
                assertEquals("UP".equals(status) ? 200 : 503, answer.statusCode(), last);
                return check.containsKey("data") ? check.getJsonObject("data") : JsonValue.EMPTY_JSON_OBJECT;
            }
            sleep();
        }
        throw new AssertionError("the check vendo did not become " + status + "; last answer: " + last);
    }

    private static JsonObject vendoCheck(String body) {
        if (!body.startsWith("{")) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            for (JsonValue check : reader.readObject().getJsonArray("checks")) {
                if ("vendo".equals(check.asJsonObject().getString("name"))) {
                    return check.asJsonObject();
                }
            }
        }
        return null;
    }

    /** WildFly serves health on its management interface; Payara Micro and Liberty on the application's listener. */
    private URL healthUrl() {
        try {
            if (ItServer.isWildFly()) {
                return URI.create("http://127.0.0.1:" + System.getProperty("it.wildfly.management-port")
                        + "/health/").toURL();
            }
            return URI.create(base.toExternalForm()).resolve("/health/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
