/**
 * Implementation details of the Jakarta integration; not an API. The {@code shaded} sub-packages
 * hold the relocated copy of SmallRye JWT and its dependencies and are excluded from CDI discovery.
 */
package run.vendo.jakarta.internal;
