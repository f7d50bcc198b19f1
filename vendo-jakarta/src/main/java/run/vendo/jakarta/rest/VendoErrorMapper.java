package run.vendo.jakarta.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import run.vendo.VendoHeaders;
import run.vendo.errors.AuthError;
import run.vendo.errors.BalanceExhausted;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.IdempotencyConflict;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.NeedsReauth;
import run.vendo.errors.NotConnected;
import run.vendo.errors.RateLimited;
import run.vendo.errors.SpendCapExceeded;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.ValidationError;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.jakarta.internal.http.ErrorJson;

/**
 * Answers every {@link VendoError} that escapes a JAX-RS resource with a JSON error, so that a
 * resource can call {@code vendo.token("google")} and let a missing connection reach the browser as
 * a 409 with the URL to connect.
 *
 * <p>Body: {@code {"error":{"code":…,"message":…,"slug":…,"connect_url":…,"retry_after":<seconds>,
 * "suggested_fix":…}}}, absent fields left out. Headers: {@code Vendo-Error-Code} always; {@code
 * Retry-After} (seconds) for {@code RateLimited} and {@code SpendCapExceeded} when the delay is
 * known; {@code Cache-Control: no-store}.
 *
 * <table>
 *   <caption>Status by error</caption>
 *   <tr><th>error</th><th>status</th><th>why</th></tr>
 *   <tr><td>{@link IdentityNotPresent}</td><td>401</td><td>nobody signed in</td></tr>
 *   <tr><td>{@link AuthError} with code {@code identity_invalid} or {@code identity_expired}</td><td>401</td>
 *       <td>the user's token is bad</td></tr>
 *   <tr><td>{@link AuthError}, other codes ({@code app_*})</td><td>502</td>
 *       <td>the deployment's own App Key was refused: not the caller's fault</td></tr>
 *   <tr><td>{@link VendoOnlyFeature}</td><td>501</td><td>OSS mode</td></tr>
 *   <tr><td>{@link VendoError} with code {@code deployment_only}</td><td>500</td><td>the application asked a
 *       user's view for what Vendo answers for the deployment only</td></tr>
 *   <tr><td>{@link NotConnected}</td><td>409</td><td>the user must connect the provider ({@code connect_url})</td></tr>
 *   <tr><td>{@link NeedsReauth}</td><td>409</td><td>the user must reconnect the provider</td></tr>
 *   <tr><td>{@link RateLimited}</td><td>429</td><td>with {@code Retry-After} when known</td></tr>
 *   <tr><td>{@link SpendCapExceeded}</td><td>429</td><td>with {@code Retry-After} when known</td></tr>
 *   <tr><td>{@link BalanceExhausted}</td><td>402</td><td>the tenant must top up</td></tr>
 *   <tr><td>{@link ValidationError}</td><td>400</td><td></td></tr>
 *   <tr><td>{@link IdempotencyConflict}</td><td>409</td><td></td></tr>
 *   <tr><td>{@link UpstreamError}</td><td>502, or 503 for code {@code network_error} or {@code
 *       identity_verifier_unavailable}</td>
 *       <td>Vendo or the provider failed</td></tr>
 *   <tr><td>any other {@link VendoError}</td><td>502</td><td></td></tr>
 * </table>
 *
 * <h2>Replacing it</h2>
 * JAX-RS picks the mapper whose type is closest to the exception, so an application's {@code
 * ExceptionMapper<NotConnected>} wins for {@code NotConnected} and leaves the rest to this one. To
 * replace it entirely, register your own {@code ExceptionMapper<VendoError>}: this one has priority
 * {@code Priorities.USER + 1000}, so a mapper with the default priority ({@code USER}) is chosen
 * over it.
 *
 * @since 0.1.0
 */
@Provider
@Priority(Priorities.USER + 1000)
public class VendoErrorMapper implements ExceptionMapper<VendoError> {

    private static final Logger LOG = Logger.getLogger(VendoErrorMapper.class.getName());

    /** Creates the mapper. */
    public VendoErrorMapper() {}

    @Override
    public Response toResponse(VendoError error) {
        int status = statusOf(error);
        if (status >= 502) {
            // The message is scrubbed of tokens and keys by the SDK.
            LOG.log(Level.WARNING, "Vendo call failed: {0}", error.toString());
        } else {
            LOG.log(Level.FINE, "Vendo error answered with {0}: {1}", new Object[] {status, error.code()});
        }
        Duration retryAfter = error.retryAfter().orElse(null);
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(VendoHeaders.ERROR_CODE, error.code())
                .header("Cache-Control", "no-store")
                .entity(ErrorJson.of(
                        error.code(),
                        error.getMessage() == null ? error.code() : error.getMessage(),
                        error.slug().orElse(null),
                        error.connectUrl().orElse(null),
                        retryAfter,
                        error.suggestedFix().orElse(null)));
        if (retryAfter != null && (error instanceof RateLimited || error instanceof SpendCapExceeded)) {
            response.header("Retry-After", Long.toString(ErrorJson.seconds(retryAfter)));
        }
        return response.build();
    }

    /**
     * Returns the HTTP status for an error, as in the table above.
     *
     * @param error the error
     * @return the status
     */
    public static int statusOf(VendoError error) {
        if (error instanceof IdentityNotPresent) {
            return 401;
        }
        if (error instanceof AuthError) {
            // The user's token is bad (their fault) or the deployment's App Key was refused (not theirs).
            return ErrorCodes.isIdentityCode(error.code()) ? 401 : 502;
        }
        if (error instanceof VendoOnlyFeature) {
            return 501;
        }
        if (ErrorCodes.DEPLOYMENT_ONLY.equals(error.code())) {
            return 500;
        }
        if (error instanceof NotConnected || error instanceof NeedsReauth || error instanceof IdempotencyConflict) {
            return 409;
        }
        if (error instanceof RateLimited || error instanceof SpendCapExceeded) {
            return 429;
        }
        if (error instanceof BalanceExhausted) {
            return 402;
        }
        if (error instanceof ValidationError) {
            return 400;
        }
        if (error instanceof UpstreamError) {
            return ErrorCodes.NETWORK_ERROR.equals(error.code())
                    || ErrorCodes.IDENTITY_VERIFIER_UNAVAILABLE.equals(error.code()) ? 503 : 502;
        }
        return 502;
    }
}
