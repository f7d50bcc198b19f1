package run.vendo.testing;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The endpoints beyond tokens and connections: the integrations catalogue (public), billing and the
 * data proxy (both called once the request's credentials are checked).
 */
final class PlatformEndpoints {

    static final String INTEGRATIONS_PATH = "/api/integrations";
    static final String BILLING_PREFIX = "/api/billing/";
    static final String DATA_PROXY_PREFIX = "/data-proxy";
    static final String EXECUTE_PATH = DATA_PROXY_PREFIX + EmulatedDataProxy.EXECUTE;

    /** The largest data proxy request read. */
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    private final VendoEmulator emulator;

    PlatformEndpoints(VendoEmulator emulator) {
        this.emulator = emulator;
    }

    /** Whether {@code path} is the integrations catalogue's. */
    static boolean isIntegrations(String path) {
        return path.equals(INTEGRATIONS_PATH) || path.startsWith(INTEGRATIONS_PATH + "/");
    }

    /** Whether {@code path} is a billing endpoint's. */
    static boolean isBilling(String path) {
        return path.startsWith(BILLING_PREFIX);
    }

    /**
     * The public integrations catalogue: no authentication (a bearer or user JWT is ignored), the same
     * for everyone. {@code GET /api/integrations} and {@code GET /api/integrations/{slug}}; any other
     * path is 404 {@code {"message": "Not found"}}, and any other method 401 {@code {"message":
     * "Unauthorized"}}: every change to the catalogue needs a dashboard session, which the emulator
     * never has.
     */
    Reply integrations(String method, String path, String rawPath) {
        if (!"GET".equals(method)) {
            return Reply.message(401, "Unauthorized");
        }
        if (path.equals(INTEGRATIONS_PATH)) {
            return Reply.ok(Json.object().add("integrations", arrayOf(emulator.integrations())).build());
        }
        String slug = EmulatorHandler.segmentAfter(rawPath, INTEGRATIONS_PATH + "/");
        JsonObject integration = slug == null ? null : emulator.integrations().find(slug);
        return integration == null ? Reply.message(404, "Not found") : Reply.ok(integration);
    }

    /** A billing endpoint's answer: the tenant's figures, the same whoever asks. */
    Reply billing(String path, String query) {
        EmulatedBilling billing = emulator.billing();
        switch (path.substring(BILLING_PREFIX.length())) {
            case "balance":
                return Reply.ok(billing.balanceJson());
            case "spend-caps":
                return Reply.ok(billing.spendCapsJson());
            case "usage":
                JsonObject usage = billing.usageJson(EmulatorHandler.queryParameter(query, "period"));
                return usage != null ? Reply.ok(usage)
                        : Reply.vendoError(400, "validation_failed", "period must be day or month.");
            default:
                return Reply.vendoError(404, "not_found", "No such endpoint.");
        }
    }

    /** The data proxy's answer to a {@code POST}, for the deployment's bindings. */
    Reply execute(HttpExchange exchange, TrafficRecorder.Entry entry, EmulatedIdentity identity)
            throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            return Reply.vendoError(413, "validation_failed",
                    "The body is larger than " + MAX_REQUEST_BYTES + " bytes.");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        entry.body(text);
        JsonValue request;
        try {
            request = Json.parse(text);
        } catch (JsonException notJson) {
            request = null;
        }
        if (!(request instanceof JsonObject object)) {
            return Reply.vendoError(400, "validation_failed", "The body must be a JSON object.");
        }
        return emulator.dataProxy().execute(object, identity);
    }

    private static JsonArrayBuilder arrayOf(EmulatedIntegrations integrations) {
        JsonArrayBuilder array = Json.array();
        integrations.all().forEach(array::add);
        return array;
    }
}
