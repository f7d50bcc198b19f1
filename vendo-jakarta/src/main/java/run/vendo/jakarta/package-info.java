/**
 * Vendo for Jakarta EE 10: add {@code vendo-jakarta} to a WAR and deploy it to any Jakarta EE 10
 * web-profile server with MicroProfile Config (WildFly, Payara, …); nothing else to register.
 *
 * <h2>What it provides</h2>
 * <ul>
 *   <li>{@link run.vendo.jakarta.VendoIdentityFilter}, registered by the jar's {@code
 *       web-fragment.xml}, reads (and, with {@code vendo.jwt.jwks-url} set, verifies) the identity
 *       headers of each request;
 *   <li>{@link run.vendo.jakarta.VendoUserContext}, request-scoped: who is signed in, and how far
 *       each value can be trusted;
 *   <li>{@code @Inject Vendo} (the deployment's client, closed when the application stops) and
 *       {@code @Inject @}{@link run.vendo.jakarta.VendoUser}{@code  Vendo} (the request's user);
 *   <li>settings from MicroProfile Config, validated at start-up with every problem listed;
 *   <li>a JAX-RS exception mapper for every {@link run.vendo.errors.VendoError}, see {@link
 *       run.vendo.jakarta.rest.VendoErrorMapper}.
 * </ul>
 *
 * <pre>{@code
 * @Path("/me/files")
 * @ApplicationScoped
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
 * <h2>A request's path</h2>
 * <ol>
 *   <li>{@link run.vendo.jakarta.VendoIdentityFilter} reads (and verifies) the identity headers and
 *       writes the result into the request's {@link run.vendo.jakarta.VendoUserContext}, its one
 *       holder; nothing else writes it.
 *   <li>On the first call of {@code @VendoUser Vendo} in the request, that context makes the
 *       deployment client's {@code forUser(jwt)} view, or, without a usable user, a client whose
 *       calls throw the reason (see {@link run.vendo.jakarta.VendoUser}), and keeps it for the request.
 *   <li>{@code @VendoUser Vendo}, one bean for the application, sends each call to the client of the
 *       request in progress; outside a request it throws {@link
 *       jakarta.enterprise.context.ContextNotActiveException}.
 * </ol>
 *
 * <h2>Settings</h2>
 * MicroProfile Config also finds each key as an environment variable (upper case, other characters
 * as {@code _}): {@code vendo.api-key} is {@code VENDO_API_KEY}.
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code vendo.api-key}</td><td>none (OSS mode)</td><td>the App Key, {@code vendo_sk_…}</td></tr>
 *   <tr><td>{@code vendo.base-url}</td><td>{@code https://vendo.run}</td><td>Vendo API</td></tr>
 *   <tr><td>{@code vendo.credentials-url}</td><td>{@code https://credentials.vendo.run}</td>
 *       <td>credentials worker</td></tr>
 *   <tr><td>{@code vendo.api-version}</td><td>{@code 2026-05-15}</td><td>{@code Vendo-API-Version}</td></tr>
 *   <tr><td>{@code vendo.connect-timeout}</td><td>5s</td><td>connect and pool-lease timeout</td></tr>
 *   <tr><td>{@code vendo.request-timeout}</td><td>10s</td><td>response timeout per attempt</td></tr>
 *   <tr><td>{@code vendo.call-timeout}</td><td>the request timeout</td>
 *       <td>time one call may take over all its attempts and the waits between them</td></tr>
 *   <tr><td>{@code vendo.max-connections}</td><td>50</td><td>pooled connections to Vendo</td></tr>
 *   <tr><td>{@code vendo.max-attempts}</td><td>3</td><td>attempts per call on network errors and 5xx (1–10)</td></tr>
 *   <tr><td>{@code vendo.cache-size}</td><td>10000</td><td>cached tokens across all users</td></tr>
 *   <tr><td>{@code vendo.refresh-ahead}</td><td>5m</td>
 *       <td>how long before a cached token stops being served (60s before its {@code expires_at}) a
 *       read starts refreshing it in the background and is answered with it meanwhile; {@code 0}:
 *       off</td></tr>
 *   <tr><td>{@code vendo.jwt.jwks-url}</td><td>none (no verification)</td>
 *       <td>JWKS that verifies identity tokens; setting it turns verification on</td></tr>
 *   <tr><td>{@code vendo.jwt.issuer}</td><td>none (any)</td><td>required {@code iss}</td></tr>
 *   <tr><td>{@code vendo.jwt.audiences}</td><td>none (any)</td>
 *       <td>accepted {@code aud} values, comma-separated</td></tr>
 *   <tr><td>{@code vendo.jwt.leeway}</td><td>60s</td><td>clock skew on {@code exp} and {@code nbf} (0–60s)</td></tr>
 *   <tr><td>{@code vendo.jwt.max-lifetime}</td><td>65m</td>
 *       <td>longest token lifetime accepted, {@code exp - iat} (and {@code exp - now}), plus the leeway
 *       (1m–24h)</td></tr>
 *   <tr><td>{@code vendo.jwt.email-claim}</td><td>{@code email}</td><td>claim path of the e-mail address</td></tr>
 *   <tr><td>{@code vendo.jwt.name-claim}</td><td>{@code name}</td><td>claim path of the display name</td></tr>
 *   <tr><td>{@code vendo.jwt.tenant-claim}</td><td>{@code app_metadata.tenant_id}</td>
 *       <td>claim path of the tenant</td></tr>
 *   <tr><td>{@code vendo.filter.no-store}</td><td>true</td>
 *       <td>answers to requests with an identity are marked {@code Cache-Control: private, no-store}
 *       and {@code Vary: X-Vendo-User-JWT, X-Vendo-User-Id} unless the application sets its own
 *       {@code Cache-Control}</td></tr>
 * </table>
 * Durations are ISO-8601 ({@code PT5S}) or a number with a unit ({@code 500ms}, {@code 5s}, {@code
 * 2m}); a bare number means seconds. A claim path names nested claims with dots. {@code
 * VENDO_TOKEN_<SLUG>} and bring-your-own-key variables ({@code OPENAI_API_KEY}, …) are read
 * through MicroProfile Config as well.
 *
 * <p>Keep HttpClient's wire log ({@code org.apache.hc.client5.http.wire}) off: it prints request
 * headers, the API key and identity tokens included.
 */
package run.vendo.jakarta;
