package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.errors.AuthError;
import run.vendo.errors.NeedsReauth;
import run.vendo.errors.NotConnected;
import run.vendo.errors.RateLimited;
import run.vendo.errors.SpendCapExceeded;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.VendoError;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Fault;
import run.vendo.testing.FaultRule;
import run.vendo.testing.LogCapture;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/**
 * Typed errors, retries and connection release against injected faults, over real HTTP. The
 * clients keep their call deadlines on a ticker that stands still, so that every call makes the
 * attempts it is allowed however busy the machine, except where a test is about the deadline.
 */
class UpstreamFaultTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    private static final Duration FAST_RETRIES = Duration.ofMillis(10);
    /** How long the test waits for a marker event, such as the emulator holding a request. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private VendoEmulator emulator;
    private Vendo root;

    @BeforeEach
    void connect() {
        emulator = vendo.emulator();
        emulator.deployment().connect("google");
        root = untimed(EmulatorClients.builder(emulator)).build();
    }

    /** Fast retries, and call deadlines that never pass. */
    private static Vendo.Builder untimed(Vendo.Builder builder) {
        return ClientInternals.ticker(ClientInternals.fastRetries(builder, FAST_RETRIES), () -> 0L);
    }

    @AfterEach
    void noConnectionLeftLeased() {
        assertEquals(0, ClientInternals.leasedConnections(root), "leased connections after the test");
        root.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void transientServerErrorsAreRetried(int status) {
        emulator.inject(Fault.status(status)).times(2);
        assertEquals(emulator.deployment().token("google"), root.token("google"));
        assertEquals(3, emulator.calls("/credentials/google"));
    }

    @Test
    void serverErrorsAfterTheLastAttemptAreUpstreamErrorsEvenWithAnotherCode() {
        emulator.inject(Fault.status(503)).always();
        UpstreamError e = assertThrows(UpstreamError.class, () -> root.token("google"));
        assertEquals("http_503", e.code());
        assertEquals(503, e.status().getAsInt());
        assertEquals(3, emulator.calls("/credentials/google"));

        emulator.reset();
        emulator.inject(Fault.error(500, "binding_missing")).always();
        assertInstanceOf(NotConnected.class, assertThrows(VendoError.class, () -> root.token("google")));
        assertEquals(3, emulator.calls("/credentials/google"));
    }

    @Test
    void aRateLimitIsNotRetriedAndCarriesRetryAfter() {
        emulator.inject(Fault.rateLimited(Duration.ofSeconds(42)));
        RateLimited e = assertThrows(RateLimited.class, () -> root.token("google"));
        assertEquals(Duration.ofSeconds(42), e.retryAfter().orElseThrow());
        assertEquals(429, e.status().getAsInt());
        assertEquals(1, emulator.calls("/credentials/google"));

        emulator.inject(Fault.error(429, "spend_cap_daily").withoutHeader().withRetryAfterBody(Duration.ofSeconds(60)));
        SpendCapExceeded cap = assertThrows(SpendCapExceeded.class, () -> root.token("google"));
        assertEquals(Duration.ofSeconds(60), cap.retryAfter().orElseThrow());
    }

    @Test
    void notConnectedAndNeedsReauthCarryTheConnectUrlWhenVendoSendsOne() {
        NotConnected missing = assertThrows(NotConnected.class, () -> root.token("notion"));
        assertEquals("binding_missing", missing.code());
        assertEquals(403, missing.status().getAsInt(), "the credentials worker's documented status");
        assertEquals("notion", missing.slug().orElseThrow());

        emulator.deployment().needsReauth("google");
        NeedsReauth reauth = assertThrows(NeedsReauth.class, () -> root.token("google"));
        assertEquals(401, reauth.status().getAsInt(), "the credentials worker's documented status");

        emulator.inject(Fault.error(403, "binding_missing").withConnectUrl("https://vendo.run/connect/notion"));
        assertEquals("https://vendo.run/connect/notion", assertThrows(NotConnected.class, () -> root.token("notion"))
                .connectUrl().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aHostileErrorCodeAndConnectUrlAreNotPassedOn(boolean inTheHeader) {
        String hostile = "Leak_" + emulator.apiKey() + "_" + "x".repeat(300);
        Fault fault = Fault.error(404, hostile).withConnectUrl("javascript:alert(document.cookie)");
        emulator.inject(inTheHeader ? fault : fault.withoutHeader());
        VendoError e = assertThrows(VendoError.class, () -> root.token("google"));
        assertEquals(VendoError.class, e.getClass(), "typed by status, as an answer without a code");
        assertEquals("http_404", e.code());
        assertEquals(404, e.status().getAsInt());
        assertTrue(e.connectUrl().isEmpty(), e.connectUrl().toString());
        String text = e + " " + e.getMessage() + " " + e.details();
        assertFalse(text.contains(emulator.apiKey()), text);
        assertFalse(text.contains(hostile), text);
        assertFalse(text.contains("javascript:"), text);
        assertEquals(1, emulator.calls("/credentials/google"));
    }

    @Test
    void aWrongApiKeyIsAnAuthErrorThatDoesNotRepeatTheKey() {
        try (Vendo wrong = EmulatorClients.builder(emulator).apiKey("vendo_sk_wrong_key_123").build()) {
            AuthError e = assertThrows(AuthError.class, () -> wrong.token("google"));
            assertEquals("app_unknown", e.code());
            assertFalse(e.getMessage().contains("vendo_sk_wrong_key_123"));
            assertEquals(0, ClientInternals.leasedConnections(wrong));
        }
    }

    @Test
    void droppedConnectionsAndTruncatedBodiesAreRetriedNetworkErrors() {
        emulator.inject(Fault.drop());
        emulator.inject(Fault.truncatedBody());
        assertEquals(emulator.deployment().token("google"), root.token("google"));
        assertEquals(3, emulator.calls("/credentials/google"));

        root.invalidate("google");
        emulator.inject(Fault.drop()).always();
        UpstreamError e = assertThrows(UpstreamError.class, () -> root.token("google"));
        assertEquals("network_error", e.code());
        assertTrue(e.status().isEmpty());
    }

    @Test
    void anUnansweredAttemptUsesUpTheDefaultCallTimeout() throws InterruptedException {
        FaultRule unanswered = emulator.inject(Fault.hold()).always();
        // On the system ticker: the attempt waits its whole request timeout, which is the call timeout.
        try (Vendo client = ClientInternals.fastRetries(EmulatorClients.builder(emulator)
                .requestTimeout(Duration.ofMillis(500)), FAST_RETRIES).build()) {
            UpstreamError e = assertThrows(UpstreamError.class, () -> client.token("google"));
            assertEquals("network_error", e.code());
            assertTrue(e.getMessage().contains("the call timeout of 500 ms ran out after 1 attempt"), e.getMessage());
            assertTrue(unanswered.awaitHeld(1, WAIT), "the attempt reached the emulator");
            assertEquals(1, emulator.calls("/credentials/google"));
            assertEquals(0, ClientInternals.leasedConnections(client));
        }
    }

    @Test
    void anUnansweredAttemptTimesOutAndIsRetriedWhileTheCallTimeoutLeavesTime() throws InterruptedException {
        FaultRule unanswered = emulator.inject(Fault.hold()).always();
        try (Vendo patient = untimed(EmulatorClients.builder(emulator)
                .requestTimeout(Duration.ofMillis(500))
                .callTimeout(Duration.ofSeconds(10))).build()) {
            UpstreamError e = assertThrows(UpstreamError.class, () -> patient.token("google"));
            assertEquals("network_error", e.code());
            assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
            assertTrue(unanswered.awaitHeld(3, WAIT), "every attempt reached the emulator");
            assertEquals(3, emulator.calls("/credentials/google"));
            assertEquals(0, ClientInternals.leasedConnections(patient));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "", "[]", "{\"access_token\":null}",
        "{\"access_token\":\"t\",\"expires_at\":\"soon\"}",
        "<html>hello</html>"})
    void aSuccessfulAnswerThatIsNotTheExpectedJsonIsAnUpstreamError(String body) {
        emulator.inject(Fault.raw(200, "application/json", body));
        UpstreamError e = assertThrows(UpstreamError.class, () -> root.token("google"));
        assertEquals("invalid_response", e.code());
        assertEquals(1, emulator.calls("/credentials/google"));
    }

    @Test
    void aBulkAnswerOfTheWrongShapeIsAnUpstreamError() {
        emulator.inject(Fault.raw(200, "application/json", "{\"tokens\":[]}"));
        assertEquals("invalid_response",
                assertThrows(UpstreamError.class, () -> root.tokens(List.of("google"))).code());
    }

    @Test
    void aWorkerThatIsDownIsANetworkError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Vendo.Builder toNowhere = EmulatorClients.builder(emulator).credentialsUrl("http://127.0.0.1:" + port);
        try (Vendo down = untimed(toNowhere).build()) {
            UpstreamError e = assertThrows(UpstreamError.class, () -> down.token("google"));
            assertEquals("network_error", e.code());
            assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
            assertFalse(e.getMessage().contains(emulator.apiKey()));
        }
    }

    @Test
    void anOrdinaryFailureLogsNoWarning() {
        try (LogCapture capture = LogCapture.attach("", Level.WARNING)) {
            assertThrows(NotConnected.class, () -> root.token("notion"));
            assertEquals(Map.of(), root.tokens(List.of("gmail")));
            assertEquals(List.of(), capture.records().stream()
                    .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        }
    }

    @Test
    void failedLookupsAreNotCached() {
        emulator.inject(Fault.status(503)).times(3);
        assertThrows(UpstreamError.class, () -> root.token("google"));
        assertEquals(emulator.deployment().token("google"), root.token("google"));
        assertEquals(4, emulator.calls("/credentials/google"));
    }
}
