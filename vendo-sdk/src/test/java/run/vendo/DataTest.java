package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.errors.BalanceExhausted;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.NotConnected;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.ValidationError;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Fault;
import run.vendo.testing.RecordedRequest;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/** data().execute(): the request, the result, each error shape, and never a second attempt. */
class DataTest {

    static final String EXECUTE = "/data-proxy/v1/execute";

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo,
            b -> ClientInternals.fastRetries(b.requestTimeout(Duration.ofSeconds(2)), Duration.ofMillis(5)));

    private VendoEmulator emulator;
    private final Vendo root = client.root();

    @BeforeEach
    void connect() {
        emulator = vendo.emulator();
        emulator.deployment().connect("gmail");
        emulator.dataProxy().action("GMAIL_SEND_EMAIL", "gmail", "{\"message_id\": \"m-1\", \"size\": 12}");
    }

    @Test
    void anActionIsPostedWithItsArgumentsAndItsDataReturnedAsPlainJava() {
        Object result = root.data().execute("GMAIL_SEND_EMAIL", Map.of("recipient_email", "ada@example.com"));
        assertEquals(Map.of("message_id", "m-1", "size", 12L), result);
        assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) result).clear());

        List<RecordedRequest> requests = emulator.requests();
        assertEquals(1, requests.size());
        RecordedRequest post = requests.get(0);
        assertEquals("POST", post.method());
        assertEquals(EXECUTE, post.path());
        assertTrue(post.header("Content-Type").startsWith("application/json"), post.header("Content-Type"));
        assertEquals("Bearer " + emulator.apiKey(), post.header("Authorization"));
        assertEquals("2026-05-15", post.header("Vendo-API-Version"));
        assertNull(post.header("X-Vendo-User-JWT"));
        JsonObject body = json(post.body());
        assertEquals("GMAIL_SEND_EMAIL", body.getString("action_id"));
        assertEquals("ada@example.com", body.getJsonObject("args").getString("recipient_email"));
        assertEquals(2, body.size());
    }

    @Test
    void noArgumentsAreSentAsAnEmptyObject() {
        root.data().execute("GMAIL_SEND_EMAIL");
        root.data().execute(" GMAIL_SEND_EMAIL ", null);
        for (RecordedRequest post : emulator.requests()) {
            JsonObject body = json(post.body());
            assertEquals("GMAIL_SEND_EMAIL", body.getString("action_id"));
            assertEquals(Json.createObjectBuilder().build(), body.getJsonObject("args"));
        }
    }

    @Test
    void plainJavaArgumentsAreWrittenAsJson() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("none", null);
        nested.put("yes", true);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("text", "line\n\"quoted\"");
        args.put("int", 7);
        args.put("long", Long.MAX_VALUE);
        args.put("short", (short) 3);
        args.put("atomic", new AtomicLong(9));
        args.put("big", new BigInteger("123456789012345678901234567890"));
        args.put("decimal", new BigDecimal("0.10"));
        args.put("double", 2.5d);
        args.put("float", 0.1f);
        args.put("list", List.of("a", 1));
        args.put("array", new String[] {"x", "y"});
        args.put("ints", new int[] {1, 2});
        args.put("nested", nested);
        args.put("json", Json.createObjectBuilder().add("k", "v").build());
        root.data().execute("GMAIL_SEND_EMAIL", args);

        JsonObject sent = json(emulator.requests().get(0).body()).getJsonObject("args");
        assertEquals("line\n\"quoted\"", sent.getString("text"));
        assertEquals(7, sent.getInt("int"));
        assertEquals(Long.MAX_VALUE, sent.getJsonNumber("long").longValueExact());
        assertEquals(3, sent.getInt("short"));
        assertEquals(9, sent.getInt("atomic"));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                sent.getJsonNumber("big").bigIntegerValueExact());
        assertEquals(new BigDecimal("0.10"), sent.getJsonNumber("decimal").bigDecimalValue());
        assertEquals(new BigDecimal("2.5"), sent.getJsonNumber("double").bigDecimalValue());
        assertEquals(new BigDecimal("0.1"), sent.getJsonNumber("float").bigDecimalValue());
        assertEquals("[\"a\",1]", sent.getJsonArray("list").toString());
        assertEquals("[\"x\",\"y\"]", sent.getJsonArray("array").toString());
        assertEquals("[1,2]", sent.getJsonArray("ints").toString());
        assertEquals("{\"none\":null,\"yes\":true}", sent.getJsonObject("nested").toString());
        assertEquals("v", sent.getJsonObject("json").getString("k"));
    }

    @Test
    void argumentsThatAreNotJsonAreRefusedBeforeAnyCall() {
        Data data = root.data();
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
                () -> data.execute("GMAIL_SEND_EMAIL", Map.of("when", List.of("ok", Instant.EPOCH))));
        assertTrue(date.getMessage().contains("args.when[1]"), date.getMessage());
        assertTrue(date.getMessage().contains("java.time.Instant"), date.getMessage());
        assertFalse(date.getMessage().contains("1970"), "the value itself is never shown");

        assertThrows(IllegalArgumentException.class, () -> data.execute("A", Map.of("nan", Double.NaN)));
        assertThrows(IllegalArgumentException.class,
                () -> data.execute("A", Map.of("inf", Float.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> data.execute("A", Map.of("key", Map.of(1, "one"))));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        assertThrows(IllegalArgumentException.class, () -> data.execute("A", Map.of("m", nullKey)));
        assertThrows(IllegalArgumentException.class, () -> data.execute("A", Map.of("c", 'c')));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> data.execute("A", Map.of("cycle", cycle)));
        assertTrue(deep.getMessage().contains("nested more than"), deep.getMessage());
        assertEquals(0, emulator.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void aBlankActionIsAValidationErrorBeforeAnyCall(String action) {
        ValidationError e = assertThrows(ValidationError.class, () -> root.data().execute(action, Map.of()));
        assertEquals(ErrorCodes.VALIDATION_FAILED, e.code());
        assertThrows(ValidationError.class, () -> root.data().execute(null));
        assertEquals(0, emulator.calls());
    }

    @Test
    void dataNeedsVendoMode() {
        try (Vendo oss = Vendo.builder().environment(Map.of()).build()) {
            assertThrows(VendoOnlyFeature.class, () -> oss.data().execute("GMAIL_SEND_EMAIL"));
        }
        assertEquals(0, emulator.calls());
    }

    @Test
    void aMissingBindingIsNotConnectedForTheToolkit() {
        emulator.dataProxy().action("LINEAR_LIST_ISSUES", "linear", "[]");
        NotConnected e = assertThrows(NotConnected.class, () -> root.data().execute("LINEAR_LIST_ISSUES"));
        assertEquals(ErrorCodes.BINDING_MISSING, e.code());
        assertEquals("linear", e.slug().orElseThrow());
        assertEquals(403, e.status().getAsInt());
        assertEquals(1, emulator.calls(EXECUTE));

        emulator.deployment().connect("linear");
        assertEquals(List.of(), root.data().execute("LINEAR_LIST_ISSUES"));
    }

    @Test
    void bindingMissingWithoutAToolkitHasNoSlug() {
        emulator.dataProxy().answer("X", 403, "{\"error\": \"binding_missing\"}");
        NotConnected e = assertThrows(NotConnected.class, () -> root.data().execute("X"));
        assertTrue(e.slug().isEmpty());
    }

    @Test
    void aBodyWithoutAStringErrorMapsByTheHeadersCode() {
        emulator.inject(Fault.headerOnly(403, "balance_exhausted")).onPath(EXECUTE);
        assertThrows(BalanceExhausted.class, () -> root.data().execute("GMAIL_SEND_EMAIL"));
        assertEquals(1, emulator.calls(EXECUTE));
    }

    @Test
    void anyOtherStringErrorOfAFailedAnswerIsAComposioError() {
        // A 2xx is the action's result, as the docs and Vendo's other SDKs read it, whatever it holds.
        emulator.dataProxy().answer("FAILS_OK", 200, "{\"data\": {\"sent\": false}, \"successful\": false,"
                + " \"error\": \"Recipient address rejected\"}");
        assertEquals(Map.of("sent", false), root.data().execute("FAILS_OK"));
        emulator.dataProxy().answer("NO_DATA", 200,
                "{\"successful\": false, \"error\": \"Recipient address rejected\"}");
        assertEquals(Map.of("successful", false, "error", "Recipient address rejected"),
                root.data().execute("NO_DATA"));

        UpstreamError unknown = assertThrows(UpstreamError.class, () -> root.data().execute("NO_SUCH_ACTION"));
        assertEquals(ErrorCodes.COMPOSIO_ERROR, unknown.code());
        assertEquals(400, unknown.status().getAsInt());
        assertTrue(unknown.getMessage().contains("Action NO_SUCH_ACTION not found"), unknown.getMessage());

        emulator.dataProxy().answer("FAILS_500", 500, "{\"error\": \"tool crashed\"}");
        assertEquals(ErrorCodes.COMPOSIO_ERROR,
                assertThrows(UpstreamError.class, () -> root.data().execute("FAILS_500")).code());
        assertEquals(4, emulator.calls(EXECUTE), "not one of them was sent twice");
    }

    @Test
    void aBlankOrNullErrorIsNoError() {
        emulator.dataProxy().answer("QUIET", 200, "{\"data\": [1], \"error\": null, \"successful\": true}");
        assertEquals(List.of(1L), root.data().execute("QUIET"));
        emulator.dataProxy().answer("QUIET", 200, "{\"data\": [2], \"error\": \"\"}");
        assertEquals(List.of(2L), root.data().execute("QUIET"));
    }

    @Test
    void otherErrorsMapAsUsual() {
        emulator.inject(Fault.error(402, "balance_exhausted")).onPath(EXECUTE);
        assertEquals(402, assertThrows(BalanceExhausted.class, () -> root.data().execute("GMAIL_SEND_EMAIL"))
                .status().getAsInt());
        emulator.dataProxy().answer("NESTED", 409, "{\"error\": {\"code\": \"binding_missing\", \"slug\": \"gmail\"}}");
        assertEquals("gmail", assertThrows(NotConnected.class, () -> root.data().execute("NESTED"))
                .slug().orElseThrow());
        emulator.dataProxy().answer("BARE", 418, "{\"detail\": \"teapot\"}");
        VendoError bare = assertThrows(VendoError.class, () -> root.data().execute("BARE"));
        assertEquals("http_418", bare.code());
    }

    @Test
    void aBodyWithoutDataIsReturnedWhole() {
        emulator.dataProxy().answer("WHOLE", 200, "{\"successful\": true, \"count\": 2}");
        assertEquals(Map.of("successful", true, "count", 2L), root.data().execute("WHOLE"));
        emulator.dataProxy().answer("NULL_DATA", 201, "{\"data\": null, \"extra\": 1}");
        assertNull(root.data().execute("NULL_DATA"));
        emulator.inject(Fault.raw(200, "application/json", "[1, \"two\"]")).onPath(EXECUTE);
        assertEquals(List.of(1L, "two"), root.data().execute("WHOLE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"data\":", "<html>ok</html>"})
    void aSuccessThatIsNotJsonIsInvalid(String body) {
        emulator.inject(Fault.raw(200, "text/html", body)).onPath(EXECUTE);
        assertEquals(ErrorCodes.INVALID_RESPONSE,
                assertThrows(UpstreamError.class, () -> root.data().execute("GMAIL_SEND_EMAIL")).code());
        assertEquals(1, emulator.calls(EXECUTE));
    }

    @Test
    void a503IsNeverRetriedThoughAGetIs() {
        emulator.inject(Fault.status(503)).onPath("/api/billing/balance");
        root.billing().balance();
        assertEquals(2, emulator.calls("/api/billing/balance"), "the GET was retried after its 503");

        emulator.inject(Fault.status(503)).onPath(EXECUTE).always();
        UpstreamError e = assertThrows(UpstreamError.class, () -> root.data().execute("GMAIL_SEND_EMAIL"));
        assertEquals("http_503", e.code());
        assertEquals(1, emulator.calls(EXECUTE));
    }

    @Test
    void aDroppedConnectionIsNeverRetriedThoughAGetIs() {
        emulator.inject(Fault.drop()).onPath("/api/billing/spend-caps");
        root.billing().spendCaps();
        assertEquals(2, emulator.calls("/api/billing/spend-caps"), "the GET was retried after the drop");

        emulator.inject(Fault.drop()).onPath(EXECUTE).always();
        UpstreamError e = assertThrows(UpstreamError.class, () -> root.data().execute("GMAIL_SEND_EMAIL"));
        assertEquals(ErrorCodes.NETWORK_ERROR, e.code());
        assertTrue(e.getMessage().contains("after 1 attempt"), e.getMessage());
        assertTrue(e.getMessage().contains("not sent again"), e.getMessage());
        assertEquals(1, emulator.calls(EXECUTE));
    }

    @Test
    void aTimeoutIsNeverRetried() {
        emulator.inject(Fault.delay(Duration.ofSeconds(4))).onPath(EXECUTE);
        try (Vendo patient = ClientInternals.fastRetries(EmulatorClients.builder(emulator)
                .requestTimeout(Duration.ofMillis(300)).callTimeout(Duration.ofSeconds(10)), Duration.ofMillis(5))
                .build()) {
            assertEquals(ErrorCodes.NETWORK_ERROR,
                    assertThrows(UpstreamError.class, () -> patient.data().execute("GMAIL_SEND_EMAIL")).code());
        }
        assertEquals(1, emulator.calls(EXECUTE));
    }

    @Test
    void aResultLargerThanVendosOwnAnswersIsAccepted() {
        String big = "x".repeat(3 << 20);
        emulator.dataProxy().action("BIG", "gmail", "\"" + big + "\"");
        assertEquals(big, root.data().execute("BIG"));
    }

    @Test
    void errorTextNeverCarriesTheAppKeyOrTheJwt() {
        String jwt = emulator.mintUserJwt("quinn");
        emulator.dataProxy().answer("LEAKY", 400, "{\"error\": \"bad key " + emulator.apiKey() + " for " + jwt
                + "\"}");
        emulator.dataProxy().answer("LEAKY_BINDING", 403, "{\"error\": \"binding_missing\", \"toolkit\": \""
                + emulator.apiKey() + "\", \"detail\": \"" + jwt + "\"}");
        for (String action : List.of("LEAKY", "LEAKY_BINDING")) {
            VendoError e = assertThrows(VendoError.class, () -> root.data().execute(action));
            String text = e + " " + e.getMessage() + " " + e.details();
            assertFalse(text.contains(emulator.apiKey()), text);
            assertFalse(text.contains(jwt), text);
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void theArgumentsAreSentInTheirOrder() {
        Map<String, Object> args = new LinkedHashMap<>();
        for (String key : Arrays.asList("z", "a", "m")) {
            args.put(key, key);
        }
        root.data().execute("GMAIL_SEND_EMAIL", args);
        assertEquals("{\"z\":\"z\",\"a\":\"a\",\"m\":\"m\"}",
                json(emulator.requests().get(0).body()).getJsonObject("args").toString());
    }
}
