package run.vendo.jakarta.internal.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import run.vendo.VendoHeaders;
import run.vendo.errors.ErrorCodes;
import run.vendo.jakarta.internal.identity.IdentityResult;

/** Answers a servlet request with Vendo's error body and {@code Vendo-Error-Code}, never cached. */
public final class ErrorResponse {

    /** How long a client should wait before retrying when identity cannot be verified now. */
    private static final String VERIFIER_RETRY_AFTER_SECONDS = "5";

    private ErrorResponse() {}

    /**
     * Writes an error, replacing anything buffered, and commits the response.
     *
     * @param response the response
     * @param status the HTTP status
     * @param code the error code
     * @param message the message; never a secret
     * @throws IOException if the response cannot be written
     */
    public static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        write(response, status, code, message, null);
    }

    /**
     * Writes an error that tells the client when to try again, replacing anything buffered, and
     * commits the response.
     *
     * @param response the response
     * @param status the HTTP status
     * @param code the error code
     * @param message the message; never a secret
     * @param retryAfter when to try again, as {@code Retry-After} and {@code retry_after}; or {@code null}
     * @throws IOException if the response cannot be written
     */
    public static void write(HttpServletResponse response, int status, String code, String message,
            Duration retryAfter) throws IOException {
        byte[] body = ErrorJson.of(code, message, null, null, retryAfter, null).getBytes(StandardCharsets.US_ASCII);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader(VendoHeaders.ERROR_CODE, code);
        response.setHeader("Cache-Control", "no-store");
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(ErrorJson.seconds(retryAfter)));
        } else if (ErrorCodes.IDENTITY_VERIFIER_UNAVAILABLE.equals(code)) {
            response.setHeader("Retry-After", VERIFIER_RETRY_AFTER_SECONDS);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /**
     * Answers a request whose identity was rejected.
     *
     * @param response the response
     * @param rejected the rejection
     * @throws IOException if the response cannot be written
     */
    public static void write(HttpServletResponse response, IdentityResult.Rejected rejected) throws IOException {
        write(response, rejected.status(), rejected.code(), rejected.message());
    }
}
