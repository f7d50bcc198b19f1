/**
 * Typed errors raised by the Vendo client. Every error is a {@link run.vendo.errors.VendoError}
 * with a machine-readable code; the subclasses carry the same names as in Vendo's other SDKs.
 */
package run.vendo.errors;
