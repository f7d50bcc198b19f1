package run.vendo;

import java.util.Map;

/**
 * Runs data actions through Vendo's data proxy (Vendo mode only): {@code POST
 * {VENDO_DATA_PROXY_URL}/v1/execute}, with the same credentials as every other call. A call is
 * never retried, not after a 5xx answer nor after a network error: an action may not be
 * idempotent.
 *
 * <pre>{@code
 * Object result = vendo.forRequest(request::getHeader).data()
 *         .execute("GMAIL_SEND_EMAIL", Map.of("recipient_email", "ada@example.com", "body", "Hello"));
 * }</pre>
 *
 * @since 0.1.0
 */
public interface Data {

    /**
     * Runs an action.
     *
     * @param action the action's id, for example {@code "GMAIL_SEND_EMAIL"}
     * @param args its arguments, as JSON-compatible Java values ({@code Map} with {@code String}
     *     keys, {@code Collection}, arrays, {@code String}, {@code Number}, {@code Boolean}, {@code
     *     null}, or JSON-P {@code JsonValue}s); {@code null} for none
     * @return the action's result ({@code data} of the answer, or the whole answer when it has no
     *     {@code data}) as plain Java values
     * @throws run.vendo.errors.ValidationError if {@code action} is null or blank, before any call
     * @throws run.vendo.errors.NotConnected if the identity has not connected the action's toolkit
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws run.vendo.errors.UpstreamError {@code composio_error} if the answer carries a string
     *     {@code error}, whatever its status (the message carries the proxy's words); {@code
     *     network_error} if no answer came (the action may have run)
     * @throws run.vendo.errors.VendoError if the proxy reports another error
     * @throws IllegalArgumentException if {@code args} holds another kind of value (NaN and
     *     infinite numbers included), before any call
     */
    Object execute(String action, Map<String, ?> args);

    /**
     * Runs an action without arguments.
     *
     * @param action the action's id
     * @return the action's result, as for {@link #execute(String, Map)}
     * @throws run.vendo.errors.ValidationError if {@code action} is null or blank, before any call
     * @throws run.vendo.errors.VendoError as for {@link #execute(String, Map)}
     */
    Object execute(String action);
}
