package run.vendo.jakarta.internal.events;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import run.vendo.VendoHeaders;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ValidationError;
import run.vendo.internal.IdentityHeaders;

/**
 * What can be checked of a webhook delivery before its body is read, so that a delivery that cannot
 * verify is refused at once instead of holding a request thread while its body trickles in: one
 * {@code Vendo-Signature} of 64 hexadecimal digits (an HMAC-SHA256, either case, no prefix) and one
 * {@code Vendo-Timestamp}, unix seconds or an RFC 3339 time, within the tolerance of the clock. A
 * blank value counts as absent and identical repeats as one value; two different values are refused.
 *
 * <p>These are the rules of the core's verifier ({@code run.vendo.internal.WebhookVerifier}), with
 * its messages, and the verifier checks them all again with the signature once the body is in: this
 * class refuses nothing that the verifier would accept. They are written a second time here only
 * because the core offers no check of the headers without a body; such a check belongs in the core,
 * and this class should then call it.
 */
final class WebhookHeaderCheck {

    private static final Pattern SIGNATURE = Pattern.compile("[0-9A-Fa-f]{64}");

    private final Duration tolerance;
    private final Clock clock;

    /**
     * Creates the check.
     *
     * @param tolerance how far the timestamp may be from the clock, either way
     * @param clock the time source, the same as the verifier's
     */
    WebhookHeaderCheck(Duration tolerance, Clock clock) {
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the signature headers of a delivery.
     *
     * @param headers returns every value of the named header (names in any case), or {@code null}
     *     or an empty collection
     * @throws ValidationError ({@code webhook_invalid}) when the delivery cannot verify whatever its body
     */
    void check(Function<String, ? extends Collection<?>> headers) {
        String signature = IdentityHeaders.single(headers, VendoHeaders.WEBHOOK_SIGNATURE, WebhookHeaderCheck::invalid);
        String timestamp = IdentityHeaders.single(headers, VendoHeaders.WEBHOOK_TIMESTAMP, WebhookHeaderCheck::invalid);
        if (signature == null) {
            throw invalid("The webhook has no " + VendoHeaders.WEBHOOK_SIGNATURE + " header.");
        }
        if (timestamp == null) {
            throw invalid("The webhook has no " + VendoHeaders.WEBHOOK_TIMESTAMP + " header.");
        }
        Instant signedAt = instant(timestamp);
        if (signedAt == null) {
            throw invalid("The " + VendoHeaders.WEBHOOK_TIMESTAMP
                    + " header is malformed: it is neither unix seconds nor an RFC 3339 time.");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw invalid("The " + VendoHeaders.WEBHOOK_SIGNATURE + " header is malformed: it is not 64 "
                    + "hexadecimal characters (an HMAC-SHA256, no prefix).");
        }
        Duration off = Duration.between(signedAt, clock.instant());
        if (off.abs().compareTo(tolerance) > 0) {
            throw invalid("The " + VendoHeaders.WEBHOOK_TIMESTAMP + " is stale: " + off.abs().toSeconds() + " s "
                    + (off.isNegative() ? "ahead of" : "behind") + " this server's clock, more than the tolerance of "
                    + tolerance.toSeconds() + " s. A replayed delivery, or a clock out of sync.");
        }
    }

    /** A time as webhooks send it, unix seconds (digits only) or RFC 3339; {@code null} when it is neither. */
    private static Instant instant(String text) {
        try {
            if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException | NumberFormatException tooLargeOrMalformed) {
            return null;
        }
    }

    private static ValidationError invalid(String message) {
        return new ValidationError(ErrorCodes.WEBHOOK_INVALID, message);
    }
}
