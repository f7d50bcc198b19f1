/**
 * The deployment's settings, read from MicroProfile Config onto the core's builder, validated at
 * start-up. May use {@code text} and {@code jwt}. Not an API: the keys are documented in the {@code
 * run.vendo.jakarta} package.
 */
package run.vendo.jakarta.internal.config;
