/** What the integration does to the HTTP exchange besides reading the identity. */
package run.vendo.jakarta.internal.http;
