package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every fault really happens on the wire, and rules select the requests they apply to. */
class FaultInjectionTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension(b -> b.apiKey("vendo_sk_test_faults"));

    /** Sends a raw HTTP/1.1 GET and returns every byte the server sent until it closed. */
    private static byte[] rawExchange(VendoEmulator emulator, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + emulator.apiKey()
                    + "\r\nVendo-API-Version: " + TestHttp.API_VERSION + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset is a close too
            }
            return received.toByteArray();
        }
    }

    @Test
    void statusFaultSendsAnEmptyBodyWithoutCode() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google");
        emulator.inject(Fault.status(503));
        HttpResponse<String> r = TestHttp.get(emulator, "/credentials/google");
        assertEquals(503, r.statusCode());
        assertEquals("", r.body());
        assertTrue(r.headers().firstValue("Vendo-Error-Code").isEmpty());
        assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode(), "one request only");
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"), "faulted lookups do not count");
        assertEquals(503, emulator.requests().get(0).status());
    }

    @Test
    void errorFaultSendsHeaderAndNestedBodyWithEveryOption() {
        VendoEmulator emulator = vendo.emulator();
        emulator.inject(Fault.error(402, "balance_exhausted")
                .withSlug("openai")
                .withConnectUrl("https://vendo.example/top-up")
                .withRetryAfterBody(Duration.ofMillis(1500))
                .withSuggestedFix("Top up."));
        HttpResponse<String> r = TestHttp.get(emulator, "/credentials/openai");
        assertEquals(402, r.statusCode());
        assertEquals("balance_exhausted", r.headers().firstValue("Vendo-Error-Code").orElseThrow());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonObject error = TestHttp.json(r).getJsonObject("error");
        assertEquals("balance_exhausted", error.getString("code"));
        assertFalse(error.getString("message").isBlank());
        assertEquals("openai", error.getString("slug"));
        assertEquals("https://vendo.example/top-up", error.getString("connect_url"));
        assertEquals(2, error.getInt("retry_after"));
        assertEquals("Top up.", error.getString("suggested_fix"));
    }

    @Test
    void errorFaultWithoutHeaderOrWithFlatBody() {
        VendoEmulator emulator = vendo.emulator();
        emulator.inject(Fault.error(429, "spend_cap_daily").withoutHeader());
        HttpResponse<String> noHeader = TestHttp.get(emulator, "/credentials/google");
        assertEquals(429, noHeader.statusCode());
        assertTrue(noHeader.headers().firstValue("Vendo-Error-Code").isEmpty());
        assertEquals("spend_cap_daily", TestHttp.errorCode(noHeader));

        emulator.inject(Fault.error(400, "validation_failed").flatBody("slug is bad").withoutHeader());
        JsonObject flat = TestHttp.json(TestHttp.get(emulator, "/credentials/google"));
        assertEquals("validation_failed", flat.getString("error"));
        assertEquals("slug is bad", flat.getString("detail"));
        assertEquals(2, flat.size());

        assertThrows(IllegalStateException.class, () -> Fault.status(500).withSlug("x"));
    }

    @Test
    void headerOnlyFaultHasACodeAndANonJsonBody() {
        VendoEmulator emulator = vendo.emulator();
        emulator.inject(Fault.headerOnly(502, "upstream_error"));
        HttpResponse<String> r = TestHttp.get(emulator, "/credentials/google");
        assertEquals(502, r.statusCode());
        assertEquals("upstream_error", r.headers().firstValue("Vendo-Error-Code").orElseThrow());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertFalse(r.body().isEmpty());
        assertFalse(r.body().trim().startsWith("{"));
    }

    @Test
    void rateLimitedFaultSendsRetryAfterSecondsRoundedUp() {
        VendoEmulator emulator = vendo.emulator();
        emulator.inject(Fault.rateLimited(Duration.ofMillis(6200)));
        HttpResponse<String> r = TestHttp.get(emulator, "/credentials/google");
        assertEquals(429, r.statusCode());
        assertEquals("7", r.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("upstream_rate_limited", r.headers().firstValue("Vendo-Error-Code").orElseThrow());
        assertEquals("upstream_rate_limited", TestHttp.errorCode(r));
    }

    @Test
    void delayFaultHoldsTheResponseThenAnswersNormally() {
        VendoEmulator emulator = vendo.emulator();
        String token = emulator.deployment().connect("google");
        emulator.inject(Fault.delay(Duration.ofMillis(400)));
        long start = System.nanoTime();
        HttpResponse<String> r = TestHttp.get(emulator, "/credentials/google");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis >= 400, "took " + elapsedMillis + " ms");
        assertEquals(200, r.statusCode());
        assertEquals(token, TestHttp.json(r).getString("access_token"));
        assertEquals(1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));

        emulator.inject(Fault.delay(Duration.ofSeconds(5)));
        HttpRequest timed = TestHttp.authorized(emulator, "/credentials/google")
                .timeout(Duration.ofMillis(300)).build();
        assertThrows(java.net.http.HttpTimeoutException.class,
                () -> TestHttp.newClient().send(timed, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void holdFaultHoldsTheRequestUntilReleasedThenAnswersNormally() throws Exception {
        VendoEmulator emulator = vendo.emulator();
        String token = emulator.deployment().connect("google");
        FaultRule rule = emulator.inject(Fault.hold()).times(2);
        CompletableFuture<HttpResponse<String>> first = TestHttp.newClient().sendAsync(
                TestHttp.authorized(emulator, "/credentials/google").build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = TestHttp.newClient().sendAsync(
                TestHttp.authorized(emulator, "/credentials/google").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(rule.awaitHeld(2, Duration.ofSeconds(5)), "both requests arrive and wait");
        assertFalse(first.isDone());
        assertFalse(second.isDone());
        assertEquals(0, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"), "not answered yet");
        rule.release();
        assertEquals(token, TestHttp.json(first.get(5, TimeUnit.SECONDS)).getString("access_token"));
        assertEquals(200, second.get(5, TimeUnit.SECONDS).statusCode());
        assertEquals(0, rule.held());
        assertEquals(2, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));

        FaultRule cancelled = emulator.inject(Fault.hold());
        CompletableFuture<HttpResponse<String>> third = TestHttp.newClient().sendAsync(
                TestHttp.authorized(emulator, "/credentials/google").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(cancelled.awaitHeld(1, Duration.ofSeconds(5)));
        assertEquals(1, cancelled.held(), "the one request is held once");
        emulator.reset(); // cancels the rule, which lets the request go on
        assertEquals(200, third.get(5, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void dropClosesTheConnectionWithoutAnyByte() throws IOException {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google");
        emulator.inject(Fault.drop());
        assertEquals(0, rawExchange(emulator, "/credentials/google").length);

        // java.net.http retries a GET once when a connection closes before any byte: drop both attempts
        emulator.inject(Fault.drop()).times(2);
        HttpClient fresh = TestHttp.newClient();
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> TestHttp.send(fresh, TestHttp.authorized(emulator, "/credentials/google")));
        assertTrue(e.getCause() instanceof IOException);
        assertEquals(3, emulator.calls());
        assertTrue(emulator.requests().stream().allMatch(r -> r.status() == 0));
        assertEquals(0, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"));
        assertEquals(200, TestHttp.send(fresh, TestHttp.authorized(emulator, "/credentials/google")).statusCode());
    }

    @Test
    void truncatedBodyDeclaresMoreBytesThanItSends() throws IOException {
        VendoEmulator emulator = vendo.emulator();
        emulator.inject(Fault.truncatedBody());
        String raw = new String(rawExchange(emulator, "/credentials/google"), StandardCharsets.ISO_8859_1);
        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        int headerEnd = raw.indexOf("\r\n\r\n");
        String headers = raw.substring(0, headerEnd).toLowerCase(Locale.ROOT);
        int declared = Integer.parseInt(headers.split("content-length: ")[1].split("\r\n")[0].trim());
        int received = raw.length() - headerEnd - 4;
        assertTrue(received > 0 && received < declared, "received " + received + " of " + declared);

        emulator.inject(Fault.truncatedBody());
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> TestHttp.send(TestHttp.newClient(), TestHttp.authorized(emulator, "/credentials/google")));
        assertTrue(e.getCause() instanceof IOException);
    }

    @Test
    void rawFaultSendsExactlyThat() {
        VendoEmulator emulator = vendo.emulator();
        emulator.inject(Fault.raw(200, "application/json", "{\"access_token\": "));
        HttpResponse<String> malformed = TestHttp.get(emulator, "/credentials/google");
        assertEquals(200, malformed.statusCode());
        assertEquals("{\"access_token\": ", malformed.body());

        emulator.inject(Fault.raw(200, null, ""));
        HttpResponse<String> empty = TestHttp.get(emulator, "/credentials/google");
        assertEquals("", empty.body());
        assertTrue(empty.headers().firstValue("Content-Type").isEmpty());

        emulator.inject(Fault.raw(500, "text/html", "<h1>oops</h1>"));
        HttpResponse<String> html = TestHttp.get(emulator, "/credentials/google");
        assertEquals(500, html.statusCode());
        assertEquals("text/html", html.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void faultsComeBeforeAuthentication() {
        VendoEmulator emulator = vendo.emulator();
        emulator.inject(Fault.status(500));
        HttpResponse<String> r = TestHttp.send(HttpRequest.newBuilder(URI.create(emulator.credentialsUrl() + "/x")));
        assertEquals(500, r.statusCode());
    }

    @Test
    void timesAlwaysRemainingAndCancel() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google");
        FaultRule twice = emulator.inject(Fault.status(503)).times(2);
        assertEquals(2, twice.remaining());
        assertEquals(503, TestHttp.get(emulator, "/credentials/google").statusCode());
        assertEquals(1, twice.remaining());
        assertEquals(503, TestHttp.get(emulator, "/credentials/google").statusCode());
        assertEquals(0, twice.remaining());
        assertEquals(2, twice.applied());
        assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode());

        FaultRule always = emulator.inject(Fault.status(500)).always();
        for (int i = 0; i < 3; i++) {
            assertEquals(500, TestHttp.get(emulator, "/credentials/google").statusCode());
        }
        assertEquals(Integer.MAX_VALUE, always.remaining());
        always.cancel();
        assertEquals(0, always.remaining());
        assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode());
    }

    @Test
    void rulesMatchInInjectionOrderAndByPathSlugAndIdentity() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google");
        emulator.deployment().connect("notion");
        emulator.user("ivy").connect("google");
        emulator.inject(Fault.status(501)).onSlug("notion");
        emulator.inject(Fault.status(502)).onPath("/credentials/_bulk");
        emulator.inject(Fault.status(503)).forIdentity("ivy");
        emulator.inject(Fault.status(504)).forIdentity(VendoEmulator.DEPLOYMENT).onSlug("google");

        String ivy = emulator.mintUserJwt("ivy");
        assertEquals(200, TestHttp.getAs(emulator, "/api/deployments/me/connections",
                emulator.mintUserJwt("jack")).statusCode(), "no rule matches jack's connections");
        assertEquals(501, TestHttp.getAs(emulator, "/credentials/notion", ivy).statusCode(), "first match wins");
        assertEquals(503, TestHttp.getAs(emulator, "/credentials/google", ivy).statusCode());
        assertEquals(504, TestHttp.get(emulator, "/credentials/google").statusCode());
        assertEquals(502, TestHttp.get(emulator, "/credentials/_bulk?slugs=google").statusCode());
        assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode());
        assertEquals(403, TestHttp.getAs(emulator, "/credentials/notion", ivy).statusCode(), "all rules used up");
    }

    @Test
    void slugRuleOnlyMatchesThatSlugsCredentialsPath() {
        VendoEmulator emulator = vendo.emulator();
        emulator.deployment().connect("google");
        emulator.deployment().connect("notion");
        emulator.inject(Fault.status(501)).onSlug("notion");
        assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode());
        assertEquals(200, TestHttp.get(emulator, "/credentials/_bulk?slugs=notion").statusCode());
        assertEquals(501, TestHttp.get(emulator, "/credentials/notion").statusCode());
        assertEquals(200, TestHttp.get(emulator, "/credentials/notion").statusCode());
    }

    @Test
    void identityRuleSkipsOtherIdentitiesAndInvalidTokens() {
        VendoEmulator emulator = vendo.emulator();
        emulator.user("ivy").connect("google");
        emulator.user("jack").connect("google");
        emulator.deployment().connect("google");
        FaultRule rule = emulator.inject(Fault.status(503)).forIdentity("ivy");
        assertEquals(200, TestHttp.getAs(emulator, "/credentials/google", emulator.mintUserJwt("jack")).statusCode());
        assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode());
        assertEquals(401, TestHttp.getAs(emulator, "/credentials/google",
                emulator.jwt("ivy").signedByUnknownKey().sign()).statusCode());
        assertEquals(1, rule.remaining());
        assertEquals(503, TestHttp.getAs(emulator, "/credentials/google", emulator.mintUserJwt("ivy")).statusCode());
    }

    @Test
    void pathRuleAndJwks() {
        VendoEmulator emulator = vendo.emulator();
        FaultRule any = emulator.inject(Fault.status(500));
        HttpRequest.Builder jwks = HttpRequest.newBuilder(URI.create(emulator.jwksUrl()));
        assertEquals(200, TestHttp.send(jwks).statusCode(), "JWKS is not faulted by default");
        assertEquals(1, any.remaining());
        any.cancel();
        emulator.inject(Fault.status(503)).onPath("/auth/v1/.well-known/jwks.json");
        assertEquals(200, TestHttp.get(emulator, "/api/deployments/me/connections").statusCode());
        assertEquals(503, TestHttp.send(jwks).statusCode());
        assertEquals(2, emulator.jwksCalls());
    }

    @Test
    void resetClearsFaults() {
        VendoEmulator emulator = vendo.emulator();
        FaultRule rule = emulator.inject(Fault.status(500)).always();
        emulator.reset();
        assertEquals(0, rule.remaining());
        assertEquals(404, TestHttp.get(emulator, "/credentials/nothing").statusCode());
    }

    @Test
    void manyDropsAndTruncationsLeakNoServerThread() throws Exception {
        VendoEmulator emulator = VendoEmulator.start();
        try {
            emulator.deployment().connect("google");
            emulator.inject(Fault.drop()).times(20);
            emulator.inject(Fault.truncatedBody()).times(20);
            for (int i = 0; i < 40; i++) {
                rawExchange(emulator, "/credentials/google");
            }
            assertEquals(200, TestHttp.get(emulator, "/credentials/google").statusCode());
            // a request stuck in a long delay is released when the emulator closes
            emulator.inject(Fault.delay(Duration.ofMinutes(5)));
            CompletableFuture<HttpResponse<String>> stuck = TestHttp.newClient().sendAsync(
                    TestHttp.authorized(emulator, "/credentials/google").build(), HttpResponse.BodyHandlers.ofString());
            Await.until(() -> emulator.calls() == 42, "the 42nd request to arrive");
        } finally {
            emulator.close();
        }
        Await.until(() -> liveThreads(emulator) == 0, "every server thread to end after close()");
    }

    @Test
    void aDelayedRequestFailsFastWhenTheEmulatorCloses() throws Exception {
        VendoEmulator emulator = VendoEmulator.start();
        CompletableFuture<HttpResponse<String>> stuck;
        try {
            emulator.inject(Fault.delay(Duration.ofMinutes(5)));
            stuck = TestHttp.newClient().sendAsync(TestHttp.authorized(emulator, "/credentials/google").build(),
                    HttpResponse.BodyHandlers.ofString());
            Await.until(() -> emulator.calls() == 1, "the delayed request to arrive");
        } finally {
            emulator.close();
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> stuck.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IOException);
    }

    private static long liveThreads(VendoEmulator emulator) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(emulator.threadNamePrefix()) && t.isAlive())
                .count();
    }
}
