package run.vendo.internal.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ErrorDetails;
import run.vendo.errors.NotConnected;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.VendoError;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.http.VendoHttp;
import run.vendo.internal.identity.UserIdentity;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.json.PlainJson;
import run.vendo.internal.json.WireJson;
import run.vendo.internal.text.ErrorText;
import run.vendo.internal.text.Redactor;

/**
 * Vendo's data proxy: {@code POST {dataProxyUrl}/v1/execute} with {@code {"action_id", "args"}},
 * sent once and never again, since an action may not be idempotent.
 *
 * <p>A 2xx answer is a result, as the data proxy's docs and Vendo's other SDKs read it: its {@code
 * data}, or the whole answer when it has none. On any other status the proxy's string {@code
 * error} decides first: {@code binding_missing} is {@link NotConnected} for its {@code toolkit},
 * any other text an {@link UpstreamError} {@code composio_error}; without one the answer is mapped
 * as Vendo's errors are.
 */
public final class DataProxyApi {

    /** The largest result accepted: an action's output can be far larger than Vendo's own answers. */
    static final int MAX_RESULT_BYTES = 16 << 20;

    private final ClientSettings settings;
    private final VendoHttp http;

    public DataProxyApi(ClientSettings settings, VendoHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * Runs {@code action} (already checked not blank) for the identity.
     *
     * @throws IllegalArgumentException if {@code args} holds a value that is not plain JSON, before any call
     */
    public Object execute(String action, Map<String, ?> args, UserIdentity identity) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("action_id", action);
        request.put("args", args == null ? Map.of() : args);
        byte[] body = PlainJson.object(request);
        VendoHttp.Answer answer = http.postOnce(URI.create(settings.dataProxyUrl() + "/v1/execute"), body, identity,
                MAX_RESULT_BYTES);
        JsonValue result = parse(answer.body());
        if (!answer.isSuccess()) {
            // The proxy's own shape ({"error": "<text>"}) first, as the docs and Vendo's other SDKs read it.
            String error = result instanceof JsonObject object ? JsonSupport.string(object, "error") : null;
            throw error != null && !error.isBlank() ? failure(answer, (JsonObject) result, error, action, identity)
                    : http.error(answer, identity, null);
        }
        if (result == null) {
            throw WireJson.invalid("the data proxy's answer is not JSON", null, answer.status());
        }
        if (result instanceof JsonObject object && object.containsKey("data")) {
            return JsonSupport.plain(object.get("data"));
        }
        return JsonSupport.plain(result);
    }

    private VendoError failure(VendoHttp.Answer answer, JsonObject body, String error, String action,
            UserIdentity identity) {
        List<String> secrets = http.secrets(identity);
        if (ErrorCodes.BINDING_MISSING.equals(error.strip())) {
            String toolkit = JsonSupport.string(body, "toolkit");
            String slug = toolkit == null ? null : Redactor.scrub(toolkit, secrets);
            // The body's error is the code here, whatever a header says; the toolkit is the slug.
            VendoError mapped = http.error(new VendoHttp.Answer(answer.status(), ErrorCodes.BINDING_MISSING,
                    answer.retryAfter(), answer.body(), answer.ranOut()), identity, slug);
            return new NotConnected(mapped.details().withSlug(slug), null);
        }
        return new UpstreamError(ErrorDetails.of(ErrorCodes.COMPOSIO_ERROR, ErrorText.COMPOSIO_ERROR.with(
                        " '" + Redactor.scrub(action, secrets) + "' (HTTP " + answer.status() + "): "
                        + Redactor.scrub(error, secrets)))
                .withStatus(answer.status()), null);
    }

    /** The body as JSON, or {@code null} when it is empty or not JSON. */
    private static JsonValue parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JsonSupport.read(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
