/**
 * The top layer: the producer of the deployment's {@link run.vendo.Vendo}, built from {@code config};
 * the making of a request user's client; and {@link run.vendo.jakarta.internal.cdi.ForwardingVendo},
 * the one forwarding {@code Vendo} the integration's stand-in clients extend. Not an API.
 */
package run.vendo.jakarta.internal.cdi;
