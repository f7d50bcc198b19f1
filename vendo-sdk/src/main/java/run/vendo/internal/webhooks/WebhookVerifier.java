package run.vendo.internal.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import run.vendo.VendoHeaders;
import run.vendo.WebhookEvent;
import run.vendo.Webhooks;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ValidationError;
import run.vendo.internal.identity.IdentityHeaders;
import run.vendo.internal.telemetry.Outcome;
import run.vendo.internal.telemetry.Telemetry;
import run.vendo.internal.telemetry.VendoOperation;
import run.vendo.internal.text.ErrorText;
import run.vendo.internal.text.Secret;

/**
 * Verifies Vendo's webhook deliveries: the HMAC-SHA256 of {@code "{Vendo-Timestamp}.{body}"} over
 * the exact bytes received, then the timestamp's distance from the clock, then the body. The body
 * is parsed only once its signature has verified. Messages never show the secret or the expected
 * signature. Thread-safe.
 */
public final class WebhookVerifier implements Webhooks {

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private final Secret secret;
    private final Duration tolerance;
    private final Clock clock;
    private final Telemetry telemetry;

    /**
     * @param secret the webhook secret, or {@code null} when none is configured (every call then fails)
     * @param tolerance how far the timestamp may be from the clock, either way
     * @param clock the time source
     * @param telemetry where each delivery's span and count go
     */
    public WebhookVerifier(Secret secret, Duration tolerance, Clock clock, Telemetry telemetry) {
        this.secret = secret;
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    }

    @Override
    public WebhookEvent verify(Map<String, ?> headers, String body) {
        return verified(IdentityHeaders.lookup(headers), utf8(body));
    }

    @Override
    public WebhookEvent verify(Function<String, String> header, String body) {
        return verified(IdentityHeaders.lookup(header), utf8(body));
    }

    @Override
    public WebhookEvent verify(Map<String, ?> headers, byte[] body) {
        return verified(IdentityHeaders.lookup(headers), Objects.requireNonNull(body, "body"));
    }

    @Override
    public WebhookEvent verify(Function<String, String> header, byte[] body) {
        return verified(IdentityHeaders.lookup(header), Objects.requireNonNull(body, "body"));
    }

    /** A refusal here is the delivery's outcome, recorded as {@link #verify} would; a pass records nothing. */
    @Override
    public void checkHeaders(Map<String, ?> headers) {
        try {
            requireFresh(signed(IdentityHeaders.lookup(headers)).at());
        } catch (RuntimeException refused) {
            Telemetry.Operation delivery = telemetry.start(VendoOperation.WEBHOOK, null);
            delivery.failed(refused);
            delivery.end();
            throw refused;
        }
    }

    private WebhookEvent verified(Function<String, ? extends Collection<?>> headers, byte[] body) {
        Telemetry.Operation delivery = telemetry.start(VendoOperation.WEBHOOK, null);
        try {
            WebhookEvent event = checked(headers, body);
            delivery.eventType(event.type()).outcome(Outcome.VERIFIED);
            return event;
        } catch (RuntimeException | Error e) {
            delivery.failed(e);
            throw e;
        } finally {
            delivery.end();
        }
    }

    private WebhookEvent checked(Function<String, ? extends Collection<?>> headers, byte[] body) {
        Signed signed = signed(headers);
        if (!MessageDigest.isEqual(hmac(signed.timestamp(), body), signed.signature())) {
            throw WebhookPayload.invalid("the " + VendoHeaders.WEBHOOK_SIGNATURE + " does not match: the body or "
                    + "the timestamp was changed, or the webhook secret is not the one that signed it. Verify the "
                    + "body exactly as received, before any parsing");
        }
        requireFresh(signed.at());
        return WebhookPayload.parse(body);
    }

    /** The signature headers of a delivery, read and checked for form. */
    private record Signed(String timestamp, Instant at, byte[] signature) {}

    private Signed signed(Function<String, ? extends Collection<?>> headers) {
        if (secret == null) {
            throw new ValidationError(ErrorCodes.WEBHOOK_SECRET_MISSING, ErrorText.WEBHOOK_SECRET_MISSING.with());
        }
        String signature = header(headers, VendoHeaders.WEBHOOK_SIGNATURE);
        String timestamp = header(headers, VendoHeaders.WEBHOOK_TIMESTAMP);
        if (signature == null) {
            throw WebhookPayload.invalid("it has no " + VendoHeaders.WEBHOOK_SIGNATURE + " header");
        }
        if (timestamp == null) {
            throw WebhookPayload.invalid("it has no " + VendoHeaders.WEBHOOK_TIMESTAMP + " header");
        }
        Instant signedAt = WebhookPayload.instant(timestamp);
        if (signedAt == null) {
            throw WebhookPayload.invalid("the " + VendoHeaders.WEBHOOK_TIMESTAMP
                    + " header is malformed: it is neither unix seconds nor an RFC 3339 time");
        }
        byte[] received = hex(signature);
        if (received == null) {
            throw WebhookPayload.invalid("the " + VendoHeaders.WEBHOOK_SIGNATURE + " header is malformed: it is "
                    + "not " + SIGNATURE_HEX_LENGTH + " hexadecimal characters (an HMAC-SHA256, no prefix)");
        }
        return new Signed(timestamp, signedAt, received);
    }

    /** A stale delivery, authentic or not, is a replay or a clock out of sync. */
    private void requireFresh(Instant signedAt) {
        Duration off = Duration.between(signedAt, clock.instant());
        if (off.abs().compareTo(tolerance) > 0) {
            throw WebhookPayload.invalid("the " + VendoHeaders.WEBHOOK_TIMESTAMP + " is stale: "
                    + off.abs().toSeconds() + " s " + (off.isNegative() ? "ahead of" : "behind")
                    + " this server's clock, more than the tolerance of " + tolerance.toSeconds()
                    + " s. A replayed delivery, or a clock out of sync");
        }
    }

    /** The HMAC over the timestamp's bytes, a dot and the body, fed in pieces so the body is not copied. */
    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    /** The signature's bytes, whatever the case of its hex digits; {@code null} when it is not 32 bytes of hex. */
    private static byte[] hex(String signature) {
        if (signature.length() != SIGNATURE_HEX_LENGTH) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private static String header(Function<String, ? extends Collection<?>> headers, String name) {
        return IdentityHeaders.single(headers, name, WebhookPayload::invalid);
    }

    private static byte[] utf8(String body) {
        return Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
    }
}
