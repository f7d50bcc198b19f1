package run.vendo.internal.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import run.vendo.Sso;
import run.vendo.VendoIdentity;
import run.vendo.internal.config.ClientSettings;

/**
 * Single sign-on as Vendo's proxy asserts it: the {@code X-Vendo-User-*} headers, read by {@link
 * IdentityHeaders} under the same rules as {@code forRequest} (malformed or ambiguous is an {@code
 * AuthError}). The role is passed on as sent: Vendo documents {@code owner}, {@code member} and
 * {@code viewer} but may add others.
 */
public final class ProxySso implements Sso {

    /** {@code 1} when Vendo's proxy signs users in for this deployment. */
    static final String AUTH_VARIABLE = "VENDO_AUTH";

    private final ClientSettings settings;

    public ProxySso(ClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean isEnabled() {
        return "1".equals(settings.variable(AUTH_VARIABLE));
    }

    @Override
    public Optional<VendoIdentity> identity(Map<String, ?> headers) {
        return identityFrom(IdentityHeaders.lookup(headers));
    }

    @Override
    public Optional<VendoIdentity> identity(Function<String, String> header) {
        return identityFrom(IdentityHeaders.lookup(header));
    }

    /**
     * Values pass through {@link IdentityHeaders#fromWire} first, as in the Jakarta filter: a servlet
     * container hands out the proxy's UTF-8 names decoded as ISO-8859-1.
     */
    private static Optional<VendoIdentity> identityFrom(Function<String, ? extends Collection<?>> headers) {
        IdentityHeaders.ProxyHeaders proxy = IdentityHeaders.read(name -> fromWire(headers.apply(name)));
        if (proxy.userId() == null) {
            return Optional.empty();
        }
        return Optional.of(new VendoIdentity(proxy.userId(), proxy.email(), proxy.name(), proxy.tenantId(),
                proxy.role()));
    }

    private static List<Object> fromWire(Collection<?> values) {
        return values.stream().map(v -> (Object) IdentityHeaders.fromWire(v.toString())).toList();
    }
}
