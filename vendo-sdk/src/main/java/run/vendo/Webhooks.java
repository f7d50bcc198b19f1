package run.vendo;

import java.util.Map;
import java.util.function.Function;

/**
 * Verifies Vendo's webhooks (any mode): {@code Vendo-Signature} is the lower-case hex
 * HMAC-SHA256 of {@code "{Vendo-Timestamp}.{body}"} under the webhook secret ({@code
 * VENDO_WEBHOOK_SECRET} or the builder's {@code webhookSecret}), and {@code Vendo-Timestamp} must
 * be within the tolerance (default five minutes) of the builder's clock.
 *
 * <p>Every failure is a {@link run.vendo.errors.ValidationError} whose message says what was
 * wrong and never contains the secret. Pass the body exactly as received: the {@code byte[]}
 * forms take what a servlet reads.
 *
 * @since 0.1.0
 */
public interface Webhooks {

    /**
     * Verifies a delivery.
     *
     * @param headers the request's headers, names in any case; values a {@code String}, a {@code
     *     Collection} or a {@code String[]}
     * @param body the raw body
     * @return the event
     * @throws run.vendo.errors.ValidationError if it does not verify
     */
    WebhookEvent verify(Map<String, ?> headers, String body);

    /**
     * Verifies a delivery.
     *
     * @param header returns a header's value by name, or {@code null} (for example {@code
     *     request::getHeader})
     * @param body the raw body
     * @return the event
     * @throws run.vendo.errors.ValidationError if it does not verify
     */
    WebhookEvent verify(Function<String, String> header, String body);

    /**
     * Verifies a delivery whose body is the bytes received.
     *
     * @param headers the request's headers, as for {@link #verify(Map, String)}
     * @param body the raw body
     * @return the event
     * @throws run.vendo.errors.ValidationError if it does not verify
     */
    WebhookEvent verify(Map<String, ?> headers, byte[] body);

    /**
     * Verifies a delivery whose body is the bytes received.
     *
     * @param header returns a header's value by name, or {@code null}
     * @param body the raw body
     * @return the event
     * @throws run.vendo.errors.ValidationError if it does not verify
     */
    WebhookEvent verify(Function<String, String> header, byte[] body);

    /**
     * Checks what can be checked of a delivery before its body is read: one well-formed {@code
     * Vendo-Signature} (64 hexadecimal digits) and one {@code Vendo-Timestamp} within the tolerance.
     * A receiver that calls it first refuses at once a delivery that cannot verify, instead of
     * holding a thread while its body arrives. It refuses nothing that {@code verify} would accept,
     * with the same messages; a delivery that passes must still be verified with its body.
     *
     * @param headers the request's headers, as for {@link #verify(Map, String)}
     * @throws run.vendo.errors.ValidationError if the delivery cannot verify whatever its body
     * @since 0.1.0
     */
    void checkHeaders(Map<String, ?> headers);
}
