package run.vendo;

import java.util.List;
import java.util.Optional;

/**
 * The integrations (providers) Vendo offers: {@code GET /api/integrations}. {@link #list()} and
 * {@link #get(String)} need Vendo mode; {@link #envVars(String)} reads the bundled
 * bring-your-own-key catalogue and works in any mode.
 *
 * @since 0.1.0
 */
public interface Integrations {

    /**
     * Lists every integration.
     *
     * @return the integrations, possibly empty
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws run.vendo.errors.VendoError if Vendo reports an error
     */
    List<Integration> list();

    /**
     * Finds one integration.
     *
     * @param slug the provider slug, for example {@code "google"}
     * @return the integration, or empty when Vendo has none by that slug (404)
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws run.vendo.errors.VendoError if Vendo reports another error
     * @throws IllegalArgumentException if {@code slug} is null or blank
     */
    Optional<Integration> get(String slug);

    /**
     * Returns the environment variables that supply a provider's key without Vendo (bring your
     * own key), the primary one first.
     *
     * @param slug the provider slug, for example {@code "openai"}
     * @return the variables; empty for a slug outside the bundled catalogue
     * @throws IllegalArgumentException if {@code slug} is null or blank
     */
    List<String> envVars(String slug);
}
