/**
 * The transport to Vendo over Apache HttpClient 5: requests with their headers, retries with their
 * deadlines, bounded response reading, and the mapping of failed answers to typed errors. May
 * depend on {@code text}, {@code json}, {@code config} and {@code identity}.
 */
package run.vendo.internal.http;
