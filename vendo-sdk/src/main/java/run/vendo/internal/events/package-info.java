/**
 * Vendo's event stream: the server-sent events parser, subscriptions on their own threads,
 * reconnects with backoff, and the dropping of cached tokens on connection events. May depend on
 * {@code token} and the layers below it.
 */
package run.vendo.internal.events;
