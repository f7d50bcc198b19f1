/**
 * Servlet-free reading of the identity headers that Vendo's proxy adds to each request: {@link
 * run.vendo.jakarta.identity.IdentityHeaders} turns a header lookup into an {@link
 * run.vendo.jakarta.identity.IdentityResult}. Used by {@link run.vendo.jakarta.VendoIdentityFilter};
 * usable on its own with any header source.
 */
package run.vendo.jakarta.identity;
