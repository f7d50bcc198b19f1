/**
 * CDI beans of the integration: the {@link run.vendo.Vendo} producers ({@link
 * run.vendo.jakarta.cdi.VendoProducer}), the settings producer that validates MicroProfile Config at
 * start-up, and the request-scoped identity plumbing used by the filter.
 */
package run.vendo.jakarta.cdi;
