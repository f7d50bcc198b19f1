/**
 * The platform endpoints besides tokens: integrations, billing, the data proxy and connect links.
 * May depend on {@code token} and the layers below it.
 */
package run.vendo.internal.platform;
