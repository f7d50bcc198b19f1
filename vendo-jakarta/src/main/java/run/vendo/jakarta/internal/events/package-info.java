/**
 * Vendo's events in a Jakarta application: webhooks received and the event stream held, both fired
 * to CDI observers. May use {@code http} and the layers below it. Not an API.
 */
package run.vendo.jakarta.internal.events;
