package run.vendo.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * A closed-loop HTTP load generator: a fixed number of keep-alive connections (HttpClient 5 classic,
 * pooled, as many connections as threads), each thread issuing its requests back-to-back for a fixed
 * time, checking every response and recording every latency. The callers are split into one slice
 * per connection, and each connection walks its own slice in order, so that a round visits every
 * caller once its connections have made as many requests as a slice holds.
 */
final class LoadDriver implements AutoCloseable {

    /** One identity to send: the JWT for the header, and what its answer must contain (null: only 200). */
    record Caller(String userId, String jwt, String expectedToken) {
    }

    /**
     * What one scenario measured; {@code slowRequests} took at least the driver's slow threshold (0
     * without one).
     */
    record Result(String name, long requests, long errors, double seconds, long p50Micros, long p99Micros,
            long p999Micros, long maxMicros, long slowRequests, List<String> sampleErrors, int callersVisited) {

        double throughput() {
            return requests / seconds;
        }
    }

    private final int connections;
    private final long slowMicros;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    private final ExecutorService threads;

    LoadDriver(int connections) {
        this(connections, Duration.ZERO);
    }

    /** A driver that also counts the requests that take at least {@code slowThreshold} (zero: none). */
    LoadDriver(int connections, Duration slowThreshold) {
        this.connections = connections;
        this.slowMicros = slowThreshold.isZero() ? Long.MAX_VALUE : slowThreshold.toNanos() / 1000;
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(10))
                        .setResponseTimeout(Timeout.ofSeconds(30))
                        .build())
                .build();
        this.threads = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "load-driver");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Drives {@code GET url} from every connection for {@code duration}.
     *
     * @param callers the identities to rotate through; empty: no JWT header
     * @param expectedBody the exact body expected (after strip), or null to expect each caller's token
     */
    Result run(String name, URI url, List<Caller> callers, String expectedBody, Duration duration)
            throws InterruptedException {
        return drive(name, url, callers, expectedBody, System.nanoTime() + duration.toNanos(), false);
    }

    /**
     * Sends one request for every caller, each connection walking its own slice once: the first
     * touch of every caller, however long it takes.
     */
    Result visitEach(String name, URI url, List<Caller> callers, String expectedBody) throws InterruptedException {
        return drive(name, url, callers, expectedBody, Long.MAX_VALUE, true);
    }

    private Result drive(String name, URI url, List<Caller> callers, String expectedBody, long deadline,
            boolean once) throws InterruptedException {
        List<Future<Worker>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker(url, callers, expectedBody, i, deadline, once);
            futures.add(threads.submit(() -> {
                worker.run();
                return worker;
            }));
        }
        List<Worker> done = new ArrayList<>();
        for (Future<Worker> f : futures) {
            try {
                done.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("load worker failed", e.getCause());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = done.stream().mapToInt(w -> w.count).sum();
        long[] all = new long[total];
        int at = 0;
        long errors = 0;
        List<String> samples = new ArrayList<>();
        BitSet visited = new BitSet(callers.size());
        for (Worker w : done) {
            visited.or(w.visited);
            System.arraycopy(w.latencies, 0, all, at, w.count);
            at += w.count;
            errors += w.errors;
            for (String s : w.sampleErrors) {
                if (samples.size() < 5) {
                    samples.add(s);
                }
            }
        }
        Arrays.sort(all);
        return new Result(name, total, errors, seconds, percentile(all, 0.50), percentile(all, 0.99),
                percentile(all, 0.999), all.length == 0 ? 0 : all[all.length - 1], countAtLeast(all, slowMicros),
                samples, visited.cardinality());
    }

    /** How many of the sorted values are at least {@code threshold}. */
    static long countAtLeast(long[] sorted, long threshold) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < threshold) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return sorted.length - low;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private final class Worker {
        final URI url;
        final List<Caller> callers;
        final String expectedBody;
        final long deadline;
        /** This connection's slice of the callers: from {@code first}, {@code sliceSize} of them. */
        final int first;
        final int sliceSize;
        /** Whether to stop after one walk through the slice. */
        final boolean once;
        final BitSet visited = new BitSet();
        int next;
        long[] latencies = new long[1 << 14];
        int count;
        long errors;
        final List<String> sampleErrors = new ArrayList<>();

        Worker(URI url, List<Caller> callers, String expectedBody, int index, long deadline, boolean once) {
            this.url = url;
            this.callers = callers;
            this.expectedBody = expectedBody;
            int n = callers.size();
            // Slices as even as integers allow; with fewer callers than connections, some share one.
            this.first = n == 0 ? 0 : (int) ((long) index * n / connections) % n;
            int end = (int) ((long) (index + 1) * n / connections);
            this.sliceSize = n == 0 ? 0 : Math.max(1, end - (int) ((long) index * n / connections));
            this.deadline = deadline;
            this.once = once;
        }

        void run() {
            while (true) {
                long t0 = System.nanoTime();
                if (t0 >= deadline || (once && next >= sliceSize)) {
                    return;
                }
                Caller caller = nextCaller();
                HttpGet get = new HttpGet(url);
                if (caller != null) {
                    get.setHeader("X-Vendo-User-JWT", caller.jwt());
                }
                String problem;
                try {
                    problem = client.execute(get, response -> {
                        String body = response.getEntity() == null ? ""
                                : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                        return check(response.getCode(), body, caller);
                    });
                } catch (IOException | RuntimeException e) {
                    problem = e.toString();
                }
                long micros = (System.nanoTime() - t0) / 1000;
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = micros;
                if (problem != null) {
                    errors++;
                    if (sampleErrors.size() < 5) {
                        sampleErrors.add(problem);
                    }
                }
            }
        }

        /** The next caller of this connection's slice, or {@code null} without callers. */
        private Caller nextCaller() {
            if (callers.isEmpty()) {
                return null;
            }
            int at = (first + next++ % sliceSize) % callers.size();
            visited.set(at);
            return callers.get(at);
        }

        private String check(int status, String body, Caller caller) {
            if (status != 200) {
                return "HTTP " + status + ": " + abbreviate(body);
            }
            if (expectedBody != null) {
                return expectedBody.equals(body.strip()) ? null : "unexpected body: " + abbreviate(body);
            }
            if (caller == null) {
                return null;
            }
            if (caller.expectedToken() != null && !caller.expectedToken().equals(body.strip())) {
                return "wrong token for " + caller.userId() + ": " + abbreviate(body);
            }
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public void close() throws IOException {
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
