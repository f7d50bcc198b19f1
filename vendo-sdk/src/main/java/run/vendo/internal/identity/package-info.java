/**
 * Who a call is for: the identity headers Vendo's proxy sends, the shape of a user JWT, the parsed
 * user identity and single sign-on. May depend on {@code text}, {@code json} and {@code config};
 * nothing here makes an HTTP call.
 */
package run.vendo.internal.identity;
