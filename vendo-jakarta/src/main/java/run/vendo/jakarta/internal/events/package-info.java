/**
 * Vendo's events in a Jakarta application: webhooks received and the event stream held, both fired
 * to CDI observers.
 */
package run.vendo.jakarta.internal.events;
