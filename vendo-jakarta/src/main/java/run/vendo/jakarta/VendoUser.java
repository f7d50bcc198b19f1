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
 * <p>The bean is {@code @RequestScoped}, so injecting it into an {@code @ApplicationScoped} bean is
 * safe: each call resolves to the user of the request in progress. See {@link
 * run.vendo.jakarta.UserVendo} for what happens without a user or outside a request.
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
