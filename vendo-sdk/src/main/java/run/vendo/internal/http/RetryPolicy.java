package run.vendo.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import run.vendo.VendoHeaders;
import run.vendo.errors.ErrorCodes;

/**
 * Which failures HttpClient tries again, and when. The superclass counts attempts and matches the
 * status codes and exception classes below; this class adds the backoff, {@code Retry-After} read
 * as errors read it ({@link RetryAfter}), retried timeouts, a bound on how long a server may make a
 * call wait, and the call's deadline: no attempt starts when the wait before it would reach the
 * deadline set by {@link #startCall}, and the attempts that do start wait no longer than the time
 * left. Deadlines are kept on the client's ticker, a monotonic nanosecond count, never on its
 * wall clock, which may jump.
 *
 * <p>A 429 is not in the list: the caller gets {@code RateLimited} with its {@code Retry-After}
 * at once. A call started by {@link #startSingleAttemptCall} is never tried again, whatever failed:
 * the superclass repeats a request after a retried status whatever its method.
 */
public final class RetryPolicy extends DefaultHttpRequestRetryStrategy {

    /** Longest backoff between two attempts, whatever the base delay. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private static final List<Integer> RETRIED_STATUSES = List.of(
            HttpStatus.SC_INTERNAL_SERVER_ERROR,
            HttpStatus.SC_BAD_GATEWAY,
            HttpStatus.SC_SERVICE_UNAVAILABLE,
            HttpStatus.SC_GATEWAY_TIMEOUT);

    /** Trying again cannot help: the host, the certificate and the body size will not change. */
    private static final List<Class<? extends IOException>> NOT_RETRIED = List.of(
            UnknownHostException.class, SSLException.class, ResponseTooLargeException.class);

    /**
     * The superclass's default wait, never used (this class decides every wait); zero never trips the
     * superclass's check of it against the response timeout.
     */
    private static final TimeValue UNUSED_DEFAULT_WAIT = TimeValue.ZERO_MILLISECONDS;

    /** Longer call timeouts are taken as this one, which keeps the deadline arithmetic from overflowing. */
    private static final Duration LONGEST_CALL = Duration.ofDays(365);

    /** Context attribute: the call's deadline on the ticker, a {@link Long}. */
    private static final String DEADLINE = "run.vendo.call-deadline";
    /** Context attribute: the call timeout, for messages. */
    private static final String CALL_TIMEOUT = "run.vendo.call-timeout";
    /** Context attribute: the attempts made when the deadline stopped the call. */
    private static final String TIME_RAN_OUT = "run.vendo.call-time-ran-out";
    /** Context attribute: present on a call that is attempted once only. */
    private static final String SINGLE_ATTEMPT = "run.vendo.single-attempt";
    /** Context attribute: the wait decided together with a retry, so that the check and the wait agree. */
    private static final String NEXT_WAIT = "run.vendo.next-wait";

    private static final System.Logger LOG = System.getLogger("run.vendo");

    private final int maxAttempts;
    private final long baseDelayMillis;
    private final Duration longestRetryAfter;
    private final Clock clock;
    private final LongSupplier ticker;

    /**
     * @param maxAttempts attempts in total, at least 1
     * @param baseDelay the ceiling of the first backoff
     * @param longestRetryAfter the longest {@code Retry-After} still waited for (the request
     *     timeout: a server that needs longer is better reported to the caller at once)
     * @param clock the client's clock, which a {@code Retry-After} date is measured against
     * @param ticker the time source of call deadlines, in nanoseconds, as {@link System#nanoTime()}
     */
    RetryPolicy(int maxAttempts, Duration baseDelay, Duration longestRetryAfter, Clock clock, LongSupplier ticker) {
        super(maxAttempts - 1, UNUSED_DEFAULT_WAIT, NOT_RETRIED, RETRIED_STATUSES);
        this.maxAttempts = maxAttempts;
        this.baseDelayMillis = baseDelay.toMillis();
        this.longestRetryAfter = longestRetryAfter;
        this.clock = clock;
        this.ticker = ticker;
    }

    /**
     * Starts the clock of one call: the context to pass to {@code execute}, whose attempts and the
     * waits between them end by {@code now + callTimeout}, measured on the ticker. An attempt never
     * waits for a pooled connection or an answer past that deadline either.
     *
     * @param defaults the client's request configuration
     * @param callTimeout the time the whole call may take, positive
     * @return a new context for one call
     */
    HttpClientContext startCall(RequestConfig defaults, Duration callTimeout) {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(defaults);
        long budget = callTimeout.compareTo(LONGEST_CALL) > 0 ? LONGEST_CALL.toNanos() : callTimeout.toNanos();
        // Compared by difference only, as nanoTime values must be: the sum may overflow.
        context.setAttribute(DEADLINE, ticker.getAsLong() + budget);
        context.setAttribute(CALL_TIMEOUT, callTimeout);
        narrowTimeouts(context, budget);
        return context;
    }

    /**
     * As {@link #startCall}, for a call that must never be sent twice, such as a POST whose effect
     * may not be idempotent: neither a retried status (a 503) nor a network error (a dropped
     * connection) makes it try again.
     *
     * @param defaults the client's request configuration
     * @param callTimeout the time the call may take, positive
     * @return a new context for one call of one attempt
     */
    HttpClientContext startSingleAttemptCall(RequestConfig defaults, Duration callTimeout) {
        HttpClientContext context = startCall(defaults, callTimeout);
        context.setAttribute(SINGLE_ATTEMPT, Boolean.TRUE);
        return context;
    }

    /**
     * Tells whether a call's time ran out before its attempts did.
     *
     * @param context the call's context
     * @return the attempts made when the deadline stopped further ones, else empty
     */
    static OptionalInt timeRanOut(HttpContext context) {
        return context.getAttribute(TIME_RAN_OUT) instanceof Integer attempts
                ? OptionalInt.of(attempts) : OptionalInt.empty();
    }

    /**
     * The words that tell a caller the call's time ran out, or {@code null} when it did not.
     *
     * @param context the call's context
     * @return e.g. "the call timeout of 1.5 s ran out after 2 attempts"
     */
    static String timeRanOutNote(HttpContext context) {
        OptionalInt attempts = timeRanOut(context);
        if (attempts.isEmpty()) {
            return null;
        }
        String timeout = context.getAttribute(CALL_TIMEOUT) instanceof Duration d ? " of " + readable(d) : "";
        int n = attempts.getAsInt();
        return "the call timeout" + timeout + " ran out after " + n + (n == 1 ? " attempt" : " attempts");
    }

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        if (isSingleAttempt(context) || isInterruption(exception)
                || !super.retryRequest(request, exception, execCount, context)) {
            return false;
        }
        String after = exception.getClass().getSimpleName();
        TimeValue wait = backoff(execCount);
        if (!timeLeft(wait, execCount, context, after)) {
            return false;
        }
        context.setAttribute(NEXT_WAIT, wait);
        LOG.log(Level.DEBUG, () -> "Retrying " + request.getMethod() + " " + pathOnly(request) + " after " + after
                + " (attempt " + (execCount + 1) + " of " + maxAttempts + ")");
        return true;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        if (isSingleAttempt(context) || !super.retryRequest(response, execCount, context)) {
            return false;
        }
        int status = response.getCode();
        Header code = response.getFirstHeader(VendoHeaders.ERROR_CODE);
        if (code != null && ErrorCodes.isPermanent(code.getValue().strip())) {
            return false;
        }
        Duration retryAfter = retryAfter(response);
        // The superclass checks only its default wait against the response timeout, never a Retry-After.
        if (retryAfter != null && retryAfter.compareTo(longestRetryAfter) > 0) {
            LOG.log(Level.DEBUG, () -> "Not retrying after HTTP " + status
                    + ": the server asks to wait longer than the request timeout");
            return false;
        }
        TimeValue wait = waitBefore(retryAfter, execCount);
        if (!timeLeft(wait, execCount, context, "HTTP " + status)) {
            return false;
        }
        context.setAttribute(NEXT_WAIT, wait);
        LOG.log(Level.DEBUG, () -> "Retrying after HTTP " + status + " (attempt " + (execCount + 1) + " of "
                + maxAttempts + ")");
        return true;
    }

    /** The wait decided by {@link #retryRequest}, which HttpClient asks for right after it said yes. */
    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        if (context.removeAttribute(NEXT_WAIT) instanceof TimeValue decided) {
            return decided;
        }
        return waitBefore(retryAfter(response), execCount);
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return context.removeAttribute(NEXT_WAIT) instanceof TimeValue decided ? decided : backoff(execCount);
    }

    private Duration retryAfter(HttpResponse response) {
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        return header == null ? null : RetryAfter.parse(header.getValue(), clock);
    }

    /** A positive {@code Retry-After} is waited for as asked; none, or zero, means the backoff. */
    private TimeValue waitBefore(Duration retryAfter, int execCount) {
        return retryAfter == null || retryAfter.isZero() ? backoff(execCount) : TimeValue.of(retryAfter);
    }

    private static boolean isSingleAttempt(HttpContext context) {
        return context.getAttribute(SINGLE_ATTEMPT) != null;
    }

    /**
     * Whether another attempt may start after {@code wait} before the call's deadline; if so, the
     * next attempt's timeouts are cut to the time that will be left. A context without a deadline
     * (not started by {@link #startCall}) has all the time it needs.
     */
    private boolean timeLeft(TimeValue wait, int execCount, HttpContext context, String after) {
        if (!(context.getAttribute(DEADLINE) instanceof Long deadline)) {
            return true;
        }
        long left = deadline - ticker.getAsLong() - wait.toNanoseconds();
        if (left <= 0) {
            context.setAttribute(TIME_RAN_OUT, execCount);
            LOG.log(Level.DEBUG, () -> "Not retrying after " + after + ": the call's time ran out after attempt "
                    + execCount);
            return false;
        }
        narrowTimeouts(context, left);
        return true;
    }

    /** Cuts the pool-lease and response timeouts of the next attempt to {@code nanos}, never to zero (infinite). */
    private static void narrowTimeouts(HttpContext context, long nanos) {
        HttpClientContext c = HttpClientContext.castOrCreate(context);
        RequestConfig config = c.getRequestConfigOrDefault();
        long millis = Math.max(1, (nanos + 999_999) / 1_000_000);
        c.setRequestConfig(RequestConfig.copy(config)
                .setConnectionRequestTimeout(shorter(config.getConnectionRequestTimeout(), millis))
                .setResponseTimeout(shorter(config.getResponseTimeout(), millis))
                .build());
    }

    private static Timeout shorter(Timeout timeout, long millis) {
        boolean unbounded = timeout == null || timeout.toMilliseconds() <= 0;
        return unbounded || timeout.toMilliseconds() > millis ? Timeout.ofMilliseconds(millis) : timeout;
    }

    /** A duration as people read it: "500 ms", "1.5 s", "10 s". */
    public static String readable(Duration d) {
        long millis = d.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }

    /**
     * Equal jitter: after attempt {@code n}, with {@code c = min(base * 2^(n-1), MAX_BACKOFF)}, a
     * delay drawn uniformly from {@code [c/2, c]}, so clients spread out yet never retry at once.
     */
    TimeValue backoff(int execCount) {
        long cap = MAX_BACKOFF.toMillis();
        long ceiling = baseDelayMillis;
        for (int n = 1; n < execCount && ceiling < cap; n++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, cap);
        return TimeValue.ofMilliseconds(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /**
     * The superclass can only refuse by class, and timeouts are {@link InterruptedIOException}s
     * too: only the other ones, and any failure on an interrupted thread, mean "stop".
     */
    static boolean isInterruption(IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        return e instanceof InterruptedIOException
                && !(e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException);
    }

    /** Logs name the call, never what its query carries. */
    private static String pathOnly(HttpRequest request) {
        String path = request.getPath();
        int query = path == null ? -1 : path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
