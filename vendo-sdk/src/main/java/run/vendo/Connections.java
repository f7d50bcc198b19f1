package run.vendo;

import java.util.List;
import java.util.Optional;

/**
 * The connections of one identity: the deployment's for a root client, the user's for a scoped
 * view. Each call asks Vendo afresh; nothing is cached.
 *
 * @since 0.1.0
 */
public interface Connections {

    /**
     * Lists the connections.
     *
     * @return the connections, possibly empty, never {@code null}
     * @throws run.vendo.errors.VendoError if Vendo reports an error
     */
    List<Connection> list();

    /**
     * Finds the connection of one provider.
     *
     * @param slug the provider slug, for example {@code "google"}
     * @return the connection, or empty when there is none for {@code slug}
     * @throws run.vendo.errors.VendoError if Vendo reports an error
     * @throws IllegalArgumentException if {@code slug} is null or blank
     */
    Optional<Connection> get(String slug);
}
