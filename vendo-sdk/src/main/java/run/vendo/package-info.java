/**
 * The Vendo client: {@link run.vendo.Vendo} and the types it returns. Packages below {@code
 * run.vendo.internal} are implementation details and may change in any release.
 */
package run.vendo;
