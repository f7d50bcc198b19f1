package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static run.vendo.jakarta.it.VendoAssertions.assertToken;
import static run.vendo.jakarta.it.VendoAssertions.assertVendoError;
import static run.vendo.jakarta.it.VendoAssertions.describe;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.testing.Fault;
import run.vendo.testing.VendoEmulator;

/**
 * The Vendo integration deployed as a drop-in jar, in Vendo mode against the emulator, with
 * identity-token verification on: per-request users ({@code @Inject @VendoUser Vendo}, in a
 * {@code @RequestScoped} and an {@code @ApplicationScoped} resource), a background job with the
 * plain {@code Vendo} and {@code forUser(jwt)}, {@code VendoUserContext}, the identity filter's
 * rejections and the exception mapper's statuses. The application calls the emulator over real HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class RequestScopingIT {

    private static final String JWT_HEADER = "X-Vendo-User-JWT";

    /** Started before the deployment (its URLs go into the WAR's settings), closed after the class. */
    private static final VendoEmulator EMULATOR = VendoEmulator.start();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return VendoWars.app("request-scoping.war", VendoWars.emulatorSettings(EMULATOR));
    }

    @AfterAll
    static void stopEmulator() {
        SecretLedger.record(RequestScopingIT.class, EMULATOR);
        EMULATOR.close();
    }

    @ArquillianResource
    URL base;

    @Test
    void eachUserGetsTheirOwnTokenThroughVendoUser() {
        String aliceToken = EMULATOR.user("alice").connect("google");
        String bobToken = EMULATOR.user("bob").connect("google");
        String aliceJwt = EMULATOR.mintUserJwt("alice");
        String bobJwt = EMULATOR.mintUserJwt("bob");

        assertToken(aliceToken, Http.get(base, "api/user/token/google", JWT_HEADER, aliceJwt), "alice's token");
        assertToken(bobToken, Http.get(base, "api/user/token/google", JWT_HEADER, bobJwt), "bob's token");
        assertToken(aliceToken, Http.get(base, "api/app-user/token/google", JWT_HEADER, aliceJwt),
                "alice's token from the application-scoped resource");
        assertToken(bobToken, Http.get(base, "api/app-user/token/google", JWT_HEADER, bobJwt),
                "bob's token from the application-scoped resource");

        assertEquals(1, EMULATOR.tokenCalls("alice", "google"), "alice's token is cached after one upstream call");
        assertEquals(1, EMULATOR.tokenCalls("bob", "google"), "bob's token is cached after one upstream call");
        assertEquals(0, EMULATOR.tokenCalls(VendoEmulator.DEPLOYMENT, "google"),
                "the deployment never asked for google");
        assertTrue(EMULATOR.requests().stream().filter(r -> r.path().equals("/credentials/google"))
                .allMatch(r -> r.header(JWT_HEADER) != null), "every user-scoped call carries the user's JWT");
    }

    @Test
    void concurrentUsersNeverSeeEachOthersTokens() throws Exception {
        int users = 20;
        int requestsPerUser = 10;
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, String> jwts = new LinkedHashMap<>();
        for (int i = 0; i < users; i++) {
            String user = "concurrent-" + i;
            tokens.put(user, EMULATOR.user(user).connect("drive"));
            jwts.put(user, EMULATOR.mintUserJwt(user));
        }
        List<String> order = new ArrayList<>();
        for (int round = 0; round < requestsPerUser; round++) {
            order.addAll(tokens.keySet());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                String user = order.get(i);
                // Alternate between the request-scoped and the application-scoped resource.
                String path = (i % 2 == 0 ? "api/user" : "api/app-user") + "/token/drive";
                results.add(pool.submit(() -> {
                    HttpResponse<String> response = Http.get(base, path, JWT_HEADER, jwts.get(user));
                    if (response.statusCode() != 200) {
                        return user + ": " + describe(response);
                    }
                    return tokens.get(user).equals(response.body()) ? null
                            : user + " got " + VendoAssertions.ownerOf(response.body());
                }));
            }
            List<String> mismatches = new ArrayList<>();
            for (Future<String> result : results) {
                String mismatch = result.get(60, TimeUnit.SECONDS);
                if (mismatch != null) {
                    mismatches.add(mismatch);
                }
            }
            assertEquals(List.of(), mismatches, "mismatches among " + order.size() + " concurrent requests");
        } finally {
            pool.shutdownNow();
        }
        for (String user : tokens.keySet()) {
            assertEquals(1, EMULATOR.tokenCalls(user, "drive"), "upstream token calls of " + user);
        }
    }

    @Test
    void backgroundJobActsForTheUserWhoseJwtItWasGiven() {
        String carolToken = EMULATOR.user("carol").connect("openai");
        EMULATOR.user("dave").connect("openai");

        // No identity header: the job gets the user from its input only.
        assertToken(carolToken, Http.post(base, "api/job/token/openai", EMULATOR.mintUserJwt("carol")),
                "carol's token from the job");
        assertEquals(1, EMULATOR.tokenCalls("carol", "openai"));
        assertEquals(0, EMULATOR.tokenCalls("dave", "openai"));
    }

    @Test
    void userContextHoldsTheVerifiedIdentity() {
        String body = Http.getOk(base, "api/me");
        assertTrue(body.contains("present=false\n") && body.contains("hasJwt=false\n"), "no header, nobody: " + body);

        String erin = EMULATOR.jwt("erin").claim("app_metadata", Map.of("tenant_id", "tenant-7")).sign();
        HttpResponse<String> me = Http.get(base, "api/me", JWT_HEADER, erin,
                "X-Vendo-User-Id", "erin", "X-Vendo-User-Email", "erin@example.test",
                "X-Vendo-Tenant-Id", "tenant-7", "X-Vendo-Role", "owner");
        assertEquals(200, me.statusCode(), () -> describe(me));
        Map<String, String> fields = fields(me.body());
        assertEquals("true", fields.get("present"), me.body());
        assertEquals("true", fields.get("verified"), me.body());
        assertEquals("true", fields.get("hasJwt"), me.body());
        assertEquals("erin", fields.get("userId"), me.body());
        assertEquals("erin", fields.get("sub"), me.body());
        assertEquals("erin@example.test", fields.get("email"), me.body());
        assertEquals("tenant-7", fields.get("tenantId"), "from the token's app_metadata.tenant_id: " + me.body());
        assertEquals("owner", fields.get("proxyRole"), me.body());

        // A replayed token cannot be dressed up: a header that contradicts its claim is refused...
        for (String[] forged : new String[][] {{"X-Vendo-User-Id", "mallory"},
            {"X-Vendo-User-Email", "evil@attacker.test"}, {"X-Vendo-Tenant-Id", "victim-tenant"}}) {
            assertVendoError(Http.get(base, "api/me", JWT_HEADER, erin, forged[0], forged[1]), 401, "identity_invalid");
        }
        // ...and an unsigned value the token does not carry never joins the verified identity.
        HttpResponse<String> noTenant = Http.get(base, "api/me", JWT_HEADER, EMULATOR.mintUserJwt("erin"),
                "X-Vendo-Tenant-Id", "victim-tenant", "X-Vendo-Role", "owner");
        Map<String, String> plain = fields(noTenant.body());
        assertEquals("true", plain.get("verified"), noTenant.body());
        assertEquals("", plain.get("tenantId"), noTenant.body());
        assertEquals("owner", plain.get("proxyRole"), "offered apart, as the proxy's word: " + noTenant.body());
        // Without a token, the proxy's headers sign nobody in when verification is on.
        HttpResponse<String> headersOnly = Http.get(base, "api/me", "X-Vendo-User-Id", "erin");
        assertEquals(200, headersOnly.statusCode(), () -> describe(headersOnly));
        assertTrue(headersOnly.body().contains("present=false\n"), headersOnly.body());
    }

    @Test
    void requestWithoutIdentityIsUnauthorized() {
        assertVendoError(Http.get(base, "api/user/token/google"), 401, "identity_not_present");
        assertVendoError(Http.get(base, "api/app-user/token/google"), 401, "identity_not_present");
        assertVendoError(Http.get(base, "api/user/token/google", JWT_HEADER, "   "), 401, "identity_not_present");
    }

    @Test
    void badIdentityTokensAreRejectedBeforeTheResourceRuns() {
        EMULATOR.user("frank").connect("google");
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("signed by an unknown key", EMULATOR.jwt("frank").signedByUnknownKey().sign());
        invalid.put("RS256, unknown key", EMULATOR.jwt("frank").rs256().signedByUnknownKey().sign());
        invalid.put("alg none", EMULATOR.jwt("frank").unsigned());
        invalid.put("garbage", "not-a-jwt");
        invalid.put("three garbage segments", "abc.def.ghi");
        invalid.put("wrong issuer", EMULATOR.jwt("frank").issuer("https://issuer.invalid/auth/v1").sign());
        invalid.put("wrong audience", EMULATOR.jwt("frank").audience("someone-else").sign());
        invalid.put("tampered payload", tamper(EMULATOR.mintUserJwt("frank"), EMULATOR.mintUserJwt("mallory")));

        int runsBefore = resourceRuns();
        int callsBefore = EMULATOR.calls();
        for (Map.Entry<String, String> jwt : invalid.entrySet()) {
            HttpResponse<String> response = Http.get(base, "api/user/token/google", JWT_HEADER, jwt.getValue());
            assertFalse(response.statusCode() == 200, () -> jwt.getKey() + " was accepted");
            assertVendoError(response, 401, "identity_invalid");
        }
        String expired = EMULATOR.jwt("frank").expiresAt(Instant.now().minus(Duration.ofMinutes(10))).sign();
        assertVendoError(Http.get(base, "api/user/token/google", JWT_HEADER, expired), 401, "identity_expired");
        assertVendoError(Http.get(base, "api/app-user/token/google", JWT_HEADER, expired), 401, "identity_expired");

        assertEquals(runsBefore, resourceRuns(), "a resource ran for a rejected identity token");
        assertEquals(callsBefore, EMULATOR.calls(), "the emulator saw a call for a rejected identity token");
        assertEquals(0, EMULATOR.tokenCalls("frank", "google"));
    }

    @Test
    void vendoErrorsAreMappedToStatuses() {
        EMULATOR.user("gina").connect("google");
        EMULATOR.user("gina").needsReauth("notion");
        String jwt = EMULATOR.mintUserJwt("gina");

        HttpResponse<String> notConnected = Http.get(base, "api/user/token/github", JWT_HEADER, jwt);
        assertVendoError(notConnected, 409, "binding_missing");
        assertTrue(notConnected.body().contains("\"slug\":\"github\""), () -> describe(notConnected));

        assertVendoError(Http.get(base, "api/user/token/notion", JWT_HEADER, jwt), 409, "connection_needs_reauth");

        EMULATOR.user("gina").connect("slack");
        EMULATOR.inject(Fault.rateLimited(Duration.ofSeconds(7))).onSlug("slack");
        HttpResponse<String> rateLimited = Http.get(base, "api/user/token/slack", JWT_HEADER, jwt);
        assertVendoError(rateLimited, 429, "upstream_rate_limited");
        assertEquals("7", rateLimited.headers().firstValue("Retry-After").orElse(null), () -> describe(rateLimited));
    }

    @Test
    void warCarriesTheShadedVendoJakartaJarAndNoJsonP() throws IOException {
        Path libs = Path.of(System.getProperty("it.war-libs"));
        List<String> names;
        try (Stream<Path> jars = Files.list(libs)) {
            names = jars.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Path vendoJakarta = names.stream().filter(n -> n.startsWith("vendo-jakarta-")).findFirst()
                .map(libs::resolve).orElseThrow(() -> new AssertionError("no vendo-jakarta jar in " + names));
        assertTrue(names.stream().anyMatch(n -> n.startsWith("vendo-sdk-")), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("httpclient5-")), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("caffeine-")), names::toString);
        assertTrue(names.stream().noneMatch(n -> n.startsWith("jakarta.json") || n.startsWith("parsson")
                || n.startsWith("smallrye-jwt") || n.startsWith("jose4j")), names::toString);
        try (JarFile jar = new JarFile(vendoJakarta.toFile())) {
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("run/vendo/jakarta/internal/shaded/")),
                    "the vendo-jakarta jar in the WAR is the shaded one");
        }
    }

    private int resourceRuns() {
        return Integer.parseInt(Http.getOk(base, "api/runs").trim());
    }

    /** The header and signature of {@code signed} around the payload of {@code other}. */
    private static String tamper(String signed, String other) {
        String[] a = signed.split("\\.");
        String[] b = other.split("\\.");
        return a[0] + "." + b[1] + "." + a[2];
    }

    private static Map<String, String> fields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }
}
