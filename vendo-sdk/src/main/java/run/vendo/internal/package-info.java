/**
 * Implementation details of the client; not an API. Each concern has a package of its own, in
 * layers from {@code text} at the bottom through {@code json}, {@code config}, {@code identity} and
 * {@code http} to {@code token} and {@code webhooks}, then {@code events} and {@code platform}, and
 * {@code client} at the top; a package uses only the layers below it and the public API. The
 * package itself holds no class.
 */
package run.vendo.internal;
