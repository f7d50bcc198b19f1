package run.vendo.jakarta.internal.jwt;

import java.io.IOException;
import java.net.URI;

/**
 * Fetches the JSON text of a JSON Web Key Set.
 */
@FunctionalInterface
public interface JwksFetcher {

    /**
     * Fetches the key set.
     *
     * @param url where it is published
     * @return the JSON document
     * @throws IOException if it cannot be fetched (network error, timeout, non-200 answer, too large)
     */
    String fetch(URI url) throws IOException;
}
