/**
 * Implementation details of the Jakarta integration; not an API. Each concern has a package of its
 * own, in layers from {@code text} at the bottom through {@code jwt}, {@code config}, {@code
 * identity} and {@code http} to the features ({@code rest}, {@code events}, {@code security}, {@code
 * health}) and {@code cdi} at the top; a package uses only the layers below it and the public API.
 * The {@code shaded} sub-packages hold the relocated copy of SmallRye JWT and its dependencies and
 * are excluded from CDI discovery.
 */
package run.vendo.jakarta.internal;
