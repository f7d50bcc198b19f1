/**
 * Webhook verification: the signed headers, the signature check and the payload. May depend on
 * {@code text}, {@code json} and {@code identity}; it makes no HTTP call.
 */
package run.vendo.internal.webhooks;
