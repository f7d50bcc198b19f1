package run.vendo.testing;

import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries as Vendo does, so that a test can post one to its own endpoint and have
 * the SDK's {@code Webhooks.verify} accept it: {@value #SIGNATURE_HEADER} is the lower-case hex
 * HMAC-SHA256 of {@code "{Vendo-Timestamp}.{body}"} under the webhook secret, and {@value
 * #TIMESTAMP_HEADER} is the signing time in unix seconds.
 *
 * <pre>{@code
 * String secret = "whsec_test";   // the same value as the application's VENDO_WEBHOOK_SECRET
 * String body = WebhookSigner.event("evt_1", "connection.connected", Instant.now(), Map.of("slug", "google"));
 * Map<String, String> headers = WebhookSigner.sign(secret, body);
 *
 * HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/vendo"))
 *         .POST(HttpRequest.BodyPublishers.ofString(body));
 * headers.forEach(post::header);
 * }</pre>
 *
 * <p>An application built on {@link VendoEmulator#environment()} verifies with the emulator's
 * secret: {@code signFor(emulator, body)} signs with it at the emulator's clock's time.
 *
 * <p>A test whose application runs on a moved clock signs at that clock's time: {@code
 * sign(secret, body, clock.instant())}. A test of a bad delivery changes one byte of the body or a
 * header after signing, or signs with {@link #signature(String, String, byte[])} and a timestamp of
 * its choosing. Thread-safe; stateless.
 */
public final class WebhookSigner {

    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "Vendo-Signature";

    /** The header that carries the signing time. */
    public static final String TIMESTAMP_HEADER = "Vendo-Timestamp";

    private static final String HMAC_SHA256 = "HmacSHA256";

    private WebhookSigner() {}

    /**
     * Signs a body now (the system clock).
     *
     * @param secret the webhook secret
     * @param body the body as it will be sent, encoded as UTF-8
     * @return the {@value #SIGNATURE_HEADER} and {@value #TIMESTAMP_HEADER} headers
     * @throws IllegalArgumentException if {@code secret} is null or blank
     */
    public static Map<String, String> sign(String secret, String body) {
        return sign(secret, body, Instant.now());
    }

    /**
     * Signs a body with an emulator's {@linkplain VendoEmulator#webhookSecret() webhook secret} (its
     * {@code VENDO_WEBHOOK_SECRET}) at the emulator's clock's time, as Vendo would deliver a webhook to
     * an application configured with {@link VendoEmulator#environment()}.
     *
     * @param emulator the emulator whose secret and clock to use
     * @param body the body as it will be sent, encoded as UTF-8
     * @return the {@value #SIGNATURE_HEADER} and {@value #TIMESTAMP_HEADER} headers
     */
    public static Map<String, String> signFor(VendoEmulator emulator, String body) {
        Objects.requireNonNull(emulator, "emulator");
        return sign(emulator.webhookSecret(), body, emulator.clock().instant());
    }

    /**
     * Signs a body at a given time.
     *
     * @param secret the webhook secret
     * @param body the body as it will be sent, encoded as UTF-8
     * @param timestamp the signing time, sent in unix seconds
     * @return the {@value #SIGNATURE_HEADER} and {@value #TIMESTAMP_HEADER} headers
     * @throws IllegalArgumentException if {@code secret} is null or blank
     */
    public static Map<String, String> sign(String secret, String body, Instant timestamp) {
        return sign(secret, Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8), timestamp);
    }

    /**
     * Signs the exact bytes of a body at a given time.
     *
     * @param secret the webhook secret
     * @param body the body's bytes as they will be sent
     * @param timestamp the signing time, sent in unix seconds
     * @return the {@value #SIGNATURE_HEADER} and {@value #TIMESTAMP_HEADER} headers
     * @throws IllegalArgumentException if {@code secret} is null or blank
     */
    public static Map<String, String> sign(String secret, byte[] body, Instant timestamp) {
        String seconds = Long.toString(timestamp.getEpochSecond());
        return Map.of(SIGNATURE_HEADER, signature(secret, seconds, body), TIMESTAMP_HEADER, seconds);
    }

    /**
     * Computes the signature of a body under any timestamp text, for example an RFC 3339 time or a
     * deliberately malformed one.
     *
     * @param secret the webhook secret
     * @param timestamp the {@value #TIMESTAMP_HEADER} value exactly as it will be sent
     * @param body the body's bytes as they will be sent
     * @return the lower-case hex HMAC-SHA256 of {@code "{timestamp}.{body}"}
     * @throws IllegalArgumentException if {@code secret} is null or blank
     */
    public static String signature(String secret, String timestamp, byte[] body) {
        Secrets.requireText(secret, "secret");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    /**
     * Builds a webhook body as Vendo sends it: {@code {"id", "type", "occurred_at", "data"}}.
     *
     * @param id the event's id
     * @param type the event's type, for example {@code connection.connected}
     * @param occurredAt when it happened, written as RFC 3339 in UTC; {@code null} leaves it out
     * @param data the event's data ({@code Map}, {@code Collection}, {@code String}, numbers, {@code
     *     Boolean} and {@code null} values); {@code null} leaves it out
     * @return the body as compact JSON
     * @throws IllegalArgumentException if {@code id} or {@code type} is null or blank, or a data value
     *     has another type
     */
    public static String event(String id, String type, Instant occurredAt, Map<String, ?> data) {
        JsonObjectBuilder event = Json.object()
                .add("id", Secrets.requireText(id, "id"))
                .add("type", Secrets.requireText(type, "type"));
        if (occurredAt != null) {
            event.add("occurred_at", occurredAt.toString());
        }
        if (data != null) {
            event.add("data", Json.object(data));
        }
        return Json.text(event.build());
    }
}
