package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.errors.RateLimited;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.ValidationError;
import run.vendo.errors.VendoError;
import run.vendo.testing.Fault;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;
import run.vendo.testing.WebhookSigner;

/**
 * Text a hostile or careless upstream sends, and what reaches exception messages, {@code
 * toString()}s and the caller: provider tokens quoted in Vendo's error text, line separators and C1
 * controls, access tokens that would split a header, JSON nested past the parser's limit, slugs a
 * proxy would resolve as a path.
 */
class HostileTextTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    private static final String SECRET = "whsec_hostile";
    private VendoEmulator emulator;
    private Vendo root;

    @BeforeEach
    void connect() {
        emulator = vendo.emulator();
        root = EmulatorClients.builder(emulator, Map.of("VENDO_WEBHOOK_SECRET", SECRET)).build();
    }

    @AfterEach
    void close() {
        root.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ya29.a0AfH6SMBx-3kq_Zz9", "sk-proj-abcdEFGH1234ijkl", "sk-ant-api03-abcdefgh12",
        "ntn_1234567890abcdefXYZ", "secret_abcdefghijklmnop1234", "xoxb-1234-5678-abcdEFGH",
        "ghp_abcdefghijklmnopqrstuv", "Bearer opaque.Provider~token"})
    void providerTokensQuotedByVendoNeverReachAMessage(String token) {
        String quoted = token.startsWith("Bearer ") ? token.substring("Bearer ".length()) : token;
        emulator.inject(Fault.raw(400, "application/json",
                "{\"error\": {\"code\": \"validation_failed\", \"message\": \"provider said no to " + token
                        + " just now\", \"suggested_fix\": \"rotate " + token + "\"}}"));
        VendoError e = assertThrows(VendoError.class, () -> root.token("google"));
        String shown = e.getMessage() + " " + e + " " + e.suggestedFix().orElse("");
        assertFalse(shown.contains(quoted), shown);
        assertTrue(e.getMessage().contains("just now"), "the rest of the text is kept: " + e.getMessage());
    }

    @Test
    void lineSeparatorsAndC1ControlsNeverReachAMessageOrAToString() {
        String hostile = "first\u0085second\u2028third\u2029fourth\u009bfifth\r\nsixth";
        emulator.inject(Fault.raw(400, "application/json",
                "{\"error\": {\"code\": \"validation_failed\", \"message\": \"" + hostile.replace("\r\n", "\\r\\n")
                        + "\"}}"));
        String message = assertThrows(VendoError.class, () -> root.token("google")).getMessage();
        assertTrue(message.contains("first"), message);
        assertOneLine(message);
        assertOneLine(new VendoEvent(hostile, null, hostile).toString());
        assertOneLine(Connection.of(Map.of("slug", hostile, "status", hostile, hostile, 1)).toString());
        assertOneLine(Integration.of(Map.of("provider", hostile, "name", hostile)).toString());
        for (String header : new String[] {"u1\u2028forged", "u1\u0085forged"}) {
            assertThrows(VendoError.class, () -> root.sso().identity(Map.of("X-Vendo-User-Id", header)),
                    "an identity header that could split a line is refused");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tok\r\nX-Injected: 1", "tok\nen", "tok\u0000en", "tok\u2028en"})
    void anAccessTokenWithControlCharactersIsAnInvalidResponse(String token) {
        emulator.inject(Fault.raw(200, "application/json", "{\"access_token\": \"" + escape(token)
                + "\", \"expires_at\": null}"));
        assertEquals("invalid_response", assertThrows(UpstreamError.class, () -> root.token("google")).code());
    }

    @Test
    void jsonNestedPastTheParsersLimitIsAnInvalidResponseInEveryAnswer() {
        String deep = "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        emulator.inject(Fault.raw(200, "application/json", deep)).always();
        emulator.deployment().connect("google");
        for (Runnable call : List.<Runnable>of(() -> root.token("google"), () -> root.tokens(List.of("google")),
                () -> root.connections().list(), () -> root.integrations().list(),
                () -> root.integrations().get("google"), () -> root.billing().balance(),
                () -> root.billing().spendCaps(), () -> root.billing().usage())) {
            assertEquals("invalid_response", assertThrows(UpstreamError.class, call::run).code());
        }
        emulator.reset();
        emulator.inject(Fault.raw(429, "application/json", deep));
        assertEquals("http_429", assertThrows(RateLimited.class, () -> root.token("google")).code(),
                "an error body too deep to read is an error without a code");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", " .. "})
    void dotSlugsAreRefusedBeforeAnyCall(String slug) {
        assertThrows(IllegalArgumentException.class, () -> root.token(slug));
        assertThrows(IllegalArgumentException.class, () -> root.integrations().get(slug));
        assertEquals(0, emulator.requests().size());
    }

    @Test
    void aWebhookNestedDeeperThanTheParserAllowsIsAValidationError() {
        String body = "{\"id\":\"e1\",\"type\":\"t\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Map<String, String> headers = WebhookSigner.sign(SECRET, body, emulator.clock().instant());
        ValidationError e = assertThrows(ValidationError.class, () -> root.webhooks().verify(headers, body));
        assertEquals("webhook_invalid", e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"e1\u2028x", "e1\nx", "e1\u0085x", "e1\tx"})
    void aWebhookIdOrTypeWithControlCharactersIsRefused(String value) {
        Instant now = emulator.clock().instant();
        for (String body : new String[] {WebhookSigner.event(value, "t", now, Map.of()),
            WebhookSigner.event("e1", value, now, Map.of())}) {
            Map<String, String> headers = WebhookSigner.sign(SECRET, body, now);
            assertEquals("webhook_invalid",
                    assertThrows(ValidationError.class, () -> root.webhooks().verify(headers, body)).code());
        }
    }

    private static void assertOneLine(String text) {
        assertFalse(text.matches("(?s).*[\\p{Cc}\\x{2028}\\x{2029}].*"), "control or separator in: " + text);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c == 0x2028 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
