package run.vendo.jakarta.rest;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Sends a Vendo token with every call of a MicroProfile Rest Client interface, or of one of its
 * methods (the method's annotation wins over the interface's): {@code Authorization: Bearer
 * <token>} unless the call carries an {@code Authorization} header already.
 *
 * <pre>{@code
 * @RegisterRestClient(configKey = "calendar")
 * @VendoToken("google")                         // the request's user inside a request, else the deployment
 * public interface CalendarClient {
 *     @GET @Path("/calendars/primary/events")
 *     String events();
 *
 *     @GET @Path("/settings")
 *     @VendoToken(value = "google", identity = VendoToken.Identity.DEPLOYMENT)
 *     String sharedSettings();
 * }
 * }</pre>
 *
 * <p>The annotation registers {@link VendoTokenFilter} on the client by itself; {@code
 * @RegisterProvider(VendoTokenFilter.class)} does the same. A plain Jakarta REST {@code Client}
 * registers {@link VendoTokenFilter#of(String)}. A {@code 401} answer drops the token used, so the
 * next call fetches a fresh one; the call itself is not repeated (MicroProfile Fault Tolerance's
 * {@code @Retry} does that).
 *
 * @since 0.1.0
 */
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface VendoToken {

    /**
     * The provider whose token is sent, for example {@code google}.
     *
     * @return the slug
     */
    String value();

    /**
     * Whose token is sent.
     *
     * @return the identity; {@link Identity#AUTO} by default
     */
    Identity identity() default Identity.AUTO;

    /** Whose token a call carries. */
    enum Identity {
        /**
         * Inside an HTTP request, its user's (an {@code IdentityNotPresent} error when it has none);
         * outside one (a job, a timer, a message), the deployment's. In OSS mode, the deployment's.
         */
        AUTO,
        /**
         * The current request's user's, always: outside a request the call fails with an {@code
         * IllegalStateException}, never falling back to the deployment's token.
         */
        USER,
        /** The deployment's own, whoever the request is for. */
        DEPLOYMENT
    }
}
