package run.vendo.jakarta;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Qualifies the {@link run.vendo.Vendo} client bound to the end user of the current HTTP request.
 *
 * <pre>{@code
 * @Path("/drive")
 * public class DriveResource {
 *     @Inject @VendoUser Vendo vendo;          // this request's user
 *
 *     @GET
 *     public String files() {
 *         String token = vendo.token("google");   // the user's Google token
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>The request's path: {@link VendoIdentityFilter} reads the identity headers into {@link
 * VendoUserContext}; on the first call in the request, the context makes the user's client and
 * keeps it for the request; this bean, one for the application, sends every call to the client of
 * the request in progress.
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li><b>In a request with a user</b> (an {@code X-Vendo-User-JWT} the filter accepted): it is
 *       the deployment client's {@link run.vendo.Vendo#forUser(String) forUser} view for that
 *       token, made once per request. Every call acts for that user, and a token is cached per user.
 *   <li><b>In a request without a usable user</b>: injecting it works, and so do {@code
 *       isVendoMode()}, {@code webhooks()}, {@code deployment()} and {@code sso()}, which answer as
 *       the plain {@code Vendo} does; {@code close()} does nothing; every other call throws the
 *       reason:
 *       <ul>
 *         <li>nobody signed in ({@link VendoUserContext#isPresent()} is {@code false}): {@link
 *             run.vendo.errors.IdentityNotPresent}, code {@code identity_not_present};
 *         <li>a single sign-on user known from {@code X-Vendo-User-Id} without a token ({@link
 *             VendoUserContext#isPresent()} {@code true}, {@link VendoUserContext#jwt()} empty):
 *             {@link run.vendo.errors.IdentityNotPresent}, code {@code identity_not_present};
 *         <li>OSS mode (no {@code vendo.api-key}), signed in or not: {@link
 *             run.vendo.errors.VendoOnlyFeature}, code {@code vendo_only_feature};
 *         <li>a token that {@code forUser} refuses (expired, without verification): the {@link
 *             run.vendo.errors.VendoError} it threw, such as {@link run.vendo.errors.AuthError}
 *             {@code identity_expired}.
 *       </ul>
 *       {@link run.vendo.jakarta.rest.VendoErrorMapper} turns each into Vendo's JSON answer.
 *   <li><b>Outside any request</b> (a timer, a message listener, a thread the application
 *       started): every call, {@code isVendoMode()} included, throws CDI's {@link
 *       jakarta.enterprise.context.ContextNotActiveException} (Weld, in WildFly, Payara and Open
 *       Liberty: {@code WELD-001303: No active contexts for scope type
 *       jakarta.enterprise.context.RequestScoped}). A background job injects the plain {@code
 *       Vendo} and calls {@link run.vendo.Vendo#forUser(String) forUser} with a token that
 *       travelled with the job.
 * </ul>
 *
 * <p>The bean is {@code @ApplicationScoped} and sends each call to the client of the request in
 * progress on the calling thread, so it may be injected anywhere, {@code @ApplicationScoped} beans
 * included. The request's identity is written once, by the filter, before the application's code
 * runs, so the client made from it is right for the whole request. Code that runs before the filter (a
 * servlet request listener, a filter ordered ahead of it) sees nobody signed in, and a client it
 * makes stays so for that request.
 *
 * @since 0.1.0
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD, TYPE})
public @interface VendoUser {

    /**
     * The annotation as a value, for programmatic lookup:
     * {@code CDI.current().select(Vendo.class, VendoUser.Literal.INSTANCE)}.
     */
    final class Literal extends AnnotationLiteral<VendoUser> implements VendoUser {

        private static final long serialVersionUID = 1L;

        /** The instance. */
        public static final Literal INSTANCE = new Literal();

        private Literal() {}
    }
}
