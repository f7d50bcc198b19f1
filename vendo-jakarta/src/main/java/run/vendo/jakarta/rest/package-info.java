/**
 * JAX-RS support: {@link run.vendo.jakarta.rest.VendoErrorMapper} answers every {@link
 * run.vendo.errors.VendoError} with a documented status and a JSON body.
 */
package run.vendo.jakarta.rest;
