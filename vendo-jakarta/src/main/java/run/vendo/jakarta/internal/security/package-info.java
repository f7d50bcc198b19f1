/** The Vendo user as the caller of Jakarta Security, when the deployment asks for it. */
package run.vendo.jakarta.internal.security;
