package run.vendo.jakarta;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import run.vendo.jakarta.internal.config.VendoSettings;
import run.vendo.jakarta.internal.http.ErrorResponse;
import run.vendo.jakarta.internal.http.PrivateResponse;
import run.vendo.jakarta.internal.identity.IdentityResult;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;

/**
 * Reads the identity headers of each request ({@code X-Vendo-User-JWT}, {@code X-Vendo-User-Id},
 * {@code X-Vendo-User-Email}, {@code X-Vendo-User-Name}, {@code X-Vendo-Tenant-Id}, {@code
 * X-Vendo-Role}) into the request-scoped {@link VendoUserContext}, by the trust rule described
 * there: with verification on, only a verified token signs a request in, and every value but the
 * proxy's role comes from its claims. It is the only writer of that context, from which {@code
 * @}{@link VendoUser}{@code  Vendo} is made.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>No identity: the request passes through with an empty context.
 *   <li>An identity: the context holds it, and the response is marked {@code Cache-Control:
 *       private, no-store} and {@code Vary: X-Vendo-User-JWT, X-Vendo-User-Id} unless the
 *       application sets its own {@code Cache-Control} (or {@code vendo.filter.no-store} is {@code
 *       false}), so that no shared cache serves one user's answer to another.
 *   <li>A header that is malformed or ambiguous (two different values) or, with verification on, a
 *       token that is invalid or expired or a header that contradicts its claim: the request is
 *       answered {@code 401} with {@code Content-Type: application/json}, header {@code
 *       Vendo-Error-Code} and body {@code {"error":{"code":"identity_invalid"|"identity_expired",
 *       "message":"…"}}}; the rest of the chain does not run.
 *   <li>Verification on but the key set cannot be fetched: {@code 503} with code {@code
 *       identity_verifier_unavailable} (fail closed).
 * </ul>
 * Verification is on when {@code vendo.jwt.jwks-url} is set; see {@link
 * VendoUserContext} and the settings in the {@linkplain run.vendo.jakarta package} description.
 *
 * <h2>Registration</h2>
 * The jar's {@code META-INF/web-fragment.xml} (fragment name {@code vendo}, ordered before others)
 * registers this filter as {@value #FILTER_NAME} on {@code /*} for {@code REQUEST} dispatches.
 * In the application's {@code web.xml}:
 * <ul>
 *   <li>to map it elsewhere, declare a {@code <filter-mapping>} for {@value #FILTER_NAME} with your
 *       URL patterns: it replaces the fragment's mapping;
 *   <li>to switch it off, set the context parameter {@value #PARAM_NAME_FILTER_ENABLED} to {@code
 *       false}, or leave {@code vendo} out of an {@code <absolute-ordering>}.
 * </ul>
 *
 * @since 0.1.0
 */
public class VendoIdentityFilter implements Filter {

    /** The filter's name in {@code web-fragment.xml}. */
    public static final String FILTER_NAME = "VendoIdentityFilter";

    /**
     * Context parameter (or filter init parameter) that switches the filter off when {@code
     * false}. Default: {@code true}. When off, requests pass untouched and {@link VendoUserContext}
     * stays empty.
     */
    public static final String PARAM_NAME_FILTER_ENABLED = "run.vendo.jakarta.FILTER_ENABLED";

    private static final Logger LOG = Logger.getLogger(VendoIdentityFilter.class.getName());

    @Inject
    RequestIdentityResolver resolver;

    @Inject
    VendoUserContext user;

    @Inject
    VendoSettings settings;

    private volatile boolean enabled = true;

    /** Creates the filter; the container injects its collaborators. */
    public VendoIdentityFilter() {}

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        String flag = filterConfig.getInitParameter(PARAM_NAME_FILTER_ENABLED);
        if (flag == null) {
            flag = filterConfig.getServletContext().getInitParameter(PARAM_NAME_FILTER_ENABLED);
        }
        enabled = flag == null || !"false".equalsIgnoreCase(flag.trim());
        if (!enabled) {
            LOG.info("Vendo identity filter switched off by " + PARAM_NAME_FILTER_ENABLED + "=false");
            return;
        }
        if (resolver == null || user == null || settings == null) {
            // Containers inject filters; this covers one that did not.
            try {
                resolver = CDI.current().select(RequestIdentityResolver.class).get();
                user = CDI.current().select(VendoUserContext.class).get();
                settings = CDI.current().select(VendoSettings.class).get();
            } catch (RuntimeException e) {
                throw new ServletException("The Vendo identity filter needs CDI: enable CDI for this application, "
                        + "or set " + PARAM_NAME_FILTER_ENABLED + "=false", e);
            }
        }
    }

    /**
     * Tells whether the filter acts on requests.
     *
     * @return {@code false} when switched off by {@value #PARAM_NAME_FILTER_ENABLED}
     */
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enabled
                || !(request instanceof HttpServletRequest http)
                || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        IdentityResult result = resolver.resolve(http);
        if (result instanceof IdentityResult.Rejected rejected) {
            LOG.log(Level.FINE, "Request rejected with {0}: {1}", new Object[] {rejected.code(), rejected.message()});
            ErrorResponse.write(httpResponse, rejected);
            return;
        }
        if (result instanceof IdentityResult.Present present) {
            user.set(present.identity());
            if (settings.noStore()) {
                chain.doFilter(request, PrivateResponse.of(httpResponse));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
