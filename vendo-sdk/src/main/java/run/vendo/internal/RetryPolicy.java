package run.vendo.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Which failures HttpClient tries again, and when. The superclass counts attempts, matches the
 * status codes and exception classes below and parses {@code Retry-After}; this class adds the
 * backoff, retried timeouts, and a bound on how long a server may make a call wait.
 *
 * <p>A 429 is not in the list: the caller gets {@code RateLimited} with its {@code Retry-After}
 * at once.
 */
final class RetryPolicy extends DefaultHttpRequestRetryStrategy {

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
     * The superclass answers its default interval when there is no usable {@code Retry-After}; zero
     * tells that case apart, and never trips its check of the default against the response timeout.
     */
    private static final TimeValue NO_RETRY_AFTER = TimeValue.ZERO_MILLISECONDS;

    private static final System.Logger LOG = System.getLogger("run.vendo");

    private final int maxAttempts;
    private final long baseDelayMillis;
    private final TimeValue longestRetryAfter;

    /**
     * @param maxAttempts attempts in total, at least 1
     * @param baseDelay the ceiling of the first backoff
     * @param longestRetryAfter the longest {@code Retry-After} still waited for (the request
     *     timeout: a server that needs longer is better reported to the caller at once)
     */
    RetryPolicy(int maxAttempts, Duration baseDelay, Duration longestRetryAfter) {
        super(maxAttempts - 1, NO_RETRY_AFTER, NOT_RETRIED, RETRIED_STATUSES);
        this.maxAttempts = maxAttempts;
        this.baseDelayMillis = baseDelay.toMillis();
        this.longestRetryAfter = TimeValue.of(longestRetryAfter);
    }

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        boolean retry = !isInterruption(exception) && super.retryRequest(request, exception, execCount, context);
        if (retry) {
            LOG.log(Level.DEBUG, () -> "Retrying " + request.getMethod() + " " + pathOnly(request) + " after "
                    + exception.getClass().getSimpleName() + " (attempt " + (execCount + 1) + " of " + maxAttempts
                    + ")");
        }
        return retry;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        if (!super.retryRequest(response, execCount, context)) {
            return false;
        }
        int status = response.getCode();
        // HttpClient 5.6 checks only its default interval against the response timeout, not Retry-After.
        if (super.getRetryInterval(response, execCount, context).compareTo(longestRetryAfter) > 0) {
            LOG.log(Level.DEBUG, () -> "Not retrying after HTTP " + status
                    + ": the server asks to wait longer than the request timeout");
            return false;
        }
        LOG.log(Level.DEBUG, () -> "Retrying after HTTP " + status + " (attempt " + (execCount + 1) + " of "
                + maxAttempts + ")");
        return true;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        TimeValue retryAfter = super.getRetryInterval(response, execCount, context);
        return TimeValue.isPositive(retryAfter) ? retryAfter : backoff(execCount);
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return backoff(execCount);
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
