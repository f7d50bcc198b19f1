/**
 * Text safety, the bottom layer: credentials that never print themselves ({@code Secret}), the one
 * rule for control characters, and the scrubbing of server text before it reaches a message or a
 * log. Depends on nothing else of the client; every other package may use it.
 */
package run.vendo.internal.text;
