/**
 * The top layer: the CDI producers of the deployment's {@link run.vendo.Vendo} and of the request
 * user's ({@code @VendoUser Vendo}), built from {@code config}. Not an API.
 */
package run.vendo.jakarta.internal.cdi;
