/**
 * Verification of identity tokens with SmallRye JWT (shaded into this jar under {@code
 * run.vendo.jakarta.internal.shaded}, so it never meets the server's own MP-JWT) against a JSON Web
 * Key Set fetched lazily: {@link run.vendo.jakarta.internal.jwt.JwtVerifier}. May use {@code text}
 * only. Not an API.
 */
package run.vendo.jakarta.internal.jwt;
