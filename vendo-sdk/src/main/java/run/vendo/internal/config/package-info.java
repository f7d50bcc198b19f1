/**
 * The client's settings as the builder resolved them, the rules that check them, and the
 * deployment's environment. May depend on {@code text} and {@code json}.
 */
package run.vendo.internal.config;
