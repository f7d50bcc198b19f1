package run.vendo;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Vendo's single sign-on: its proxy signs users in and passes who they are in {@code
 * X-Vendo-User-*} headers. Works in any mode.
 *
 * <p>These headers are not signed: Vendo's proxy strips inbound {@code X-Vendo-*} headers and adds
 * its own, so they are exactly as trustworthy as the network path from the proxy. An application
 * that can be reached another way must verify {@code X-Vendo-User-JWT} instead (the Jakarta
 * integration does, with {@code vendo.jwt.jwks-url}).
 *
 * @since 0.1.0
 */
public interface Sso {

    /**
     * Tells whether Vendo's proxy signs users in for this deployment.
     *
     * @return {@code true} when {@code VENDO_AUTH=1}
     */
    boolean isEnabled();

    /**
     * Reads the signed-in user from a request's headers, whatever {@link #isEnabled()} says.
     *
     * @param headers the request's headers, names in any case; values a {@code String}, a {@code
     *     Collection} or a {@code String[]}
     * @return the identity, or empty when {@code X-Vendo-User-Id} is absent
     * @throws run.vendo.errors.AuthError if a header is malformed or ambiguous
     */
    Optional<VendoIdentity> identity(Map<String, ?> headers);

    /**
     * Reads the signed-in user from a request's headers.
     *
     * @param header returns a header's value by name, or {@code null} (for example {@code
     *     request::getHeader})
     * @return the identity, or empty when {@code X-Vendo-User-Id} is absent
     * @throws run.vendo.errors.AuthError if a header is malformed
     */
    Optional<VendoIdentity> identity(Function<String, String> header);
}
