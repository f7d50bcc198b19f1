/**
 * CDI beans of the integration: the deployment's {@link run.vendo.Vendo} ({@link
 * run.vendo.jakarta.cdi.VendoProducer}), the request-scoped {@code @VendoUser Vendo} that also holds
 * the identity the filter read ({@link run.vendo.jakarta.cdi.UserVendo}), the identity resolver, and
 * the settings producer that validates MicroProfile Config at start-up.
 */
package run.vendo.jakarta.cdi;
