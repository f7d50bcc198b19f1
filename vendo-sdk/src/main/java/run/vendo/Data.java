package run.vendo;

import java.util.Map;

/**
 * Runs data actions through Vendo's data proxy (Vendo mode only): {@code POST
 * {VENDO_DATA_PROXY_URL}/v1/execute}. A call is never retried: an action may not be idempotent.
 *
 * @since 0.2.0
 */
public interface Data {

    /**
     * Runs an action.
     *
     * @param action the action's id, for example {@code "GMAIL_SEND_EMAIL"}
     * @param args its arguments, as JSON-compatible Java values ({@code Map}, {@code Collection},
     *     {@code String}, {@code Number}, {@code Boolean}, {@code null}); {@code null} for none
     * @return the action's result ({@code data} of the answer, or the whole answer when it has no
     *     {@code data}) as plain Java values
     * @throws run.vendo.errors.ValidationError if {@code action} is null or blank, before any call
     * @throws run.vendo.errors.NotConnected if the identity has not connected the action's toolkit
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws run.vendo.errors.VendoError if the proxy reports another error
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
