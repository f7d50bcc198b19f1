/** The CDI producer of the deployment's {@link run.vendo.Vendo}. Not an API. */
package run.vendo.jakarta.internal.cdi;
