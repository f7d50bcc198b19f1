/**
 * The outbound side of {@code @VendoToken}: which identity's token a Rest Client call carries, and
 * the listener that registers the filter. May use {@code http} and the layers below it. Not an API.
 */
package run.vendo.jakarta.internal.rest;
