package run.vendo.jakarta.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The error body as bytes: field order, absent fields left out, and every character that could break it escaped. */
class ErrorJsonTest {

    @Test
    void everyFieldInItsPlace() {
        assertEquals("{\"error\":{\"code\":\"binding_missing\",\"message\":\"Connect Google first.\","
                + "\"slug\":\"google\",\"connect_url\":\"https://vendo.run/connect/google\",\"retry_after\":2,"
                + "\"suggested_fix\":\"Open the connect URL.\"}}",
                ErrorJson.of("binding_missing", "Connect Google first.", "google", "https://vendo.run/connect/google",
                        Duration.ofMillis(1500), "Open the connect URL."));
    }

    @Test
    void absentFieldsAreLeftOut() {
        assertEquals("{\"error\":{\"code\":\"identity_invalid\",\"message\":\"bad token\"}}",
                ErrorJson.of("identity_invalid", "bad token", null, null, null, null));
        assertEquals("{\"error\":{\"code\":\"\",\"message\":\"\"}}", ErrorJson.of(null, null, null, null, null, null));
    }

    @Test
    void quotesControlCharactersAndEverythingBeyondAsciiAreEscaped() {
        String message = "a \"b\" \\ c\r\nd\te\u0000\u001f\u007f \u00fc \u2028 \ud83d\ude00";
        String json = ErrorJson.of("validation_failed", message, null, null, null, null);
        assertEquals("{\"error\":{\"code\":\"validation_failed\",\"message\":\"a \\\"b\\\" \\\\ c\\r\\nd\\te"
                + "\\u0000\\u001f\\u007f \\u00fc \\u2028 \\ud83d\\ude00\"}}", json);
        JsonObject error = Json.createReader(new StringReader(json)).readObject().getJsonObject("error");
        assertEquals(message, error.getString("message"));
    }

    @Test
    void aNegativeDelayIsZeroSeconds() {
        assertEquals(0, ErrorJson.seconds(Duration.ofSeconds(-3)));
        assertEquals(3, ErrorJson.seconds(Duration.ofSeconds(3)));
        assertEquals(4, ErrorJson.seconds(Duration.ofMillis(3001)));
    }
}
