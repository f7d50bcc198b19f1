package run.vendo.jakarta.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Objects;
import run.vendo.Vendo;
import run.vendo.jakarta.internal.rest.OutboundClients;

/**
 * Adds {@code Authorization: Bearer <token>} with a Vendo token to outbound calls, and drops that
 * token from the cache when the provider refuses it.
 *
 * <p>On a MicroProfile Rest Client, the token is the one {@link VendoToken} names on the invoked
 * method or, failing that, on the interface; a method of neither is left alone. {@code @VendoToken}
 * registers this filter by itself, as does {@code @RegisterProvider(VendoTokenFilter.class)}. On a
 * plain Jakarta REST client, register a filter for one provider:
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(VendoTokenFilter.of("google"));
 * }</pre>
 *
 * <p>A call that carries an {@code Authorization} header already is left alone. An answer {@code
 * 401}, or one whose {@code WWW-Authenticate} says {@code error="invalid_token"}, drops the token the
 * call carried from the cache of the identity it was sent for, so that the next call fetches a fresh
 * one; the refused call is not repeated.
 *
 * @since 0.1.0
 */
@Priority(Priorities.AUTHENTICATION)
public final class VendoTokenFilter implements ClientRequestFilter, ClientResponseFilter {

    /** The request property in which MicroProfile Rest Client passes the interface method called. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    private static final String SENT = VendoTokenFilter.class.getName() + ".sent";

    /** What one call asks for. */
    private record Wanted(String slug, VendoToken.Identity identity) {
    }

    /** The token a call carried, and the client it came from. */
    private record Sent(Vendo client, String slug) {
    }

    private final Wanted fixed;
    private final OutboundClients clients = new OutboundClients();

    /** Creates a filter that reads {@link VendoToken} from the invoked Rest Client method. */
    public VendoTokenFilter() {
        this.fixed = null;
    }

    private VendoTokenFilter(Wanted fixed) {
        this.fixed = fixed;
    }

    /**
     * Returns a filter that sends the token of one provider, as {@link VendoToken.Identity#AUTO} says.
     *
     * @param slug the provider, for example {@code google}
     * @return the filter
     */
    public static VendoTokenFilter of(String slug) {
        return of(slug, VendoToken.Identity.AUTO);
    }

    /**
     * Returns a filter that sends the token of one provider for one identity.
     *
     * @param slug the provider, for example {@code google}
     * @param identity whose token
     * @return the filter
     */
    public static VendoTokenFilter of(String slug, VendoToken.Identity identity) {
        if (slug == null || slug.isBlank()) {
            throw new IllegalArgumentException("slug must not be null or blank");
        }
        return new VendoTokenFilter(new Wanted(slug.strip(), Objects.requireNonNull(identity, "identity")));
    }

    @Override
    public void filter(ClientRequestContext request) {
        Wanted wanted = fixed != null ? fixed : wanted(request.getProperty(INVOKED_METHOD));
        if (wanted == null || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return;
        }
        Vendo client = clients.forCall(wanted.identity());
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + client.token(wanted.slug()));
        request.setProperty(SENT, new Sent(client, wanted.slug()));
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (request.getProperty(SENT) instanceof Sent sent && refused(response)) {
            sent.client().invalidate(sent.slug());
        }
    }

    private static Wanted wanted(Object invoked) {
        if (!(invoked instanceof Method method)) {
            return null;
        }
        VendoToken annotation = method.getAnnotation(VendoToken.class);
        if (annotation == null) {
            annotation = method.getDeclaringClass().getAnnotation(VendoToken.class);
        }
        return annotation == null ? null : new Wanted(annotation.value(), annotation.identity());
    }

    private static boolean refused(ClientResponseContext response) {
        if (response.getStatus() == Response.Status.UNAUTHORIZED.getStatusCode()) {
            return true;
        }
        String challenge = response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        return challenge != null
                && challenge.toLowerCase(Locale.ROOT).replace(" ", "").contains("error=\"invalid_token\"");
    }
}
