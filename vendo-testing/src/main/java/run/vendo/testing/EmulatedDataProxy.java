package run.vendo.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's data proxy: {@code POST {dataProxyUrl}/v1/execute} with {@code {"action_id":
 * "...", "args": {...}}} and the App Key ({@code X-Vendo-User-JWT} is ignored: the proxy resolves the
 * deployment's bindings, as Vendo's does). What it answers, per action:
 *
 * <ul>
 *   <li>an {@linkplain #action(String, String, String) action of a toolkit}: 200 {@code {"data":
 *       …}} when the deployment has that toolkit connected ({@code "connected"}) with the {@code
 *       composio_managed} profile (see {@link EmulatedIdentity#profile(String, String)}), else 403
 *       {@code {"error": "binding_missing", "toolkit": …}};
 *   <li>an {@linkplain #answer(String, int, String) answer}: exactly that, whoever calls;
 *   <li>any other action: 400 {@code {"error": "Action <id> not found"}}, as Composio answers an
 *       action id it does not know (Vendo's proxy passes it through).
 * </ul>
 *
 * <p>A body that is not such an object is answered 400 {@code validation_failed}. The request body
 * is kept: see {@link RecordedRequest#body()}.
 *
 * <pre>{@code
 * vendo.dataProxy().action("GMAIL_SEND_EMAIL", "gmail", """
 *         {"message_id": "m-1"}""");
 * vendo.dataProxy().answer("GMAIL_FAILS", 200, """
 *         {"successful": false, "error": "Recipient address rejected"}""");
 * }</pre>
 *
 * <p>Thread-safe; changes apply to the next request and survive {@link VendoEmulator#reset()}.
 */
public final class EmulatedDataProxy {

    /** The path of the execute endpoint under {@link VendoEmulator#dataProxyUrl()}. */
    public static final String EXECUTE = "/v1/execute";

    private record Action(String toolkit, JsonValue data, Reply answer) {}

    private final Map<String, Action> actions = new ConcurrentHashMap<>();

    EmulatedDataProxy() {}

    /**
     * Registers an action that needs {@code toolkit} connected and then answers 200 {@code {"data":
     * <dataJson>}}. Replaces an earlier registration of the action.
     *
     * @param actionId the action's id, e.g. {@code "GMAIL_SEND_EMAIL"}
     * @param toolkit the provider slug the deployment must have connected through Composio, e.g. {@code
     *     "gmail"}
     * @param dataJson the result, one JSON value
     * @return this proxy
     * @throws IllegalArgumentException if {@code dataJson} is not one JSON value
     */
    public EmulatedDataProxy action(String actionId, String toolkit, String dataJson) {
        actions.put(Secrets.requireText(actionId, "actionId"),
                new Action(Secrets.requireText(toolkit, "toolkit"), Json.userValue(dataJson, "the data"), null));
        return this;
    }

    /**
     * Registers an action that answers exactly this, whoever calls and whatever is connected.
     * Replaces an earlier registration of the action.
     *
     * @param actionId the action's id
     * @param status an HTTP status, 200 to 599
     * @param bodyJson the body, one JSON object
     * @return this proxy
     * @throws IllegalArgumentException for another status, or if {@code bodyJson} is not a JSON object
     */
    public EmulatedDataProxy answer(String actionId, int status, String bodyJson) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be between 200 and 599: " + status);
        }
        actions.put(Secrets.requireText(actionId, "actionId"),
                new Action(null, null, new Reply(status, Json.userObject(bodyJson, "the body"), null)));
        return this;
    }

    /**
     * Forgets an action: it is then unknown (400 {@code {"error": "Action <id> not found"}}). Idempotent.
     *
     * @param actionId the action's id
     * @return this proxy
     */
    public EmulatedDataProxy remove(String actionId) {
        actions.remove(Secrets.requireText(actionId, "actionId"));
        return this;
    }

    /**
     * Returns the registered actions' ids, in no particular order.
     *
     * @return a copy of the ids
     */
    public List<String> actions() {
        return List.copyOf(actions.keySet());
    }

    /** The answer to a parsed request, resolved against {@code identity}'s bindings (the deployment's). */
    Reply execute(JsonObject request, EmulatedIdentity identity) {
        if (!(request.get("action_id") instanceof JsonString id) || id.getString().isBlank()) {
            return Reply.vendoError(400, "validation_failed", "The body needs a non-blank string action_id.");
        }
        JsonValue args = request.get("args");
        if (args != null && args.getValueType() != JsonValue.ValueType.OBJECT) {
            return Reply.vendoError(400, "validation_failed", "args must be a JSON object.");
        }
        Action action = actions.get(id.getString());
        if (action == null) {
            return new Reply(400, Json.object().add("error", "Action " + id.getString() + " not found").build(), null);
        }
        if (action.answer() != null) {
            return action.answer();
        }
        ConnectionState connection = identity.lookup(action.toolkit());
        if (connection == null || !connection.active()
                || !ProviderCatalog.COMPOSIO_MANAGED.equals(connection.effectiveProfile())) {
            return new Reply(403, Json.object().add("error", "binding_missing").add("toolkit", action.toolkit())
                    .build(), null);
        }
        return Reply.ok(Json.object().add("data", action.data()).build());
    }
}
