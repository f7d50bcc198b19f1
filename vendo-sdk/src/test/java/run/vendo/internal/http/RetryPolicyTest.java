package run.vendo.internal.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.Vendo;
import run.vendo.errors.UpstreamError;
import run.vendo.internal.client.ClientInternals;

/**
 * Retries, waits and call deadlines. The policy's clock and ticker are the test's: a deadline passes
 * when the test moves the ticker, and a {@code Retry-After} date is measured against a clock far
 * from the system's. The end-to-end tests over loopback assert what happened, never how long it took.
 */
class RetryPolicyTest {

    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;
    private static final int DRAWS = 2_000;
    /** The client's clock, years away from the system's: a date measured on the wrong one would show. */
    private static final Instant NOW = Instant.parse("2001-09-09T01:46:40Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** The deadline's time source, moved by hand; its origin is arbitrary, as {@link System#nanoTime()}'s is. */
    private final AtomicLong nanoTime = new AtomicLong(123_456_789_000L);
    private final RetryPolicy policy = policy(ATTEMPTS, BASE);
    private final HttpClientContext context = HttpClientContext.create();
    private final HttpGet request = new HttpGet("http://127.0.0.1/openai");
    private final CountDownLatch testEnded = new CountDownLatch(1);
    private final ExecutorService silentHandlers = Executors.newCachedThreadPool();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        testEnded.countDown();
        if (server != null) {
            server.stop(0);
        }
        silentHandlers.shutdownNow();
    }

    private RetryPolicy policy(int attempts, Duration baseDelay) {
        return new RetryPolicy(attempts, baseDelay, REQUEST_TIMEOUT, CLOCK, nanoTime::get);
    }

    private void elapse(Duration d) {
        nanoTime.addAndGet(d.toNanos());
    }

    private static HttpResponse answer(int status, String retryAfter) {
        BasicHttpResponse response = new BasicHttpResponse(status);
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response;
    }

    // Backoff

    @Test
    void everyBackoffIsEqualJitterOfTheDoublingCeilingAndNeverAboveTheCap() {
        long cap = RetryPolicy.MAX_BACKOFF.toMillis();
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = Math.min(cap, BASE.toMillis() << (attempt - 1));
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < DRAWS; i++) {
                long delay = policy.backoff(attempt).toMilliseconds();
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            assertTrue(min >= ceiling / 2, "attempt " + attempt + ": " + min + " ms is below half of " + ceiling);
            assertTrue(max <= ceiling, "attempt " + attempt + ": " + max + " ms is above " + ceiling);
            // Jitter, not a fixed delay: the draws spread over most of the range.
            assertTrue(max - min > ceiling / 4, "attempt " + attempt + ": draws within [" + min + ", " + max + "]");
        }
    }

    @Test
    void aBaseDelayAboveTheCapIsCapped() {
        RetryPolicy slow = policy(ATTEMPTS, Duration.ofSeconds(30));
        for (int i = 0; i < DRAWS; i++) {
            assertTrue(slow.backoff(1).compareTo(TimeValue.of(RetryPolicy.MAX_BACKOFF)) <= 0);
        }
    }

    @Test
    void aZeroBaseDelayRetriesAtOnce() {
        RetryPolicy eager = policy(ATTEMPTS, Duration.ZERO);
        assertEquals(0, eager.backoff(1).toMilliseconds());
        assertEquals(0, eager.backoff(5).toMilliseconds());
    }

    @Test
    void networkErrorsAndAnswersWithoutRetryAfterWaitTheBackoff() {
        long ceiling = BASE.toMillis() * 2;
        for (int i = 0; i < DRAWS; i++) {
            long afterIo = policy.getRetryInterval(request, new ConnectException(), 2, context).toMilliseconds();
            long afterStatus = policy.getRetryInterval(answer(503, null), 2, context).toMilliseconds();
            long afterPastDate = policy.getRetryInterval(answer(503, httpDate(NOW.minusSeconds(60))), 2,
                    context).toMilliseconds();
            for (long delay : new long[] {afterIo, afterStatus, afterPastDate}) {
                assertTrue(delay >= ceiling / 2 && delay <= ceiling, delay + " ms outside [" + ceiling / 2 + ", "
                        + ceiling + "]");
            }
        }
    }

    // Retry-After

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void retryAfterWithinTheRequestTimeoutIsWaitedForExactly(int status) {
        HttpResponse response = answer(status, "7");
        assertTrue(policy.retryRequest(response, 1, context));
        assertEquals(Duration.ofSeconds(7).toMillis(), policy.getRetryInterval(response, 1, context).toMilliseconds());
    }

    @Test
    void retryAfterOfExactlyTheRequestTimeoutIsStillWaitedFor() {
        assertTrue(policy.retryRequest(answer(503, Long.toString(REQUEST_TIMEOUT.toSeconds())), 1, context));
    }

    @Test
    void retryAfterBeyondTheRequestTimeoutStopsRetrying() {
        assertFalse(policy.retryRequest(answer(503, Long.toString(REQUEST_TIMEOUT.toSeconds() + 1)), 1, context));
        assertFalse(policy.retryRequest(answer(503, "120"), 1, context));
        assertFalse(policy.retryRequest(answer(503, httpDate(NOW.plusSeconds(120))), 1, context));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredAgainstTheClientsClock() {
        HttpResponse response = answer(503, httpDate(NOW.plusSeconds(6)));
        assertTrue(policy.retryRequest(response, 1, context));
        assertEquals(6_000, policy.getRetryInterval(response, 1, context).toMilliseconds());
        assertEquals(6_000, policy.getRetryInterval(response, 1, context).toMilliseconds(), "undecided, read alike");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5", "99999999999999999999", "7s", "1.5", ""})
    void anUnusableRetryAfterMeansTheBackoff(String retryAfter) {
        HttpResponse response = answer(503, retryAfter);
        assertTrue(policy.retryRequest(response, 1, context));
        long delay = policy.getRetryInterval(response, 1, context).toMilliseconds();
        assertTrue(delay >= BASE.toMillis() / 2 && delay <= BASE.toMillis(), delay + " ms");
    }

    @Test
    void theWaitAndTheErrorReadRetryAfterAlike() {
        for (String value : List.of("7", " 7 ", httpDate(NOW.plusSeconds(9)), "Sunday, 09-Sep-01 01:46:48 GMT")) {
            HttpResponse response = answer(503, value);
            Duration told = ErrorMapper.map(new ErrorMapper.ErrorAnswer(503, null, value, new byte[0]), "openai",
                    List.of(), CLOCK).retryAfter().orElseThrow();
            assertTrue(policy.retryRequest(response, 1, context), value);
            assertEquals(told.toMillis(), policy.getRetryInterval(response, 1, context).toMilliseconds(), value);
        }
    }

    // What is retried at all

    @Test
    void rateLimitedIsNeverRetried() {
        assertFalse(policy.retryRequest(answer(429, null), 1, context));
        assertFalse(policy.retryRequest(answer(429, "1"), 1, context));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 400, 401, 403, 404, 409, 422, 501, 505})
    void otherStatusesAreNotRetried(int status) {
        assertFalse(policy.retryRequest(answer(status, null), 1, context));
    }

    @Test
    void timeoutsRefusalsResetsAndDroppedConnectionsAreRetried() {
        List<IOException> transients = List.of(
                new SocketTimeoutException("Read timed out"),
                new ConnectTimeoutException("Connect timed out"),
                new ConnectException("Connection refused"),
                new SocketException("Connection reset"),
                new NoHttpResponseException("127.0.0.1 failed to respond"),
                new ConnectionClosedException());
        for (IOException e : transients) {
            assertTrue(policy.retryRequest(request, e, 1, context), e.getClass().getSimpleName());
        }
    }

    @Test
    void interruptsUnknownHostsTlsFailuresAndOversizedBodiesAreNotRetried() {
        List<IOException> permanent = List.of(
                new InterruptedIOException(),
                new UnknownHostException("vendo.invalid"),
                new SSLException("bad record"),
                new SSLHandshakeException("PKIX path building failed"),
                new ResponseTooLargeException(1));
        for (IOException e : permanent) {
            assertFalse(policy.retryRequest(request, e, 1, context), e.getClass().getSimpleName());
        }
    }

    @Test
    void aTimeoutOnAnInterruptedThreadIsNotRetried() {
        Thread.currentThread().interrupt();
        try {
            assertFalse(policy.retryRequest(request, new SocketTimeoutException(), 1, context));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void maxAttemptsIsTheTotalNumberOfAttempts() {
        for (int execCount = 1; execCount < ATTEMPTS; execCount++) {
            assertTrue(policy.retryRequest(request, new ConnectException(), execCount, context));
            assertTrue(policy.retryRequest(answer(503, null), execCount, context));
        }
        assertFalse(policy.retryRequest(request, new ConnectException(), ATTEMPTS, context));
        assertFalse(policy.retryRequest(answer(503, null), ATTEMPTS, context));

        RetryPolicy once = policy(1, BASE);
        assertFalse(once.retryRequest(request, new ConnectException(), 1, context));
        assertFalse(once.retryRequest(answer(503, null), 1, context));
    }

    // The call's deadline

    private static final RequestConfig CONFIG = RequestConfig.custom()
            .setResponseTimeout(Timeout.of(REQUEST_TIMEOUT))
            .setConnectionRequestTimeout(Timeout.ofSeconds(5))
            .build();

    @Test
    void noRetryStartsWhenTheWaitBeforeItWouldPassTheDeadline() {
        // The first backoff is 100 to 200 ms: it always reaches a 50 ms deadline.
        HttpClientContext call = policy.startCall(CONFIG, Duration.ofMillis(50));
        assertFalse(policy.retryRequest(request, new SocketTimeoutException(), 1, call));
        assertEquals(OptionalInt.of(1), RetryPolicy.timeRanOut(call));
        assertEquals("the call timeout of 50 ms ran out after 1 attempt", RetryPolicy.timeRanOutNote(call));

        HttpClientContext other = policy.startCall(CONFIG, Duration.ofMillis(50));
        assertFalse(policy.retryRequest(answer(503, null), 1, other));
        assertEquals(OptionalInt.of(1), RetryPolicy.timeRanOut(other));
    }

    @Test
    void theDeadlineIsKeptOnTheTicker() {
        RetryPolicy eager = policy(ATTEMPTS, Duration.ZERO);
        HttpClientContext call = eager.startCall(CONFIG, Duration.ofMillis(1));
        assertTrue(eager.retryRequest(request, new ConnectException(), 1, call), "the ticker has not moved");
        assertTrue(RetryPolicy.timeRanOut(call).isEmpty());

        elapse(Duration.ofMillis(1));
        assertFalse(eager.retryRequest(request, new ConnectException(), 2, call));
        assertFalse(eager.retryRequest(answer(502, null), 2, call));
        assertEquals(OptionalInt.of(2), RetryPolicy.timeRanOut(call));
        assertEquals("the call timeout of 1 ms ran out after 2 attempts", RetryPolicy.timeRanOutNote(call));
    }

    @Test
    void aRetryAfterThatWouldPassTheDeadlineIsNotWaitedFor() {
        // 5 s is within the request timeout, but not within a call timeout of 2 s.
        HttpClientContext call = policy.startCall(CONFIG, Duration.ofSeconds(2));
        assertFalse(policy.retryRequest(answer(503, "5"), 1, call));
        assertTrue(RetryPolicy.timeRanOut(call).isPresent());
    }

    @Test
    void withTimeLeftTheRetryWaitsWhatWasCheckedAndTheNextAttemptWaitsNoLongerThanWhatIsLeft() {
        HttpClientContext call = policy.startCall(CONFIG, Duration.ofSeconds(3));
        assertEquals(3_000, responseTimeout(call), "cut to the call");
        assertEquals(3_000, call.getRequestConfig().getConnectionRequestTimeout().toMilliseconds(),
                "the pool lease is cut too");

        elapse(Duration.ofMillis(500)); // the first attempt
        assertTrue(policy.retryRequest(answer(503, "1"), 1, call));
        assertEquals(1_000, policy.getRetryInterval(answer(503, "1"), 1, call).toMilliseconds());
        assertEquals(1_500, responseTimeout(call), "3 s less the attempt and the wait");
        assertEquals(1_500, call.getRequestConfig().getConnectionRequestTimeout().toMilliseconds());
        assertTrue(RetryPolicy.timeRanOut(call).isEmpty());

        for (int i = 0; i < 200; i++) {
            HttpClientContext again = policy.startCall(CONFIG, Duration.ofSeconds(60));
            assertTrue(policy.retryRequest(request, new ConnectException(), 1, again));
            TimeValue waited = policy.getRetryInterval(request, new ConnectException(), 1, again);
            assertEquals(REQUEST_TIMEOUT.toMillis(), responseTimeout(again),
                    "a request timeout within the time left is kept");
            assertTrue(waited.toMilliseconds() >= BASE.toMillis() / 2 && waited.toMilliseconds() <= BASE.toMillis());
        }
    }

    @Test
    void aCallTimeoutBeyondAYearDoesNotOverflow() {
        HttpClientContext call = policy.startCall(CONFIG, Duration.ofSeconds(Long.MAX_VALUE));
        assertTrue(policy.retryRequest(request, new ConnectException(), 1, call));
        assertEquals(REQUEST_TIMEOUT.toMillis(), responseTimeout(call));
    }

    @Test
    void aDeadlinePastTheTickersLargestValueStillHolds() {
        // A nanoTime origin is arbitrary: the deadline may lie beyond Long.MAX_VALUE and wrap around.
        nanoTime.set(Long.MAX_VALUE - Duration.ofMillis(100).toNanos());
        HttpClientContext call = policy.startCall(CONFIG, Duration.ofSeconds(3));

        elapse(Duration.ofMillis(500));
        assertTrue(policy.retryRequest(answer(503, "1"), 1, call));
        assertEquals(1_500, responseTimeout(call));

        elapse(Duration.ofMillis(1_500));
        assertFalse(policy.retryRequest(answer(503, "1"), 2, call), "the wait would end at the deadline");
        assertEquals(OptionalInt.of(2), RetryPolicy.timeRanOut(call));
    }

    private static long responseTimeout(HttpClientContext call) {
        return call.getRequestConfig().getResponseTimeout().toMilliseconds();
    }

    @Test
    void durationsAreWrittenAsPeopleReadThem() {
        assertEquals("500 ms", RetryPolicy.readable(Duration.ofMillis(500)));
        assertEquals("1.5 s", RetryPolicy.readable(Duration.ofMillis(1500)));
        assertEquals("10 s", RetryPolicy.readable(Duration.ofSeconds(10)));
    }

    // End to end over loopback

    @Test
    void aShortRetryAfterIsWaitedForAndTheSecondAttemptSucceeds() throws IOException {
        AtomicInteger requests = serve("1");
        try (Vendo vendo = client(REQUEST_TIMEOUT)) {
            long start = System.nanoTime();
            assertEquals("tok-openai", vendo.token("openai"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(2, requests.get());
            assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0, "the second attempt waited 1 s: took " + took);
        }
    }

    @Test
    void aRetryAfterBeyondTheRequestTimeoutFailsAtOnceWithIt() throws IOException {
        AtomicInteger requests = serve("120");
        try (Vendo vendo = client(Duration.ofSeconds(2))) {
            UpstreamError error = assertThrows(UpstreamError.class, () -> vendo.token("openai"));

            assertEquals(1, requests.get());
            assertEquals(Optional.of(Duration.ofSeconds(120)), error.retryAfter());
            assertEquals(OptionalInt.of(503), error.status());
        }
    }

    @Test
    void aServerThatNeverAnswersCostsOneRequestTimeoutByDefault() throws Exception {
        Semaphore arrivals = serveNothing();
        try (Vendo vendo = neverAnswered().build()) {
            UpstreamError error = assertThrows(UpstreamError.class, () -> vendo.token("openai"));

            assertEquals("network_error", error.code());
            // The attempt waited its whole request timeout, which is the call timeout: no time is left.
            assertTrue(error.getMessage().contains("the call timeout of 1 s ran out after 1 attempt"),
                    error.getMessage());
            assertArrivals(arrivals, 1);
        }
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnWhenTheCallTimeoutRunsOut() throws Exception {
        Semaphore arrivals = serveNothing();
        try (Vendo vendo = neverAnswered().callTimeout(Duration.ofMillis(1_500)).build()) {
            UpstreamError error = assertThrows(UpstreamError.class, () -> vendo.token("openai"));

            assertEquals("network_error", error.code());
            String message = error.getMessage();
            Matcher ranOut = Pattern.compile("the call timeout of 1\\.5 s ran out after (\\d+) attempts?")
                    .matcher(message);
            assertTrue(ranOut.find(), message);
            // The second attempt, when there is time for one, may wait only what is left of the call,
            // so the third never starts: the deadline, not the attempts, ended the call.
            int attempts = Integer.parseInt(ranOut.group(1));
            assertTrue(attempts == 1 || attempts == 2, message);
            assertArrivals(arrivals, attempts);
            assertFalse(message.contains("vendo_sk_test"), message);
        }
    }

    @Test
    void quickFailuresAreStillRetriedWithinTheDefaultCallTimeout() throws IOException {
        AtomicInteger requests = serve("0");
        // The failure costs no time on the ticker: only the backoff counts against the call timeout.
        try (Vendo vendo = ClientInternals.ticker(neverAnswered(), () -> 0L).build()) {
            assertEquals("tok-openai", vendo.token("openai"));
            assertEquals(2, requests.get());
        }
    }

    /** Waits for the server to see {@code n} requests (it may count one after the client gave up), then no more. */
    private static void assertArrivals(Semaphore arrivals, int n) throws InterruptedException {
        assertTrue(arrivals.tryAcquire(n, 30, TimeUnit.SECONDS), "the server saw fewer than " + n + " requests");
        assertEquals(0, arrivals.availablePermits(), "requests beyond " + n);
    }

    /** A credentials endpoint answering 503 with the given Retry-After first, then a token. */
    private AtomicInteger serve(String retryAfter) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                if (requests.incrementAndGet() == 1) {
                    exchange.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, retryAfter);
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    byte[] body = "{\"access_token\": \"tok-openai\", \"expires_at\": null, \"token_type\": \"Bearer\"}"
                            .getBytes(UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
        return requests;
    }

    /** A credentials endpoint that takes every request and never answers, until the test ends. */
    private Semaphore serveNothing() throws IOException {
        Semaphore arrivals = new Semaphore(0);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(silentHandlers);
        server.createContext("/", exchange -> {
            arrivals.release();
            try {
                testEnded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        return arrivals;
    }

    /** Three attempts of one second each against {@link #serveNothing()}. */
    private Vendo.Builder neverAnswered() {
        return Vendo.builder()
                .apiKey("vendo_sk_test")
                .credentialsUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .environment(Map.of())
                .requestTimeout(Duration.ofSeconds(1))
                .maxAttempts(3);
    }

    /** A client whose call deadline never passes: these calls are about Retry-After, not the call timeout. */
    private Vendo client(Duration requestTimeout) {
        return ClientInternals.ticker(Vendo.builder()
                .apiKey("vendo_sk_test")
                .credentialsUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .environment(Map.of())
                .requestTimeout(requestTimeout), () -> 0L)
                .build();
    }

    private static String httpDate(Instant at) {
        return DateUtils.formatStandardDate(at);
    }
}
