package run.vendo;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ValidationError;
import run.vendo.testing.MutableClock;
import run.vendo.testing.WebhookSigner;

/**
 * DESIGN.md section 3a, webhooks: {@code Vendo-Signature} is the hex HMAC-SHA256 of {@code
 * "{Vendo-Timestamp}.{body}"}, the timestamp within the tolerance of the builder's clock, the body
 * {@code {id, type, occurred_at, data}}; every failure a {@link ValidationError} that says what was
 * wrong and never shows the secret.
 */
class WebhooksTest {

    private static final String SECRET = "whsec_test_secret";
    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");
    private static final String NOW_SECONDS = "1779278400";
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"connection.connected\","
            + "\"occurred_at\":\"2026-05-20T11:59:30Z\",\"data\":{\"slug\":\"google\"}}";
    /** HMAC-SHA256 of {@code NOW_SECONDS + "." + BODY} under {@code SECRET}, computed outside Java. */
    private static final String BODY_SIGNATURE = "1851e016e890697a817a08d1c8ba87046700942386ead92e39a6e1ced545bf93";
    /** The same under the RFC 3339 spelling of {@code NOW}. */
    private static final String BODY_SIGNATURE_RFC3339 =
            "b5e56b8c239d6b35d90e795413b221729ddd441e472bae7bd203fbcd975815c8";
    private static final WebhookEvent EXPECTED = new WebhookEvent("evt_1", "connection.connected",
            Instant.parse("2026-05-20T11:59:30Z"), Map.of("slug", "google"));

    private final MutableClock clock = new MutableClock(NOW);

    private Webhooks webhooks() {
        return Vendo.builder().environment(Map.of()).webhookSecret(SECRET).clock(clock).build().webhooks();
    }

    private static Map<String, Object> headers(String signature, String timestamp) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Vendo-Signature", signature);
        headers.put("Vendo-Timestamp", timestamp);
        return headers;
    }

    @Test
    void aDeliverySignedOutsideJavaVerifies() {
        assertEquals(EXPECTED, webhooks().verify(headers(BODY_SIGNATURE, NOW_SECONDS), BODY));
        assertEquals(EXPECTED, webhooks().verify(headers(BODY_SIGNATURE, NOW_SECONDS), BODY.getBytes(UTF_8)));
    }

    @Test
    void anRfc3339TimestampIsSignedAsItIsSpelled() {
        assertEquals(EXPECTED, webhooks().verify(headers(BODY_SIGNATURE_RFC3339, "2026-05-20T12:00:00Z"), BODY));
        assertEquals(EXPECTED, webhooks().verify(headers(
                WebhookSigner.signature(SECRET, "2026-05-20T14:00:00+02:00", BODY.getBytes(UTF_8)),
                "2026-05-20T14:00:00+02:00"), BODY));
    }

    @Test
    void upperCaseHexIsTheSameSignature() {
        assertEquals(EXPECTED, webhooks().verify(headers(BODY_SIGNATURE.toUpperCase(Locale.ROOT), NOW_SECONDS), BODY));
    }

    @Test
    void headerNamesMatchInAnyCaseAndInEveryForm() {
        Map<String, Object> odd = Map.of("vENDO-sIGNATURE", List.of(BODY_SIGNATURE, BODY_SIGNATURE),
                "VENDO-TIMESTAMP", new String[] {NOW_SECONDS});
        assertEquals(EXPECTED, webhooks().verify(odd, BODY));

        TreeMap<String, String> servlet = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        servlet.put("vendo-signature", BODY_SIGNATURE);
        servlet.put("vendo-timestamp", NOW_SECONDS);
        assertEquals(EXPECTED, webhooks().verify(servlet::get, BODY));
        assertEquals(EXPECTED, webhooks().verify(servlet::get, BODY.getBytes(UTF_8)));
    }

    @Test
    void theSignatureCoversTheExactBytesNotTheirText() {
        // "é" as UTF-8, and bytes that are not UTF-8 at all inside a JSON string: both are signed as sent.
        byte[] body = "{\"id\":\"evt_2\",\"type\":\"t\",\"data\":{\"name\":\"José\"}}".getBytes(UTF_8);
        Map<String, String> signed = WebhookSigner.sign(SECRET, body, NOW);
        assertEquals("José", webhooks().verify(signed::get, body).data().get("name"));

        byte[] latin1 = "{\"id\":\"evt_3\",\"type\":\"t\",\"data\":{\"name\":\"José\"}}".getBytes(ISO_8859_1);
        Map<String, String> latin1Signed = WebhookSigner.sign(SECRET, latin1, NOW);
        assertEquals("evt_3", webhooks().verify(latin1Signed::get, latin1).id());
        // The same text as a String is UTF-8 on the wire: other bytes, another signature.
        ValidationError e = assertThrows(ValidationError.class,
                () -> webhooks().verify(latin1Signed::get, new String(latin1, ISO_8859_1)));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    static Stream<Arguments> badDeliveries() {
        String later = String.valueOf(NOW.getEpochSecond() + 1);
        String oneByteOff = BODY.replace("google", "googlf");
        return Stream.of(
                bad("no signature", Map.of("Vendo-Timestamp", NOW_SECONDS), BODY, "no Vendo-Signature header"),
                bad("blank signature", headers(" ", NOW_SECONDS), BODY, "no Vendo-Signature header"),
                bad("no timestamp", Map.of("Vendo-Signature", BODY_SIGNATURE), BODY, "no Vendo-Timestamp header"),
                bad("no headers at all", Map.of(), BODY, "no Vendo-Signature header"),
                bad("timestamp in words", headers(BODY_SIGNATURE, "yesterday"), BODY,
                        "Vendo-Timestamp header is malformed"),
                bad("fractional seconds", headers(BODY_SIGNATURE, NOW_SECONDS + ".5"), BODY,
                        "Vendo-Timestamp header is malformed"),
                bad("negative seconds", headers(BODY_SIGNATURE, "-" + NOW_SECONDS), BODY,
                        "Vendo-Timestamp header is malformed"),
                bad("seconds beyond any date", headers(BODY_SIGNATURE, "9".repeat(30)), BODY,
                        "Vendo-Timestamp header is malformed"),
                bad("signature with a prefix", headers("sha256=" + BODY_SIGNATURE, NOW_SECONDS), BODY,
                        "Vendo-Signature header is malformed"),
                bad("signature one digit short", headers(BODY_SIGNATURE.substring(1), NOW_SECONDS), BODY,
                        "Vendo-Signature header is malformed"),
                bad("signature not hex", headers("z" + BODY_SIGNATURE.substring(1), NOW_SECONDS), BODY,
                        "Vendo-Signature header is malformed"),
                bad("signed with another secret", WebhookSigner.sign("whsec_other", BODY, NOW), BODY, "does not match"),
                bad("body altered by one byte", headers(BODY_SIGNATURE, NOW_SECONDS), oneByteOff, "does not match"),
                bad("body with a trailing newline", headers(BODY_SIGNATURE, NOW_SECONDS), BODY + "\n",
                        "does not match"),
                bad("timestamp moved by one second", headers(BODY_SIGNATURE, later), BODY, "does not match"),
                bad("timestamp respelled as RFC 3339", headers(BODY_SIGNATURE, "2026-05-20T12:00:00Z"), BODY,
                        "does not match"),
                bad("signature of another body", headers(BODY_SIGNATURE, NOW_SECONDS), "{}", "does not match"),
                bad("two different signatures", Map.of("Vendo-Signature", List.of(BODY_SIGNATURE, "ab".repeat(32)),
                        "Vendo-Timestamp", NOW_SECONDS), BODY, "two different Vendo-Signature values"),
                bad("timestamps under names that differ in case", Map.of("Vendo-Signature", BODY_SIGNATURE,
                        "Vendo-Timestamp", NOW_SECONDS, "vendo-timestamp", later), BODY,
                        "two different Vendo-Timestamp values"),
                bad("signed 301 s ago", WebhookSigner.sign(SECRET, BODY, NOW.minusSeconds(301)), BODY,
                        "stale: 301 s behind"),
                bad("signed 301 s ahead", WebhookSigner.sign(SECRET, BODY, NOW.plusSeconds(301)), BODY,
                        "stale: 301 s ahead"),
                signedBad("body not JSON", "id=evt_1&type=x", "body is not JSON"),
                signedBad("empty body", "", "body is not JSON"),
                signedBad("JSON with trailing content", "{\"id\":\"e\",\"type\":\"t\"} {}", "body is not JSON"),
                signedBad("body an array", "[{\"id\":\"e\",\"type\":\"t\"}]", "not a JSON object"),
                signedBad("no id", "{\"type\":\"t\"}", "no \"id\" string"),
                signedBad("numeric id", "{\"id\":7,\"type\":\"t\"}", "no \"id\" string"),
                signedBad("blank type", "{\"id\":\"e\",\"type\":\" \"}", "no \"type\" string"),
                signedBad("data an array", "{\"id\":\"e\",\"type\":\"t\",\"data\":[1]}",
                        "\"data\" is not a JSON object"),
                signedBad("occurred_at in words", "{\"id\":\"e\",\"type\":\"t\",\"occurred_at\":\"noon\"}",
                        "\"occurred_at\""));
    }

    private static Arguments bad(String name, Map<String, ?> headers, String body, String problem) {
        return Arguments.of(name, headers, body, problem);
    }

    private static Arguments signedBad(String name, String body, String problem) {
        return bad(name, WebhookSigner.sign(SECRET, body, NOW), body, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDeliveries")
    void aBadDeliveryIsAValidationErrorThatSaysWhy(String name, Map<String, ?> headers, String body, String problem) {
        for (ValidationError e : List.of(
                assertThrows(ValidationError.class, () -> webhooks().verify(headers, body)),
                assertThrows(ValidationError.class, () -> webhooks().verify(headers, body.getBytes(UTF_8))))) {
            assertEquals(ErrorCodes.WEBHOOK_INVALID, e.code());
            assertTrue(e.getMessage().contains(problem), name + ": " + e.getMessage());
            assertSecretsAbsent(e, headers, body);
        }
    }

    /** Neither the secret nor the signature the delivery should have carried, in any case. */
    private static void assertSecretsAbsent(ValidationError e, Map<String, ?> headers, String body) {
        String all = (e + " " + e.getCause()).toLowerCase(Locale.ROOT);
        assertFalse(all.contains(SECRET), all);
        Object timestamp = headers.get("Vendo-Timestamp");
        if (timestamp instanceof String t) {
            assertFalse(all.contains(WebhookSigner.signature(SECRET, t, body.getBytes(UTF_8))), all);
        }
    }

    @Test
    void withoutASecretEveryDeliveryFailsAndSaysWhatToSet() {
        Webhooks unconfigured = Vendo.builder().environment(Map.of()).clock(clock).build().webhooks();
        ValidationError e = assertThrows(ValidationError.class,
                () -> unconfigured.verify(WebhookSigner.sign(SECRET, BODY, NOW), BODY));
        assertEquals(ErrorCodes.WEBHOOK_SECRET_MISSING, e.code());
        assertTrue(e.getMessage().contains("VENDO_WEBHOOK_SECRET") && e.getMessage().contains("webhookSecret"),
                e.getMessage());
        Webhooks blank = Vendo.builder().environment(Map.of("VENDO_WEBHOOK_SECRET", "  ")).clock(clock).build()
                .webhooks();
        assertEquals(ErrorCodes.WEBHOOK_SECRET_MISSING, assertThrows(ValidationError.class,
                () -> blank.verify(WebhookSigner.sign(SECRET, BODY, NOW), BODY)).code());
    }

    @Test
    void theSecretComesFromTheEnvironmentUnlessTheBuilderSetsOne() {
        Map<String, String> env = Map.of("VENDO_WEBHOOK_SECRET", "whsec_from_env");
        Webhooks fromEnv = Vendo.builder().environment(env).clock(clock).build().webhooks();
        assertEquals("evt_1", fromEnv.verify(WebhookSigner.sign("whsec_from_env", BODY, NOW), BODY).id());

        Webhooks fromBuilder = Vendo.builder().environment(env).webhookSecret(SECRET).clock(clock).build().webhooks();
        assertEquals("evt_1", fromBuilder.verify(WebhookSigner.sign(SECRET, BODY, NOW), BODY).id());
        assertThrows(ValidationError.class,
                () -> fromBuilder.verify(WebhookSigner.sign("whsec_from_env", BODY, NOW), BODY));
    }

    @Test
    void theToleranceIsInclusiveOnTheBuildersClockEitherWay() {
        Map<String, String> signed = WebhookSigner.sign(SECRET, BODY, NOW);
        Webhooks webhooks = webhooks();
        clock.set(NOW.plusSeconds(300));
        assertEquals(EXPECTED, webhooks.verify(signed::get, BODY));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(assertThrows(ValidationError.class, () -> webhooks.verify(signed::get, BODY))
                .getMessage().contains("stale: 301 s behind"));
        clock.set(NOW.minusSeconds(300));
        assertEquals(EXPECTED, webhooks.verify(signed::get, BODY));
        clock.advance(Duration.ofSeconds(-1));
        assertTrue(assertThrows(ValidationError.class, () -> webhooks.verify(signed::get, BODY))
                .getMessage().contains("stale: 301 s ahead"));
    }

    @Test
    void theToleranceIsTheBuilders() {
        Webhooks strict = Vendo.builder().environment(Map.of()).webhookSecret(SECRET).clock(clock)
                .webhookTolerance(Duration.ofSeconds(10)).build().webhooks();
        Map<String, String> signed = WebhookSigner.sign(SECRET, BODY, NOW.minusSeconds(10));
        assertEquals(EXPECTED, strict.verify(signed::get, BODY));
        Map<String, String> older = WebhookSigner.sign(SECRET, BODY, NOW.minusSeconds(11));
        ValidationError e = assertThrows(ValidationError.class, () -> strict.verify(older::get, BODY));
        assertTrue(e.getMessage().contains("tolerance of 10 s"), e.getMessage());
    }

    @Test
    void theTestingSignerAndTheVerifierAgree() {
        Map<String, Object> data = new HashMap<>();
        data.put("slug", "google");
        data.put("count", 3);
        data.put("ratio", new BigDecimal("0.25"));
        data.put("tags", List.of("a", "b"));
        data.put("nested", Map.of("ok", true));
        data.put("nothing", null);
        String body = WebhookSigner.event("evt_9", "billing.balance_changed", Instant.parse("2026-05-20T11:00:00Z"),
                data);
        WebhookEvent event = webhooks().verify(WebhookSigner.sign(SECRET, body, clock.instant()), body);
        assertEquals("evt_9", event.id());
        assertEquals("billing.balance_changed", event.type());
        assertEquals(Instant.parse("2026-05-20T11:00:00Z"), event.occurredAt().orElseThrow());
        assertEquals(3L, event.data().get("count"));
        assertEquals(new BigDecimal("0.25"), event.data().get("ratio"));
        assertEquals(List.of("a", "b"), event.data().get("tags"));
        assertEquals(Map.of("ok", true), event.data().get("nested"));
        assertTrue(event.data().containsKey("nothing") && event.data().get("nothing") == null);
        assertThrows(UnsupportedOperationException.class, () -> event.data().put("x", "y"));
    }

    @Test
    void occurredAtAndDataMayBeAbsentOrNull() {
        for (String body : new String[] {"{\"id\":\"e\",\"type\":\"t\"}",
            "{\"id\":\"e\",\"type\":\"t\",\"occurred_at\":null,\"data\":null}"}) {
            WebhookEvent event = webhooks().verify(WebhookSigner.sign(SECRET, body, NOW), body);
            assertTrue(event.occurredAt().isEmpty(), body);
            assertEquals(Map.of(), event.data(), body);
        }
        String seconds = "{\"id\":\"e\",\"type\":\"t\",\"occurred_at\":1779278000}";
        assertEquals(Instant.ofEpochSecond(1779278000L),
                webhooks().verify(WebhookSigner.sign(SECRET, seconds, NOW), seconds).occurredAt().orElseThrow());
    }

    @Test
    void aHeaderLookupThatKnowsOneSpellingOnlyFindsNothing() {
        // A Function lookup is asked for "Vendo-Signature" and "Vendo-Timestamp": case is the lookup's business.
        Map<String, String> lowerOnly = Map.of("vendo-signature", BODY_SIGNATURE, "vendo-timestamp", NOW_SECONDS);
        Function<String, String> caseSensitive = lowerOnly::get;
        ValidationError e = assertThrows(ValidationError.class, () -> webhooks().verify(caseSensitive, BODY));
        assertTrue(e.getMessage().contains("no Vendo-Signature header"), e.getMessage());
        Function<String, String> asked = name -> lowerOnly.get(name.toLowerCase(Locale.ROOT));
        assertEquals(EXPECTED, webhooks().verify(asked, BODY));
    }

    @Test
    void worksInBothModesAndNotOnAClosedClient() {
        Vendo vendoMode = Vendo.builder().environment(Map.of()).apiKey("vendo_sk_test").webhookSecret(SECRET)
                .clock(clock).build();
        assertEquals(EXPECTED, vendoMode.webhooks().verify(headers(BODY_SIGNATURE, NOW_SECONDS), BODY));
        vendoMode.close();
        assertThrows(IllegalStateException.class, vendoMode::webhooks);
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        Webhooks webhooks = webhooks();
        assertThrows(NullPointerException.class, () -> webhooks.verify(headers(BODY_SIGNATURE, NOW_SECONDS),
                (String) null));
        assertThrows(NullPointerException.class, () -> webhooks.verify((Map<String, ?>) null, BODY));
        assertThrows(NullPointerException.class, () -> webhooks.verify((Function<String, String>) null, new byte[0]));
    }
}
