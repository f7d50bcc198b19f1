package run.vendo.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook signing as Vendo does it, checked against signatures computed outside Java. */
class WebhookSignerTest {

    private static final String SECRET = "whsec_test_secret";
    private static final Instant AT = Instant.parse("2026-05-20T12:00:00Z");
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"connection.connected\","
            + "\"occurred_at\":\"2026-05-20T11:59:30Z\",\"data\":{\"slug\":\"google\"}}";

    @Test
    void signsTheTimestampADotAndTheBody() {
        assertEquals(Map.of("Vendo-Signature", "1851e016e890697a817a08d1c8ba87046700942386ead92e39a6e1ced545bf93",
                "Vendo-Timestamp", "1779278400"), WebhookSigner.sign(SECRET, BODY, AT));
        assertEquals(WebhookSigner.sign(SECRET, BODY, AT), WebhookSigner.sign(SECRET, BODY.getBytes(UTF_8), AT));
        assertEquals("b5e56b8c239d6b35d90e795413b221729ddd441e472bae7bd203fbcd975815c8",
                WebhookSigner.signature(SECRET, "2026-05-20T12:00:00Z", BODY.getBytes(UTF_8)));
    }

    @Test
    void signsWithTheEmulatorsSecretAtItsClocksTime() {
        try (VendoEmulator emulator = VendoEmulator.builder().clock(new MutableClock(AT)).start();
             VendoEmulator chosen = VendoEmulator.builder().webhookSecret(SECRET).clock(new MutableClock(AT)).start()) {
            assertTrue(emulator.webhookSecret().startsWith("whsec_"), "a generated secret");
            assertEquals(emulator.webhookSecret(), emulator.environment().get("VENDO_WEBHOOK_SECRET"));
            assertEquals(WebhookSigner.sign(emulator.webhookSecret(), BODY, AT), WebhookSigner.signFor(emulator, BODY));
            assertEquals(WebhookSigner.sign(SECRET, BODY, AT), WebhookSigner.signFor(chosen, BODY));
            assertEquals("1851e016e890697a817a08d1c8ba87046700942386ead92e39a6e1ced545bf93",
                    WebhookSigner.signFor(chosen, BODY).get(WebhookSigner.SIGNATURE_HEADER));
        }
        assertThrows(IllegalArgumentException.class, () -> VendoEmulator.builder().webhookSecret(" "));
    }

    @Test
    void signsNowByDefault() {
        long before = Instant.now().getEpochSecond();
        long signedAt = Long.parseLong(WebhookSigner.sign(SECRET, BODY).get(WebhookSigner.TIMESTAMP_HEADER));
        assertTrue(signedAt >= before && signedAt <= Instant.now().getEpochSecond(), String.valueOf(signedAt));
    }

    @Test
    void buildsTheBodyVendoSends() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("slug", "google");
        data.put("count", 3);
        data.put("ratio", new BigDecimal("0.25"));
        data.put("tags", List.of("a"));
        data.put("none", null);
        String body = WebhookSigner.event("evt_1", "connection.connected", Instant.parse("2026-05-20T11:59:30Z"),
                data);
        JsonObject json = JsonProvider.provider().createReader(new StringReader(body)).readObject();
        assertEquals("evt_1", json.getString("id"));
        assertEquals("connection.connected", json.getString("type"));
        assertEquals("2026-05-20T11:59:30Z", json.getString("occurred_at"));
        assertEquals(3, json.getJsonObject("data").getInt("count"));
        assertEquals(new BigDecimal("0.25"), json.getJsonObject("data").getJsonNumber("ratio").bigDecimalValue());
        assertEquals("a", json.getJsonObject("data").getJsonArray("tags").getString(0));
        assertTrue(json.getJsonObject("data").isNull("none"));

        JsonObject bare = JsonProvider.provider().createReader(new StringReader(
                WebhookSigner.event("evt_2", "t", null, null))).readObject();
        assertEquals(2, bare.size(), bare.toString());
    }

    @Test
    void refusesABlankSecretOrEvent() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign(" ", BODY, AT));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign(null, BODY));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.event("", "t", null, null));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.event("e", null, null, null));
    }
}
