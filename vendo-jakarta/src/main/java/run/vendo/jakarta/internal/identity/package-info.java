/**
 * The identity of a request, by the integration's trust rule: {@link
 * run.vendo.jakarta.internal.identity.RequestIdentityResolver} reads the proxy's headers with the
 * core's reader and, with verification on, takes every value from the verified token. May use
 * {@code text}, {@code jwt} and {@code config}. Not an API.
 */
package run.vendo.jakarta.internal.identity;
