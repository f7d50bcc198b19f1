package run.vendo.internal.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import run.vendo.Vendo;
import run.vendo.VendoHeaders;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ErrorDetails;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.VendoError;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.identity.UserIdentity;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.text.ErrorText;
import run.vendo.internal.text.Redactor;

/**
 * The one pooled HTTP client of a root {@link Vendo}, shared by all its views. Every call sends
 * the App Key, the API version and, for a user-scoped view, that user's identity token; every
 * answer is read in full and its connection released on every path, except an event stream's
 * ({@link #openStream}), which its reader reads as it arrives and drops when done.
 */
public final class VendoHttp implements AutoCloseable {

    static final String USER_AGENT = "vendo-java/" + version() + " (Java " + System.getProperty("java.version") + ")";

    /** Vendo's answers are small JSON documents; anything larger is refused. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    /** What is read of an error answer on a stream; the rest is dropped with the connection. */
    private static final int MAX_STREAM_ERROR_BYTES = 64 * 1024;

    private final ClientSettings settings;
    private final PoolingHttpClientConnectionManager pool;
    private final RequestConfig requestConfig;
    private final RetryPolicy retryPolicy;
    private final CloseableHttpClient client;
    /** The same pool without buffering or retries: answers read as they arrive (the event stream). */
    private final CloseableHttpClient streamClient;

    public VendoHttp(ClientSettings settings) {
        this.settings = settings;
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.requestTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        this.requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                .setResponseTimeout(Timeout.of(settings.requestTimeout()))
                .setRedirectsEnabled(false)
                .build();
        this.retryPolicy = new RetryPolicy(settings.maxAttempts(), settings.retryBaseDelay(),
                settings.requestTimeout(), settings.clock(), settings.ticker());
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requestConfig)
                .setRetryStrategy(retryPolicy)
                .addExecInterceptorAfter(ChainElement.RETRY.name(), "vendo-buffer",
                        new ResponseBuffering(MAX_BODY_BYTES))
                // Added after the buffering, it runs between the retries and the buffering: an attempt's span
                // covers reading its body.
                .addExecInterceptorAfter(ChainElement.RETRY.name(), "vendo-telemetry",
                        new AttemptTelemetry(settings.telemetry()))
                .setUserAgent(USER_AGENT)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
        this.streamClient = HttpClients.custom()
                .setConnectionManager(pool)
                .setConnectionManagerShared(true) // the pool is closed with the client above
                .setDefaultRequestConfig(requestConfig)
                .disableAutomaticRetries() // a stream reconnects by its own rules
                .addExecInterceptorFirst("vendo-telemetry", new AttemptTelemetry(settings.telemetry()))
                .disableContentCompression() // a decompressor would hold events back in its buffer
                .setUserAgent(USER_AGENT)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** An answer read in full. {@code ranOut} says that the call's time stopped further attempts, or is null. */
    public record Answer(int status, String errorCode, String retryAfter, byte[] body, String ranOut) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * GETs a JSON object. A non-2xx answer becomes the matching {@link VendoError}; a 2xx answer
     * that is not a JSON object, or a network failure after the last attempt, an {@link
     * UpstreamError}. All attempts together take at most the call timeout; when it runs out, the
     * error of the last attempt says so.
     *
     * @param slug the slug the call is about, for error details; may be null
     */
    public JsonObject getJson(URI uri, UserIdentity identity, String slug) {
        return jsonObject(get(uri, identity, slug), identity, slug);
    }

    /** As {@link #getJson}, for an answer that may be a JSON object or a JSON array. */
    public JsonStructure getJsonStructure(URI uri, UserIdentity identity) {
        return json(get(uri, identity, null), identity, null, JsonStructure.class, "JSON object or array");
    }

    /** As {@link #getJson}, except that a 404 answer, whatever its body, is empty. */
    public Optional<JsonObject> getJsonUnlessNotFound(URI uri, UserIdentity identity, String slug) {
        Answer answer = get(uri, identity, slug);
        return answer.status() == 404 ? Optional.empty() : Optional.of(jsonObject(answer, identity, slug));
    }

    /** GETs an answer, retried as {@link RetryPolicy} says; only a network failure is thrown. */
    Answer get(URI uri, UserIdentity identity, String slug) {
        HttpClientContext call = retryPolicy.startCall(requestConfig, settings.callTimeout());
        return execute(withCallHeaders(new HttpGet(uri), identity, "application/json"), uri, slug, call, true);
    }

    /**
     * POSTs a JSON body exactly once: no failure makes it try again, since the call may have an
     * effect that must not happen twice. Only a network failure is thrown.
     *
     * @param maxBodyBytes the largest answer accepted
     */
    public Answer postOnce(URI uri, byte[] json, UserIdentity identity, int maxBodyBytes) {
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        HttpClientContext call = retryPolicy.startSingleAttemptCall(requestConfig, settings.callTimeout());
        ResponseBuffering.allow(call, maxBodyBytes);
        return execute(withCallHeaders(post, identity, "application/json"), uri, null, call, false);
    }

    /** The typed error of a failed answer, every field a server wrote scrubbed of the call's secrets. */
    public VendoError error(Answer answer, UserIdentity identity, String slug) {
        return ErrorMapper.map(
                new ErrorMapper.ErrorAnswer(answer.status(), answer.errorCode(), answer.retryAfter(), answer.body()),
                slug, secrets(identity), settings.clock(),
                answer.ranOut() == null ? null : "Not tried again: " + answer.ranOut() + ".");
    }

    /** What must never appear in text taken from an answer: the App Key and the identity's token. */
    public List<String> secrets(UserIdentity identity) {
        String key = settings.apiKey() == null ? null : settings.apiKey().reveal();
        return Stream.of(key, identity == null ? null : identity.jwt(), identity == null ? null : identity.signature())
                .filter(Objects::nonNull)
                .toList();
    }

    private Answer execute(HttpUriRequestBase request, URI uri, String slug, HttpClientContext call,
            boolean repeatable) {
        try {
            return client.execute(request, call, response -> new Answer(response.getCode(),
                    headerValue(response, VendoHeaders.ERROR_CODE), headerValue(response, HttpHeaders.RETRY_AFTER),
                    response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity()),
                    RetryPolicy.timeRanOutNote(call)));
        } catch (IOException e) {
            throw networkError(uri, slug, e, call, repeatable);
        }
    }

    /** A GET carrying the headers of every call: App Key, API version and, on a scoped view, the user's JWT. */
    public HttpGet request(URI uri, UserIdentity identity, String accept) {
        return withCallHeaders(new HttpGet(uri), identity, accept);
    }

    private <R extends HttpUriRequestBase> R withCallHeaders(R request, UserIdentity identity, String accept) {
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey().reveal());
        request.setHeader(VendoHeaders.API_VERSION, settings.apiVersion());
        request.setHeader(HttpHeaders.ACCEPT, accept);
        if (identity != null) {
            request.setHeader(VendoHeaders.USER_JWT, identity.jwt());
        }
        return request;
    }

    /**
     * Sends {@code get} once, on the shared pool, and returns the answer with its body unread: the
     * caller reads it as it arrives. No attempt is retried and no response timeout bounds the whole
     * answer; a read that waits longer than {@code readIdle} for a byte fails with a {@link
     * java.net.SocketTimeoutException}. To stop, {@linkplain HttpGet#cancel() cancel} {@code get}
     * (from any thread), which drops the connection, then close the answer: closing it without
     * cancelling first would read an endless body to its end.
     */
    public ClassicHttpResponse openStream(HttpGet get, Duration readIdle) throws IOException {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.copy(requestConfig).setResponseTimeout(Timeout.of(readIdle)).build());
        try {
            return streamClient.executeOpen(RoutingSupport.determineHost(get), get, context);
        } catch (HttpException e) {
            throw new IOException(e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The error of a non-2xx answer opened by {@link #openStream}, its body read up to a bound,
     * mapped as every other call's is (server text scrubbed of the call's secrets).
     */
    public VendoError streamError(ClassicHttpResponse response, UserIdentity identity) {
        byte[] body;
        try {
            body = readAtMost(response.getEntity(), MAX_STREAM_ERROR_BYTES);
        } catch (IOException unreadable) {
            body = new byte[0];
        }
        return ErrorMapper.map(
                new ErrorMapper.ErrorAnswer(response.getCode(), headerValue(response, VendoHeaders.ERROR_CODE),
                        headerValue(response, HttpHeaders.RETRY_AFTER), body),
                null, secrets(identity), settings.clock());
    }

    private static byte[] readAtMost(HttpEntity entity, int maxBytes) throws IOException {
        InputStream in = entity == null ? null : entity.getContent();
        return in == null ? new byte[0] : in.readNBytes(maxBytes);
    }

    private JsonObject jsonObject(Answer answer, UserIdentity identity, String slug) {
        return json(answer, identity, slug, JsonObject.class, "JSON object");
    }

    private <T extends JsonValue> T json(Answer answer, UserIdentity identity, String slug, Class<T> type,
            String what) {
        if (!answer.isSuccess()) {
            throw error(answer, identity, slug);
        }
        try {
            JsonValue value = JsonSupport.read(answer.body());
            if (type.isInstance(value)) {
                return type.cast(value);
            }
        } catch (RuntimeException notJson) {
            // reported below
        }
        throw new UpstreamError(ErrorDetails.of(ErrorCodes.INVALID_RESPONSE, ErrorText.INVALID_RESPONSE.with(
                        ": HTTP " + answer.status() + " with a body that is not the expected " + what
                        + (slug == null ? "" : " for '" + Redactor.printable(slug) + "'")))
                .withStatus(answer.status()).withSlug(slug), null);
    }

    private UpstreamError networkError(URI uri, String slug, IOException e, HttpClientContext call,
            boolean repeatable) {
        String what = e instanceof ResponseTooLargeException ? e.getMessage() : e.getClass().getSimpleName();
        ErrorText text = e instanceof ResponseTooLargeException ? ErrorText.INVALID_RESPONSE : ErrorText.NETWORK_ERROR;
        String ranOut = RetryPolicy.timeRanOutNote(call);
        int attempts = repeatable ? settings.maxAttempts() : 1;
        String after = ranOut != null ? ": " + ranOut + ", the last failing with "
                : " after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ");
        String next = repeatable ? " Check the URL and the network, then try again."
                : " The request may have been carried out: it was not sent again, since doing it twice may not be"
                        + " safe.";
        return new UpstreamError(ErrorDetails.of(text.code(), text.with(" from " + uri.getScheme() + "://"
                        + uri.getAuthority() + (slug == null ? "" : " for '" + slug + "'") + after + what) + next)
                .withSlug(slug), e);
    }

    private static String headerValue(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** Connections leased from the pool right now; zero when no call is in flight. */
    public int leasedConnections() {
        return pool.getTotalStats().getLeased();
    }

    @Override
    public void close() {
        streamClient.close(CloseMode.IMMEDIATE);
        client.close(CloseMode.GRACEFUL);
    }

    /** This library's version, as the build wrote it. */
    public static String version() {
        try (InputStream in = VendoHttp.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
