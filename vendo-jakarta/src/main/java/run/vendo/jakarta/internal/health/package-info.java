/**
 * The MicroProfile Health readiness check {@code vendo}. May use {@code http} and the layers below
 * it. Not an API.
 */
package run.vendo.jakarta.internal.health;
