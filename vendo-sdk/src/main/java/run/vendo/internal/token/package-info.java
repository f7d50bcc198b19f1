/**
 * Provider tokens: the credentials worker's endpoints, the per-identity token cache, refresh ahead
 * and bring-your-own-key overrides. May depend on the layers below it: {@code text}, {@code json},
 * {@code config}, {@code identity} and {@code http}.
 */
package run.vendo.internal.token;
