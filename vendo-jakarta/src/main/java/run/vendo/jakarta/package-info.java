/**
 * Vendo for Jakarta EE 10: add {@code vendo-jakarta} to a WAR and deploy it to any Jakarta EE 10
 * web-profile server with MicroProfile Config (WildFly, Payara, …); nothing else to register.
 *
 * <h2>What it provides</h2>
 * <ul>
 *   <li>{@link run.vendo.jakarta.VendoIdentityFilter}, registered by the jar's {@code
 *       web-fragment.xml}, reads (and, with {@code vendo.jwt.jwks-url} set, verifies) the identity
 *       headers of each request;
 *   <li>{@link run.vendo.jakarta.VendoUserContext}, request-scoped: who is signed in;
 *   <li>{@code @Inject Vendo} (the deployment's client) and {@code @Inject @}{@link
 *       run.vendo.jakarta.VendoUser}{@code  Vendo} (the request's user), see {@link
 *       run.vendo.jakarta.cdi.VendoProducer};
 *   <li>settings from MicroProfile Config, validated at start-up, see {@link
 *       run.vendo.jakarta.config.VendoSettings};
 *   <li>a JAX-RS exception mapper for every {@link run.vendo.errors.VendoError}, see {@link
 *       run.vendo.jakarta.rest.VendoErrorMapper}.
 * </ul>
 *
 * <pre>{@code
 * @Path("/me/files")
 * @RequestScoped
 * public class FilesResource {
 *     @Inject @VendoUser Vendo vendo;
 *
 *     @GET
 *     public List<String> files() {
 *         String token = vendo.token("google");   // NotConnected becomes a 409 with a connect_url
 *         return drive.list(token);
 *     }
 * }
 * }</pre>
 *
 * <p>Keep HttpClient's wire log ({@code org.apache.hc.client5.http.wire}) off: it prints request
 * headers, the API key and identity tokens included.
 */
package run.vendo.jakarta;
