package run.vendo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import run.vendo.errors.ValidationError;
import run.vendo.testing.WebhookSigner;

/**
 * {@link Webhooks#checkHeaders}, made before a webhook's body is read, holds the verifier's rules:
 * each delivery it refuses, the verifier refuses too (given a body correctly signed for its timestamp), with the
 * same code and message; each they let through, the verifier accepts.
 */
class WebhookHeaderCheckTest {

    private static final String SECRET = "whsec_header_check_test_0123456789";
    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] BODY = WebhookSigner.event("evt_check", "connection.connected", NOW,
            Map.of("slug", "google")).getBytes(StandardCharsets.UTF_8);
    private static final String TS = Long.toString(NOW.getEpochSecond());
    private static final String SIG = WebhookSigner.signature(SECRET, TS, BODY);

    private static final Vendo CLIENT = Vendo.builder().environment(Map.of()).webhookSecret(SECRET)
            .webhookTolerance(TOLERANCE).clock(CLOCK).build();

    private final Webhooks verifier = CLIENT.webhooks();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    /** One delivery's headers: each name with all its values. */
    private record Delivery(String what, Map<String, List<String>> headers) {}

    private static Delivery delivery(String what, List<String> timestamps, List<String> signatures) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!timestamps.isEmpty()) {
            headers.put("Vendo-Timestamp", timestamps);
        }
        if (!signatures.isEmpty()) {
            headers.put("vendo-signature", signatures);
        }
        return new Delivery(what, headers);
    }

    /** Signed over {@link #BODY} with the timestamp exactly as sent (the verifier signs the trimmed value). */
    private static Delivery signedAt(String what, String timestamp) {
        return delivery(what, List.of(timestamp), List.of(WebhookSigner.signature(SECRET, timestamp.strip(), BODY)));
    }

    private static List<Delivery> acceptable() {
        return List.of(
                signedAt("unix seconds, now", TS),
                signedAt("RFC 3339 in UTC", "2026-05-20T12:00:00Z"),
                signedAt("RFC 3339 with an offset and fractions", "2026-05-20T14:03:00.250+02:00"),
                signedAt("four minutes old", Long.toString(NOW.minusSeconds(240).getEpochSecond())),
                signedAt("four minutes ahead", Long.toString(NOW.plusSeconds(240).getEpochSecond())),
                signedAt("spaces around the timestamp", "  " + TS + "\t"),
                delivery("upper-case hex", List.of(TS), List.of(SIG.toUpperCase(Locale.ROOT))),
                delivery("identical repeats of both", List.of(TS, TS), List.of(SIG, SIG)),
                delivery("a blank repeat beside the value", List.of(TS, " "), List.of("", SIG)));
    }

    private static List<Delivery> refused() {
        String old = Long.toString(NOW.minusSeconds(301).getEpochSecond());
        String ahead = Long.toString(NOW.plusSeconds(360).getEpochSecond());
        return List.of(
                delivery("no headers", List.of(), List.of()),
                delivery("no signature", List.of(TS), List.of()),
                delivery("no timestamp", List.of(), List.of(SIG)),
                delivery("a blank signature", List.of(TS), List.of("  ")),
                delivery("a blank timestamp", List.of(""), List.of(SIG)),
                delivery("two different timestamps", List.of(TS, old), List.of(SIG)),
                delivery("two different signatures", List.of(TS), List.of(SIG, "0".repeat(64))),
                delivery("a timestamp in words", List.of("yesterday"), List.of(SIG)),
                delivery("fractional unix seconds", List.of(TS + ".5"), List.of(SIG)),
                delivery("a negative timestamp", List.of("-" + TS), List.of(SIG)),
                delivery("more seconds than a long holds", List.of("9".repeat(30)), List.of(SIG)),
                signedAt("unix milliseconds", TS + "000"),
                delivery("a local time without offset", List.of("2026-05-20T12:00:00"), List.of(SIG)),
                delivery("a signature of 63 hex digits", List.of(TS), List.of(SIG.substring(1))),
                delivery("a signature of 65 hex digits", List.of(TS), List.of(SIG + "0")),
                delivery("a prefixed signature", List.of(TS), List.of("sha256=" + SIG)),
                delivery("64 characters, not hex", List.of(TS), List.of("g".repeat(64))),
                signedAt("five minutes and a second old", old),
                signedAt("six minutes ahead", ahead),
                signedAt("RFC 3339, a day old", "2026-05-19T12:00:00Z"));
    }

    @Test
    void whatTheCheckRefusesTheVerifierRefusesWithTheSameMessage() {
        List<Executable> checks = new ArrayList<>();
        for (Delivery d : refused()) {
            checks.add(() -> {
                ValidationError early = assertThrows(ValidationError.class,
                        () -> verifier.checkHeaders(d.headers()), d.what());
                ValidationError verified = assertThrows(ValidationError.class,
                        () -> verifier.verify(d.headers(), BODY), d.what());
                assertEquals("webhook_invalid", early.code(), d.what());
                assertEquals(verified.code(), early.code(), d.what());
                assertEquals(verified.getMessage(), early.getMessage(), d.what());
            });
        }
        assertAll(checks);
    }

    @Test
    void whatTheVerifierAcceptsTheCheckLetsThrough() {
        List<Executable> checks = new ArrayList<>();
        for (Delivery d : acceptable()) {
            checks.add(() -> {
                assertEquals("evt_check", verifier.verify(d.headers(), BODY).id(), d.what());
                assertDoesNotThrow(() -> verifier.checkHeaders(d.headers()), d.what());
            });
        }
        assertAll(checks);
    }

    @Test
    void aStaleTimestampSaysHowFarAndWhichWay() {
        String old = Long.toString(NOW.minusSeconds(600).getEpochSecond());
        ValidationError e = assertThrows(ValidationError.class,
                () -> verifier.checkHeaders(delivery("old", List.of(old), List.of(SIG)).headers()));
        assertEquals("The webhook is refused: the Vendo-Timestamp is stale: 600 s behind this server's clock, more "
                + "than the tolerance of 300 s. A replayed delivery, or a clock out of sync.", e.getMessage());
    }
}
