/**
 * The Vendo user as the caller of Jakarta Security, when the deployment asks for it. May use {@code
 * http} and the layers below it. Not an API.
 */
package run.vendo.jakarta.internal.security;
