package run.vendo.testing;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One request the emulator received, as returned by {@link VendoEmulator#requests()}. Immutable.
 *
 * <p>It holds the request headers as sent, credentials included, so that tests can check them;
 * {@link #toString()} shows no header value.
 */
public final class RecordedRequest {

    private final long sequence;
    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final String rawPath;
    private final String query;
    private final Map<String, List<String>> headers;
    private final InetSocketAddress clientAddress;
    private final String identity;
    private final int status;
    private final String body;

    RecordedRequest(long sequence, Instant receivedAt, String method, String path, String rawPath, String query,
            Map<String, List<String>> headers, InetSocketAddress clientAddress, String identity, int status,
            String body) {
        this.sequence = sequence;
        this.receivedAt = receivedAt;
        this.method = method;
        this.path = path;
        this.rawPath = rawPath;
        this.query = query;
        this.headers = headers;
        this.clientAddress = clientAddress;
        this.identity = identity;
        this.status = status;
        this.body = body;
    }

    /** Copies headers into an unmodifiable case-insensitive map. */
    static Map<String, List<String>> copyHeaders(Map<String, List<String>> source) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        source.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.merge(name, List.copyOf(values), (a, b) -> {
                    List<String> joined = new java.util.ArrayList<>(a);
                    joined.addAll(b);
                    return List.copyOf(joined);
                });
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the position of this request since the emulator started (0 is the first), unaffected
     * by {@link VendoEmulator#reset()}.
     *
     * @return the sequence number
     */
    public long sequence() {
        return sequence;
    }

    /**
     * Returns when the request arrived, on the emulator's clock.
     *
     * @return the arrival instant
     */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * Returns the HTTP method.
     *
     * @return e.g. {@code "GET"}
     */
    public String method() {
        return method;
    }

    /**
     * Returns the percent-decoded path, without query.
     *
     * @return e.g. {@code "/credentials/google"}
     */
    public String path() {
        return path;
    }

    /**
     * Returns the path exactly as sent, still percent-encoded.
     *
     * @return e.g. {@code "/credentials/my%20tool"}
     */
    public String rawPath() {
        return rawPath;
    }

    /**
     * Returns the raw (still encoded) query string.
     *
     * @return e.g. {@code "slugs=a,b"}, or null when the request had none
     */
    public String query() {
        return query;
    }

    /**
     * Returns the first value of a request header.
     *
     * @param name the header name, case-insensitive
     * @return the first value, or null when absent
     */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns every value of a request header, one per header line.
     *
     * @param name the header name, case-insensitive
     * @return the values, empty when absent
     */
    public List<String> headers(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    /**
     * Returns the names of the request headers.
     *
     * @return the names, in case-insensitive order
     */
    public Set<String> headerNames() {
        return headers.keySet();
    }

    /**
     * Returns the client's end of the TCP connection the request came on. Requests on one keep-alive
     * connection share it; see {@link VendoEmulator#clientConnections()}.
     *
     * @return the remote address and port, e.g. {@code 127.0.0.1:53124}
     */
    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /**
     * Returns who made the request.
     *
     * @return the user id (the JWT's {@code sub} on the credentials worker, or of a billing request
     *     whose bearer is an identity JWT), {@link VendoEmulator#DEPLOYMENT} (every other request
     *     with the App Key: the other endpoints ignore {@code X-Vendo-User-JWT}), or null when the
     *     request was faulted or rejected before it was identified (bad API key, invalid identity
     *     token), for the public integrations catalogue and for JWKS requests
     */
    public String identity() {
        return identity;
    }

    /**
     * Returns the HTTP status sent.
     *
     * @return the status, or 0 when no status line was sent (connection dropped, or the answer was
     *     still pending when this snapshot was taken)
     */
    public int status() {
        return status;
    }

    /**
     * Returns the request body as UTF-8 text, when the endpoint read one: the data proxy's {@code
     * POST}s. It may hold what the client sent as an action's arguments; {@link #toString()} does
     * not show it.
     *
     * @return the body, or {@code ""} for a request whose body was not read
     */
    public String body() {
        return body;
    }

    @Override
    public String toString() {
        return "RecordedRequest[#" + sequence + " " + method + " " + rawPath + (query == null ? "" : "?" + query)
                + " -> " + status + ", identity=" + identity + "]";
    }
}
