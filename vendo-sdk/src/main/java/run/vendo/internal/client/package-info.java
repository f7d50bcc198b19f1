/**
 * The top layer: the builder, the client that implements {@link run.vendo.Vendo}, and the core a
 * root client shares with its user-scoped views. It assembles every other package; nothing but
 * {@link run.vendo.Vendo#builder()} depends on it.
 */
package run.vendo.internal.client;
