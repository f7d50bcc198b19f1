package run.vendo.jakarta.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import run.vendo.errors.AuthError;
import run.vendo.errors.BalanceExhausted;
import run.vendo.errors.ErrorDetails;
import run.vendo.errors.IdempotencyConflict;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.NeedsReauth;
import run.vendo.errors.NotConnected;
import run.vendo.errors.RateLimited;
import run.vendo.errors.SpendCapExceeded;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.ValidationError;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;

class VendoErrorMapperTest {

    private final VendoErrorMapper mapper = new VendoErrorMapper();

    static Stream<Arguments> statusTable() {
        return Stream.of(
                Arguments.of(new IdentityNotPresent("identity_not_present", "nobody"), 401),
                Arguments.of(new AuthError("identity_invalid", "bad token"), 401),
                Arguments.of(new AuthError("identity_expired", "old token"), 401),
                Arguments.of(new AuthError("app_revoked", "key revoked"), 502),
                Arguments.of(new AuthError("app_unknown", "key unknown"), 502),
                Arguments.of(new AuthError("http_401", "no code"), 502),
                Arguments.of(new VendoOnlyFeature("vendo_only_feature", "oss"), 501),
                Arguments.of(new VendoError("deployment_only", "a view asked for connections"), 500),
                Arguments.of(new NotConnected("binding_missing", "connect google"), 409),
                Arguments.of(new NeedsReauth("connection_needs_reauth", "reconnect"), 409),
                Arguments.of(new RateLimited("upstream_rate_limited", "slow"), 429),
                Arguments.of(new SpendCapExceeded("spend_cap_daily", "cap"), 429),
                Arguments.of(new BalanceExhausted("balance_exhausted", "top up"), 402),
                Arguments.of(new ValidationError("validation_failed", "bad slug"), 400),
                Arguments.of(new IdempotencyConflict("idempotency_conflict", "again"), 409),
                Arguments.of(new UpstreamError("upstream_error", "provider down"), 502),
                Arguments.of(new UpstreamError("network_error", "refused"), 503),
                Arguments.of(new UpstreamError("http_503", "busy"), 502),
                Arguments.of(new VendoError("something_new", "unknown code"), 502));
    }

    @ParameterizedTest
    @MethodSource("statusTable")
    void statusFollowsTheTable(VendoError error, int status) {
        Response response = mapper.toResponse(error);
        assertEquals(status, response.getStatus());
        assertEquals(status, VendoErrorMapper.statusOf(error));
        assertEquals(error.code(), response.getHeaderString("Vendo-Error-Code"));
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
        JsonObject body = body(response);
        assertEquals(error.code(), body.getString("code"));
        assertEquals(error.getMessage(), body.getString("message"));
        assertFalse(body.containsKey("slug"), "absent fields are left out");
        assertFalse(body.containsKey("connect_url"));
        assertFalse(body.containsKey("retry_after"));
        assertNull(response.getHeaderString("Retry-After"));
    }

    @Test
    void notConnectedCarriesSlugAndConnectUrl() {
        NotConnected error = new NotConnected(ErrorDetails.of("binding_missing", "Connect Google first.")
                .withStatus(404)
                .withSlug("google")
                .withConnectUrl("https://vendo.run/connect/google?x=\"1\"")
                .withSuggestedFix("Open the connect URL."), null);
        Response response = mapper.toResponse(error);
        assertEquals(409, response.getStatus());
        JsonObject body = body(response);
        assertEquals("google", body.getString("slug"));
        assertEquals("https://vendo.run/connect/google?x=\"1\"", body.getString("connect_url"));
        assertEquals("Open the connect URL.", body.getString("suggested_fix"));
    }

    @Test
    void rateLimitedSendsRetryAfterInWholeSeconds() {
        RateLimited error = new RateLimited(ErrorDetails.of("upstream_rate_limited", "Slow down.")
                .withStatus(429)
                .withRetryAfter(Duration.ofMillis(1500)), null);
        Response response = mapper.toResponse(error);
        assertEquals(429, response.getStatus());
        assertEquals("2", response.getHeaderString("Retry-After"));
        assertEquals(2, body(response).getInt("retry_after"));
    }

    @Test
    void spendCapSendsRetryAfter() {
        SpendCapExceeded error = new SpendCapExceeded(ErrorDetails.of("spend_cap_daily", "Daily cap reached.")
                .withRetryAfter(Duration.ofHours(3)), null);
        Response response = mapper.toResponse(error);
        assertEquals(429, response.getStatus());
        assertEquals("10800", response.getHeaderString("Retry-After"));
    }

    @Test
    void otherErrorsKeepRetryAfterInTheBodyOnly() {
        UpstreamError error = new UpstreamError(ErrorDetails.of("upstream_error", "Try later.")
                .withRetryAfter(Duration.ofSeconds(30)), null);
        Response response = mapper.toResponse(error);
        assertNull(response.getHeaderString("Retry-After"));
        assertEquals(30, body(response).getInt("retry_after"));
    }

    @Test
    void bodyIsAsciiJsonEvenForUnicodeMessages() {
        Response response = mapper.toResponse(new ValidationError("validation_failed", "Slug « ü » is invalid\n"));
        String raw = (String) response.getEntity();
        assertEquals(raw.length(), raw.chars().filter(c -> c < 0x80).count(), raw);
        assertEquals("Slug « ü » is invalid\n", body(response).getString("message"));
    }

    private static JsonObject body(Response response) {
        String json = (String) response.getEntity();
        return Json.createReader(new StringReader(json)).readObject().getJsonObject("error");
    }
}
