package run.vendo.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * What the emulator answers instead of its normal response. Faults are immutable; inject one with
 * {@link VendoEmulator#inject(Fault)}, which returns the {@link FaultRule} that decides which
 * requests get it (by default: the next request on any path except the JWKS).
 *
 * <pre>{@code
 * vendo.inject(Fault.error(503, "upstream_error")).times(2);
 * vendo.inject(Fault.rateLimited(Duration.ofSeconds(7))).onSlug("google");
 * vendo.inject(Fault.drop()).forIdentity("alice");
 * }</pre>
 *
 * <p>Every fault really happens on the wire: {@link #drop()} closes the TCP connection without
 * sending a byte, {@link #truncatedBody()} declares a {@code Content-Length} and sends only half of
 * it, {@link #delay(Duration)} holds the response back, {@link #hold()} until the test lets it go.
 */
public final class Fault {

    /** The kinds of fault. */
    enum Kind { STATUS, ERROR, HEADER_ONLY, DELAY, HOLD, DROP, TRUNCATED, RAW }

    final Kind kind;
    final int status;
    final String code;
    final String slug;
    final String connectUrl;
    final Duration retryAfterBody;
    final Duration retryAfterHeader;
    final String suggestedFix;
    final boolean codeHeader;
    final String flatDetail;
    final Duration delay;
    final String contentType;
    final String body;

    private Fault(Kind kind, int status, String code, String slug, String connectUrl, Duration retryAfterBody,
            Duration retryAfterHeader, String suggestedFix, boolean codeHeader, String flatDetail, Duration delay,
            String contentType, String body) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.slug = slug;
        this.connectUrl = connectUrl;
        this.retryAfterBody = retryAfterBody;
        this.retryAfterHeader = retryAfterHeader;
        this.suggestedFix = suggestedFix;
        this.codeHeader = codeHeader;
        this.flatDetail = flatDetail;
        this.delay = delay;
        this.contentType = contentType;
        this.body = body;
    }

    private static Fault of(Kind kind, int status) {
        return new Fault(kind, status, null, null, null, null, null, null, false, null, null, null, null);
    }

    /**
     * Answers {@code status} with an empty body and no error code.
     *
     * @param status an HTTP status, 200 to 599
     * @return the fault
     */
    public static Fault status(int status) {
        return of(Kind.STATUS, checkStatus(status));
    }

    /**
     * Answers {@code status} with a Vendo error: body {@code {"error":{"code":...,"message":...}}}
     * and header {@code Vendo-Error-Code}. Refine it with the {@code with…} methods, {@link
     * #withoutHeader()} or {@link #flatBody(String)}.
     *
     * @param status an HTTP status, 200 to 599
     * @param code the error code, e.g. {@code "balance_exhausted"}
     * @return the fault
     */
    public static Fault error(int status, String code) {
        return new Fault(Kind.ERROR, checkStatus(status), Secrets.requireText(code, "code"), null, null, null, null,
                null, true, null, null, null, null);
    }

    /**
     * Answers {@code status} with header {@code Vendo-Error-Code: code} and a plain-text (non-JSON)
     * body.
     *
     * @param status an HTTP status, 200 to 599
     * @param code the error code sent in the header
     * @return the fault
     */
    public static Fault headerOnly(int status, String code) {
        return new Fault(Kind.HEADER_ONLY, checkStatus(status), Secrets.requireText(code, "code"), null, null, null,
                null, null, true, null, null, null, null);
    }

    /**
     * Answers 429 with header {@code Retry-After: <seconds>} (rounded up) and error code {@code
     * upstream_rate_limited} in header and body. The {@code with…} methods of {@link #error(int,
     * String)} apply too.
     *
     * @param retryAfter the delay to announce, not negative
     * @return the fault
     */
    public static Fault rateLimited(Duration retryAfter) {
        return new Fault(Kind.ERROR, 429, "upstream_rate_limited", null, null, null, checkDuration(retryAfter),
                null, true, null, null, null, null);
    }

    /**
     * Waits {@code d}, then answers normally. Closing the emulator interrupts the wait and drops the
     * connection.
     *
     * @param d the delay, not negative
     * @return the fault
     */
    public static Fault delay(Duration d) {
        return new Fault(Kind.DELAY, 0, null, null, null, null, null, null, false, null, checkDuration(d), null,
                null);
    }

    /**
     * Holds each request it applies to until {@link FaultRule#release()} is called on its rule, then
     * answers normally. {@link FaultRule#cancel()}, {@link VendoEmulator#reset()} and closing the
     * emulator release held requests too (closing drops their connections). With {@link
     * FaultRule#awaitHeld(int, Duration)} a test knows that a request has arrived and is waiting:
     *
     * <pre>{@code
     * FaultRule held = vendo.inject(Fault.hold()).onSlug("google");
     * // ... something that makes a request in the background
     * held.awaitHeld(1, Duration.ofSeconds(5));   // it is on the wire, unanswered
     * held.release();
     * }</pre>
     *
     * @return the fault
     */
    public static Fault hold() {
        return of(Kind.HOLD, 0);
    }

    /**
     * Closes the TCP connection without sending any response byte. Some HTTP clients retry an
     * idempotent request once after such a close (java.net.http does when no byte arrived); use
     * {@code inject(Fault.drop()).times(2)} to fail the retry too.
     *
     * @return the fault
     */
    public static Fault drop() {
        return of(Kind.DROP, 0);
    }

    /**
     * Answers 200 with the {@code Content-Length} of a full token body, sends half of the body, then
     * closes the connection.
     *
     * @return the fault
     */
    public static Fault truncatedBody() {
        return of(Kind.TRUNCATED, 200);
    }

    /**
     * Answers exactly this: any status, content type and body, e.g. malformed JSON, an empty 200 or
     * HTML.
     *
     * @param status an HTTP status, 200 to 599
     * @param contentType the {@code Content-Type} header, or null to send none
     * @param body the body, null or empty for none
     * @return the fault
     */
    public static Fault raw(int status, String contentType, String body) {
        return new Fault(Kind.RAW, checkStatus(status), null, null, null, null, null, null, false, null, null,
                contentType, body == null ? "" : body);
    }

    /**
     * Adds {@code "slug"} to the error body. Only for {@link #error(int, String)} and {@link
     * #rateLimited(Duration)}.
     *
     * @param slug the slug to report
     * @return a new fault
     */
    public Fault withSlug(String slug) {
        requireError("withSlug");
        return new Fault(kind, status, code, slug, connectUrl, retryAfterBody, retryAfterHeader, suggestedFix,
                codeHeader, flatDetail, delay, contentType, body);
    }

    /**
     * Adds {@code "connect_url"} to the error body. Only for error faults.
     *
     * @param connectUrl the URL to report
     * @return a new fault
     */
    public Fault withConnectUrl(String connectUrl) {
        requireError("withConnectUrl");
        return new Fault(kind, status, code, slug, connectUrl, retryAfterBody, retryAfterHeader, suggestedFix,
                codeHeader, flatDetail, delay, contentType, body);
    }

    /**
     * Adds {@code "retry_after": <seconds>} (rounded up) to the error body. Only for error faults.
     *
     * @param retryAfter the delay to report, not negative
     * @return a new fault
     */
    public Fault withRetryAfterBody(Duration retryAfter) {
        requireError("withRetryAfterBody");
        return new Fault(kind, status, code, slug, connectUrl, checkDuration(retryAfter), retryAfterHeader,
                suggestedFix, codeHeader, flatDetail, delay, contentType, body);
    }

    /**
     * Adds {@code "suggested_fix"} to the error body. Only for error faults.
     *
     * @param suggestedFix the hint to report
     * @return a new fault
     */
    public Fault withSuggestedFix(String suggestedFix) {
        requireError("withSuggestedFix");
        return new Fault(kind, status, code, slug, connectUrl, retryAfterBody, retryAfterHeader, suggestedFix,
                codeHeader, flatDetail, delay, contentType, body);
    }

    /**
     * Leaves out the {@code Vendo-Error-Code} header: the code is only in the body. Only for error
     * faults.
     *
     * @return a new fault
     */
    public Fault withoutHeader() {
        requireError("withoutHeader");
        return new Fault(kind, status, code, slug, connectUrl, retryAfterBody, retryAfterHeader, suggestedFix,
                false, flatDetail, delay, contentType, body);
    }

    /**
     * Sends the flat body shape {@code {"error":"<code>","detail":"<detail>"}} instead of the nested
     * one; the other body fields are then left out. Only for error faults.
     *
     * @param detail the detail text
     * @return a new fault
     */
    public Fault flatBody(String detail) {
        requireError("flatBody");
        return new Fault(kind, status, code, slug, connectUrl, retryAfterBody, retryAfterHeader, suggestedFix,
                codeHeader, detail == null ? "" : detail, delay, contentType, body);
    }

    private void requireError(String method) {
        if (kind != Kind.ERROR) {
            throw new IllegalStateException(method + "() applies to Fault.error(...) and Fault.rateLimited(...) only");
        }
    }

    private static int checkStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be between 200 and 599: " + status);
        }
        return status;
    }

    private static Duration checkDuration(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + d);
        }
        return d;
    }

    /** Whole seconds of {@code d}, rounded up. */
    static long seconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }

    @Override
    public String toString() {
        switch (kind) {
            case STATUS: return "Fault.status(" + status + ")";
            case ERROR: return "Fault.error(" + status + ", " + code + ")";
            case HEADER_ONLY: return "Fault.headerOnly(" + status + ", " + code + ")";
            case DELAY: return "Fault.delay(" + delay + ")";
            case HOLD: return "Fault.hold()";
            case DROP: return "Fault.drop()";
            case TRUNCATED: return "Fault.truncatedBody()";
            default: return "Fault.raw(" + status + ", " + contentType + ")";
        }
    }
}
