package run.vendo.internal.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.errors.AuthError;
import run.vendo.errors.BalanceExhausted;
import run.vendo.errors.NeedsReauth;
import run.vendo.errors.NotConnected;
import run.vendo.errors.RateLimited;
import run.vendo.errors.SpendCapExceeded;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.VendoError;
import run.vendo.internal.text.Redactor;
import run.vendo.testing.RawJwts;

class ErrorMapperTest {

    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static VendoError map(int status, String headerCode, String retryAfter, String body) {
        return ErrorMapper.map(new ErrorMapper.ErrorAnswer(status, headerCode, retryAfter,
                body == null ? new byte[0] : body.getBytes(UTF_8)), "google", List.of(), CLOCK);
    }

    @ParameterizedTest
    @CsvSource({
        "app_unknown, AuthError", "app_revoked, AuthError", "app_expired, AuthError",
        "identity_invalid, AuthError", "identity_expired, AuthError",
        "binding_missing, NotConnected", "connection_revoked, NotConnected",
        "connection_needs_reauth, NeedsReauth", "balance_exhausted, BalanceExhausted",
        "spend_cap_daily, SpendCapExceeded", "spend_cap_monthly, SpendCapExceeded",
        "upstream_rate_limited, RateLimited", "upstream_error, UpstreamError",
        "validation_failed, ValidationError", "idempotency_conflict, IdempotencyConflict",
        "vendo_only_feature, VendoOnlyFeature", "identity_not_present, IdentityNotPresent",
        "profile_unsupported, UpstreamError", "provider_unknown, VendoError", "something_new, VendoError"
    })
    void mapsEveryCodeFromTheNestedBody(String code, String type) {
        VendoError e = map(400, null, null, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\"}}");
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(code, e.code());
        assertEquals(400, e.status().getAsInt());
    }

    /** Status first, code second: a code without a type of its own is typed by the status. */
    @ParameterizedTest
    @CsvSource({"401, AuthError", "429, RateLimited", "500, UpstreamError", "503, UpstreamError",
        "404, VendoError", "409, VendoError"})
    void anUnknownCodeIsTypedByItsStatus(int status, String type) {
        VendoError e = map(status, "rate_limit_sse_streams", null, null);
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals("rate_limit_sse_streams", e.code());
    }

    @Test
    void aKnownCodeDecidesWhateverTheStatus() {
        assertInstanceOf(NeedsReauth.class, map(401, "connection_needs_reauth", null, null));
        assertInstanceOf(SpendCapExceeded.class, map(429, "spend_cap_monthly", null, null));
        assertInstanceOf(NotConnected.class, map(500, "binding_missing", null, null));
    }

    @Test
    void readsTheBareMessageShape() {
        VendoError e = map(404, null, null, "{\"message\":\"No workspace found\"}");
        assertEquals("http_404", e.code());
        assertTrue(e.getMessage().contains("No workspace found"), e.getMessage());
    }

    @Test
    void readsTheFlatBodyShape() {
        VendoError e = map(404, null, null, "{\"error\":\"binding_missing\",\"detail\":\"Connect Google first\"}");
        assertInstanceOf(NotConnected.class, e);
        assertTrue(e.getMessage().contains("Connect Google first"));
    }

    @Test
    void theHeaderCodeWinsOverTheBody() {
        VendoError e = map(409, "connection_needs_reauth", null, "{\"error\":{\"code\":\"binding_missing\"}}");
        assertInstanceOf(NeedsReauth.class, e);
        assertEquals("connection_needs_reauth", e.code());
        assertInstanceOf(BalanceExhausted.class, map(402, "balance_exhausted", null, "<html>oops</html>"));
    }

    @Test
    void a429WithASpendCapCodeIsASpendCapNotARateLimit() {
        VendoError e = map(429, "spend_cap_daily", "3600", null);
        assertInstanceOf(SpendCapExceeded.class, e);
        assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"401, AuthError", "429, RateLimited", "500, UpstreamError", "503, UpstreamError",
            "404, VendoError", "418, VendoError"})
    void typesAnErrorWithoutCodeByStatus(int status, String type) {
        VendoError e = map(status, null, null, "not json at all");
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals("http_" + status, e.code());
    }

    @Test
    void retryAfterComesFromTheHeaderElseTheBody() {
        assertEquals(Duration.ofSeconds(7), map(429, null, "7",
                "{\"error\":{\"code\":\"upstream_rate_limited\",\"retry_after\":30}}")
                .retryAfter().orElseThrow());
        assertEquals(Duration.ofSeconds(30), map(429, null, null,
                "{\"error\":{\"code\":\"upstream_rate_limited\",\"retry_after\":30}}")
                .retryAfter().orElseThrow());
        assertEquals(Duration.ofMillis(1500), map(429, null, null,
                "{\"error\":\"upstream_rate_limited\",\"retry_after\":1.5}")
                .retryAfter().orElseThrow());
        assertEquals(Duration.ofSeconds(90), map(429, null, "Wed, 20 May 2026 12:01:30 GMT", null)
                .retryAfter().orElseThrow());
        assertTrue(map(429, null, "soon", null).retryAfter().isEmpty());
        assertInstanceOf(RateLimited.class, map(429, null, "soon", null));
    }

    @Test
    void keepsStructuredFields() {
        VendoError e = map(404, null, null, "{\"error\":{\"code\":\"binding_missing\",\"message\":\"Not connected\","
                + "\"slug\":\"gmail\",\"connect_url\":\"https://vendo.run/connect/gmail\",\"suggested_fix\":\"Connect it\"}}");
        assertEquals("gmail", e.slug().orElseThrow());
        assertEquals("https://vendo.run/connect/gmail", e.connectUrl().orElseThrow());
        assertEquals("Connect it", e.suggestedFix().orElseThrow());
        assertTrue(e.getMessage().contains("https://vendo.run/connect/gmail"), e.getMessage());
        assertEquals("google", map(404, "binding_missing", null, null).slug().orElseThrow());
    }

    @Test
    void scrubsSecretsAndControlCharactersFromServerText() {
        String apiKey = "vendo_sk_live_abcdef123456";
        String jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl";
        String body = "{\"error\":{\"code\":\"app_unknown\",\"message\":\"key " + apiKey + " and jwt " + jwt
                + " and sig c2lnbmF0dXJlc2lnbmF0dXJl\\r\\nInjected: yes\",\"suggested_fix\":\"use " + apiKey + "\"}}";
        VendoError e = ErrorMapper.map(new ErrorMapper.ErrorAnswer(401, null, null, body.getBytes(UTF_8)), null,
                List.of(apiKey, jwt, "c2lnbmF0dXJlc2lnbmF0dXJl"), CLOCK);
        assertInstanceOf(AuthError.class, e);
        for (String text : new String[] {e.getMessage(), e.suggestedFix().orElseThrow(), e.toString()}) {
            assertFalse(text.contains(apiKey), text);
            assertFalse(text.contains("c2lnbmF0dXJlc2lnbmF0dXJl"), text);
            assertFalse(text.contains("\n") || text.contains("\r"), text);
        }
        assertFalse(Redactor.scrub("other vendo_sk_test_zzz9 key", List.of()).contains("vendo_sk_test_zzz9"));
    }

    @Test
    void scrubsTheCallersSecretsFromEveryFieldAServerWrote() {
        String key = "app-key-without-the-usual-shape-0123456789";
        String jwt = RawJwts.expiringAt("alice", NOW.plusSeconds(3600));
        String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
        String body = "{\"error\":{\"code\":\"validation_failed\",\"message\":\"bad " + key + "\",\"slug\":\"" + key
                + "\",\"connect_url\":\"https://vendo.run/connect?jwt=" + jwt + "&key=" + key + "&s=" + signature
                + "\",\"suggested_fix\":\"use " + key + "\"}}";
        VendoError e = ErrorMapper.map(new ErrorMapper.ErrorAnswer(400, null, null, body.getBytes(UTF_8)), "google",
                List.of(key, jwt, signature), CLOCK);
        String text = e + " " + e.getMessage() + " " + e.details();
        for (String secret : List.of(key, jwt, signature)) {
            assertFalse(text.contains(secret), "a secret in " + text.replace(secret, "<secret>"));
        }
        assertTrue(e.connectUrl().orElseThrow().startsWith("https://vendo.run/connect?jwt="));
    }

    // Hostile answers: nothing a misbehaving upstream sends becomes a code or a link.

    private static final String KEY = "vendo_sk_test_0123456789abcdef0123456789abcdef";

    private static VendoError mapWithKey(int status, String headerCode, String body) {
        return ErrorMapper.map(new ErrorMapper.ErrorAnswer(status, headerCode, null,
                body == null ? new byte[0] : body.getBytes(UTF_8)), "google", List.of(KEY), CLOCK);
    }

    /** A JSON string literal of {@code s}. */
    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static List<String> hostileCodes() {
        return List.of(
                KEY,
                "leak_" + KEY,
                "vendo_sk_live_zzz9",
                "binding_missing_" + "x".repeat(20_000),
                "x".repeat(65),
                "binding_missing\r\nSet-Cookie: a=b",
                "binding_missing\u0000",
                "binding\tmissing",
                "bind\u0085ing",
                "BINDING_MISSING",
                "Binding_missing",
                "binding-missing",
                "binding missing",
                "_binding",
                "9lives",
                "b\u0131nding_missing",
                "<script>alert(1)</script>",
                "binding_missing.evil");
    }

    @ParameterizedTest
    @MethodSource("hostileCodes")
    void aCodeThatIsNotAPlainWordCountsAsNoneInTheBody(String hostile) {
        for (String body : List.of(
                "{\"error\":{\"code\":" + json(hostile) + ",\"message\":\"m\"}}",
                "{\"error\":" + json(hostile) + ",\"detail\":\"m\"}")) {
            for (int status : new int[] {400, 404, 503}) {
                VendoError e = mapWithKey(status, null, body);
                assertCodeIsGeneric(e, status, hostile);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("hostileCodes")
    void aCodeThatIsNotAPlainWordCountsAsNoneInTheHeader(String hostile) {
        VendoError e = mapWithKey(404, hostile, null);
        assertCodeIsGeneric(e, 404, hostile);
        assertEquals("VendoError", e.getClass().getSimpleName());
        assertInstanceOf(AuthError.class, mapWithKey(401, hostile, null));
        assertInstanceOf(UpstreamError.class, mapWithKey(502, hostile, null));
        assertInstanceOf(RateLimited.class, mapWithKey(429, hostile, null));
    }

    @Test
    void anInvalidHeaderCodeLeavesTheBodysValidCodeInCharge() {
        VendoError e = mapWithKey(404, "Binding_Missing\r\n", "{\"error\":{\"code\":\"binding_missing\"}}");
        assertInstanceOf(NotConnected.class, e);
        assertEquals("binding_missing", e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "binding_missing", "http_404", "a1_b2", "something_new"})
    void plainWordsAreCodes(String code) {
        assertEquals(code, mapWithKey(400, " " + code + " ", null).code());
        assertEquals(code, mapWithKey(400, null, "{\"error\":{\"code\":\"" + code + "\"}}").code());
    }

    @Test
    void aCodeMayHave64Characters() {
        String longest = "a" + "0123456789_".repeat(6).substring(0, 63);
        assertEquals(64, longest.length());
        assertEquals(longest, mapWithKey(400, longest, null).code());
        assertEquals("http_400", mapWithKey(400, longest + "b", null).code());
    }

    private static void assertCodeIsGeneric(VendoError e, int status, String hostile) {
        assertEquals("http_" + status, e.code(), "code of " + e);
        assertEquals(ErrorMapper.byStatus(status).apply(e.details()).getClass(), e.getClass());
        String text = e + " " + e.getMessage() + " " + e.details();
        assertFalse(text.contains(KEY), text);
        assertFalse(text.contains("\r") || text.contains("\n") || text.contains("\u0000"), text);
        assertFalse(text.contains(hostile), "the hostile code is reflected: " + text);
        assertTrue(text.length() < 2_000, "length " + text.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(document.cookie)", "JavaScript://vendo.run/%0aalert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "/connect/gmail", "connect/gmail",
        "//evil.test/connect", "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://vendo.run/connect",
        "https://vendo.run@evil.test/connect", "https:///connect", "https://vendo.run/connect\r\nX: y",
        "https://vendo.run/ connect", ""})
    void aConnectUrlOtherThanAnAbsoluteWebUrlIsDropped(String hostile) {
        String body = "{\"error\":{\"code\":\"binding_missing\",\"message\":\"Connect it\",\"connect_url\":"
                + json(hostile) + "}}";
        VendoError e = mapWithKey(404, null, body);
        assertInstanceOf(NotConnected.class, e);
        assertTrue(e.connectUrl().isEmpty(), e.connectUrl().toString());
        assertFalse(e.getMessage().contains("Connect at"), e.getMessage());
        if (!hostile.isEmpty()) {
            assertFalse(e.getMessage().contains(hostile), e.getMessage());
        }
        String flat = "{\"error\":\"binding_missing\",\"detail\":\"d\",\"connect_url\":" + json(hostile) + "}";
        assertTrue(mapWithKey(404, null, flat).connectUrl().isEmpty());
        assertTrue(mapWithKey(404, null, "{\"error\":{\"code\":\"binding_missing\",\"connect_url\":\""
                + "https://vendo.run/" + "c".repeat(600) + "\"}}").connectUrl().isEmpty(), "an overlong URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://vendo.run/connect/gmail", "HTTPS://vendo.run/connect/gmail?state=abc",
        "http://127.0.0.1:8080/connect/notion"})
    void anAbsoluteWebConnectUrlIsPassedOn(String url) {
        VendoError e = mapWithKey(404, null,
                "{\"error\":{\"code\":\"binding_missing\",\"connect_url\":" + json(url) + "}}");
        assertEquals(url, e.connectUrl().orElseThrow());
        assertTrue(e.getMessage().contains("Connect at " + url + "."), e.getMessage());
    }
}
