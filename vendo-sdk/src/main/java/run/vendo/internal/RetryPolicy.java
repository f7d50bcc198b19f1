package run.vendo.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Which failures HttpClient tries again, and when: network errors (refused, reset, dropped,
 * timed out) and 500, 502, 503 and 504 answers whatever their error code, up to a total number
 * of attempts, spaced by exponential backoff with full jitter. A 429 is never retried here: the
 * caller gets {@code RateLimited} with its {@code Retry-After} at once.
 */
final class RetryPolicy implements org.apache.hc.client5.http.HttpRequestRetryStrategy {

    private static final System.Logger LOG = System.getLogger("run.vendo");

    private final int maxAttempts;
    private final long baseDelayMillis;
    private final long maxDelayMillis;

    RetryPolicy(int maxAttempts, long baseDelayMillis, long maxDelayMillis) {
        this.maxAttempts = maxAttempts;
        this.baseDelayMillis = baseDelayMillis;
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        boolean retry = execCount < maxAttempts && isTransient(exception) && !Thread.currentThread().isInterrupted();
        if (retry) {
            LOG.log(Level.DEBUG, () -> "Retrying " + request.getMethod() + " " + request.getPath() + " after "
                    + exception.getClass().getSimpleName() + " (attempt " + (execCount + 1) + " of " + maxAttempts + ")");
        }
        return retry;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        int status = response.getCode();
        boolean retry = execCount < maxAttempts && (status == 500 || status == 502 || status == 503 || status == 504);
        if (retry) {
            LOG.log(Level.DEBUG, () -> "Retrying after HTTP " + status + " (attempt " + (execCount + 1) + " of "
                    + maxAttempts + ")");
        }
        return retry;
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return backoff(execCount);
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return backoff(execCount);
    }

    /** Full jitter: a random delay up to base * 2^(attempt - 1), capped. */
    TimeValue backoff(int execCount) {
        long ceiling = Math.min(maxDelayMillis, baseDelayMillis << Math.min(execCount - 1, 20));
        return TimeValue.ofMilliseconds(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** Timeouts, refusals, resets and dropped connections are; an unknown host, TLS failures and interrupts are not. */
    static boolean isTransient(IOException e) {
        if (e instanceof UnknownHostException || e instanceof SSLException || e instanceof ResponseTooLargeException) {
            return false;
        }
        if (e instanceof InterruptedIOException) {
            return e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException;
        }
        return true;
    }
}
