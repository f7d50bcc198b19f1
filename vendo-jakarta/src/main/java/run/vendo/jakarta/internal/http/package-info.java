/**
 * What the integration writes to the HTTP exchange: the JSON error answers ({@code Vendo-Error-Code}
 * included) and the headers that keep an answer private. May use the layers below it: {@code text},
 * {@code jwt}, {@code config} and {@code identity}. Not an API.
 */
package run.vendo.jakarta.internal.http;
