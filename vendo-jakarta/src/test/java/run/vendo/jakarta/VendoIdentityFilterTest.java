package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;
import run.vendo.jakarta.testsupport.FilterApp;
import run.vendo.testing.RawJwts;
import run.vendo.testing.VendoEmulator;

/** Drives the real filter inside a real servlet container (Jetty 12, EE 10) over loopback. */
class VendoIdentityFilterTest {

    static VendoEmulator emulator;
    static FilterApp verifying;
    static FilterApp unverified;
    static String aliceToken;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        emulator = VendoEmulator.start();
        aliceToken = emulator.user("alice").connect("google");
        Map<String, String> base = Map.of(
                "vendo.api-key", emulator.apiKey(),
                "vendo.base-url", emulator.baseUrl(),
                "vendo.credentials-url", emulator.credentialsUrl());
        Map<String, String> verification = new HashMap<>(base);
        verification.put("vendo.jwt.jwks-url", emulator.jwksUrl());
        verification.put("vendo.jwt.issuer", emulator.issuer());
        verification.put("vendo.jwt.audiences", VendoEmulator.AUDIENCE);
        verification.put("vendo.jwt.leeway", "5s");
        verifying = new FilterApp(verification, Map.of());
        unverified = new FilterApp(base, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        verifying.close();
        unverified.close();
        emulator.close();
    }

    record Answer(int status, String body, HttpResponse<String> response) {
        String line(String key) {
            for (String line : body.split("\n")) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1);
                }
            }
            throw new AssertionError("no " + key + " in " + body);
        }

        JsonObject error() {
            return Json.createReader(new StringReader(body)).readObject().getJsonObject("error");
        }
    }

    static Answer get(FilterApp app, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    /** Asserts a 401 (or 503) JSON error that stopped the request before the servlet. */
    static JsonObject assertRejected(FilterApp app, int status, String code, String... headers) throws Exception {
        int before = app.servletCalls();
        Answer answer = get(app, "/", headers);
        assertEquals(status, answer.status(), answer.body());
        assertEquals(code, answer.response().headers().firstValue("Vendo-Error-Code").orElse(null));
        assertTrue(answer.response().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject error = answer.error();
        assertEquals(code, error.getString("code"));
        assertFalse(error.getString("message").isBlank());
        for (int i = 1; i < headers.length; i += 2) {
            if (headers[i - 1].equalsIgnoreCase("X-Vendo-User-JWT") && headers[i].length() > 8) {
                assertFalse(answer.body().contains(headers[i]), "the body never contains the token");
            }
        }
        assertEquals(before, app.servletCalls(), "the chain was not called");
        return error;
    }

    @Test
    void noIdentityPassesThroughWithAnEmptyContext() throws Exception {
        Answer answer = get(verifying, "/");
        assertEquals(200, answer.status());
        assertEquals("false", answer.line("present"));
        assertEquals("", answer.line("userId"));
    }

    @Test
    void validTokenFillsTheContextAndTheUserClient() throws Exception {
        String jwt = emulator.jwt("alice").claim("app_metadata", Map.of("tenant_id", "tenant-1")).sign();
        Answer answer = get(verifying, "/?slug=google",
                "X-Vendo-User-JWT", jwt,
                "X-Vendo-User-Email", "alice@example.test",
                "X-Vendo-Tenant-Id", "tenant-1",
                "X-Vendo-Role", "member");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("true", answer.line("present"));
        assertEquals("true", answer.line("verified"));
        assertEquals("alice", answer.line("userId"), "taken from the verified sub");
        assertEquals("alice", answer.line("sub"));
        assertEquals("alice@example.test", answer.line("email"), "the token's email claim, which the header matches");
        assertEquals("User alice", answer.line("name"), "the token's name claim");
        assertEquals("tenant-1", answer.line("tenantId"), "the token's app_metadata.tenant_id");
        assertEquals("member", answer.line("proxyRole"), "the proxy's word, offered apart");
        assertEquals(aliceToken, answer.line("token"));
    }

    @Test
    void withVerificationAHeaderThatContradictsItsClaimIsRefused() throws Exception {
        String jwt = emulator.jwt("alice").claim("app_metadata", Map.of("tenant_id", "tenant-1")).sign();
        JsonObject email = assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", jwt, "X-Vendo-User-Email", "evil@attacker.test");
        assertTrue(email.getString("message").contains("X-Vendo-User-Email"), email.toString());
        assertRejected(verifying, 401, "identity_invalid", "X-Vendo-User-JWT", jwt, "X-Vendo-Tenant-Id", "victim");
        assertRejected(verifying, 401, "identity_invalid", "X-Vendo-User-JWT", jwt, "X-Vendo-User-Name", "Mallory");
        assertRejected(verifying, 401, "identity_invalid", "X-Vendo-User-JWT", jwt, "X-Vendo-User-Id", "bob");
    }

    @Test
    void withVerificationUnsignedValuesNeverJoinTheIdentity() throws Exception {
        // The token carries no tenant: the header's tenant is not presented as the user's.
        String jwt = emulator.jwt("alice").claim("email", null).claim("name", null).sign();
        Answer answer = get(verifying, "/",
                "X-Vendo-User-JWT", jwt,
                "X-Vendo-User-Email", "evil@attacker.test",
                "X-Vendo-User-Name", "Mallory",
                "X-Vendo-Tenant-Id", "victim-tenant",
                "X-Vendo-Role", "owner");
        assertEquals(200, answer.status(), answer.body());
        assertEquals("true", answer.line("verified"));
        assertEquals("", answer.line("email"));
        assertEquals("", answer.line("name"));
        assertEquals("", answer.line("tenantId"));
        assertEquals("owner", answer.line("proxyRole"), "kept, but only as the proxy's unverified role");
        // Headers alone, without a token, sign nobody in when verification is on.
        Answer sso = get(verifying, "/", "X-Vendo-User-Id", "alice", "X-Vendo-Role", "owner");
        assertEquals("false", sso.line("present"));
    }

    @Test
    void withoutVerificationTheHeadersAreTheProxysWordEvenWithoutAToken() throws Exception {
        Answer sso = get(unverified, "/?slug=google", "X-Vendo-User-Id", "alice", "X-Vendo-User-Email", "a@x.test",
                "X-Vendo-Tenant-Id", "t-9", "X-Vendo-Role", "viewer");
        assertEquals(200, sso.status(), sso.body());
        assertEquals("true", sso.line("present"));
        assertEquals("false", sso.line("verified"));
        assertEquals("alice", sso.line("userId"));
        assertEquals("a@x.test", sso.line("email"));
        assertEquals("t-9", sso.line("tenantId"));
        assertEquals("viewer", sso.line("proxyRole"));
        assertEquals("identity_not_present", sso.line("error"), "the user's own tokens need the JWT");
    }

    @Test
    void rs256TokensAreAccepted() throws Exception {
        Answer answer = get(verifying, "/", "X-Vendo-User-JWT", emulator.jwt("alice").rs256().sign());
        assertEquals(200, answer.status(), answer.body());
        assertEquals("true", answer.line("verified"));
    }

    @Test
    void matchingUserIdHeaderIsAcceptedAndAMismatchIsRejected() throws Exception {
        String jwt = emulator.mintUserJwt("alice");
        assertEquals(200, get(verifying, "/", "X-Vendo-User-JWT", jwt, "X-Vendo-User-Id", "alice").status());
        JsonObject error = assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", jwt, "X-Vendo-User-Id", "mallory");
        assertTrue(error.getString("message").contains("X-Vendo-User-Id"));
    }

    @Test
    void expiredTokenIs401IdentityExpired() throws Exception {
        assertRejected(verifying, 401, "identity_expired",
                "X-Vendo-User-JWT", emulator.jwt("alice").expiresIn(Duration.ofMinutes(-5)).sign());
    }

    @Test
    void futureNotBeforeIsRejected() throws Exception {
        assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", emulator.jwt("alice").notBefore(Instant.now().plusSeconds(600)).sign());
    }

    @Test
    void wrongKeyIssuerAudienceAndAlgNoneAreRejected() throws Exception {
        assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", emulator.jwt("alice").signedByUnknownKey().sign());
        assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", emulator.jwt("alice").issuer("https://evil.example/auth/v1").sign());
        assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", emulator.jwt("alice").audience("someone-else").sign());
        assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", emulator.jwt("alice").unsigned());
    }

    @Test
    void twoDifferentTokensAreRejected() throws Exception {
        assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", emulator.mintUserJwt("alice"),
                "X-Vendo-User-JWT", emulator.mintUserJwt("bob"));
    }

    @Test
    void garbageTruncatedAndOversizedTokensAreRejected() throws Exception {
        String valid = emulator.mintUserJwt("alice");
        assertRejected(verifying, 401, "identity_invalid", "X-Vendo-User-JWT", "garbage");
        assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", valid.substring(0, valid.lastIndexOf('.')));
        assertRejected(verifying, 401, "identity_invalid",
                "X-Vendo-User-JWT", valid.substring(0, valid.length() - 10));
        assertRejected(verifying, 401, "identity_invalid", "X-Vendo-User-JWT", "a".repeat(5000) + ".b.c");
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = new byte[40 + random.nextInt(200)];
            random.nextBytes(bytes);
            String printable = new String(bytes, StandardCharsets.ISO_8859_1).replaceAll("[^\\x21-\\x7e]", "x");
            assertRejected(verifying, 401, "identity_invalid", "X-Vendo-User-JWT", printable);
        }
    }

    @Test
    void nonAsciiAndFoldedHeadersNeverPass() throws Exception {
        String valid = emulator.mintUserJwt("alice");
        String nonAscii = raw(verifying,
                "X-Vendo-User-JWT: " + valid.substring(0, 20) + "\u00e9\u00e9" + valid.substring(20));
        assertTrue(nonAscii.startsWith("HTTP/1.1 401"), nonAscii);
        assertTrue(nonAscii.contains("identity_invalid"), nonAscii);
        String folded = raw(verifying, "X-Vendo-User-JWT: " + valid + "\r\n " + "x");
        assertTrue(folded.startsWith("HTTP/1.1 400") || folded.startsWith("HTTP/1.1 401"), folded);
    }

    @Test
    void headerValuesAreTheProxysUtf8() throws Exception {
        String answer = raw(unverified, "X-Vendo-User-Id: u-utf8\r\nX-Vendo-User-Name: \u0141ukasz J\u00fcrgen");
        String body = new String(answer.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("HTTP/1.1 200"), body);
        assertTrue(body.contains("name=\u0141ukasz J\u00fcrgen\n"), body);
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgain() throws Exception {
        String jwt = emulator.mintUserJwt("carol");
        var verifier = verifying.cdi().get(RequestIdentityResolver.class).verifier().orElseThrow();
        long before = verifier.signatureChecks();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get(verifying, "/", "X-Vendo-User-JWT", jwt).status());
        }
        assertEquals(before + 1, verifier.signatureChecks());
    }

    @Test
    void aValidTokenWithItsSignaturesUnusedBitsSetIsRefusedBeforeAnythingIsAsked() throws Exception {
        String google = emulator.user("dave").connect("google");
        String jwt = emulator.mintUserJwt("dave");
        var verifier = verifying.cdi().get(RequestIdentityResolver.class).verifier().orElseThrow();
        long checks = verifier.signatureChecks();
        int calls = emulator.calls();
        int jwksCalls = emulator.jwksCalls();
        for (String spelling : RawJwts.unusedBitsSpellings(jwt)) {
            for (FilterApp app : new FilterApp[] {verifying, unverified}) {
                JsonObject error = assertRejected(app, 401, "identity_invalid", "X-Vendo-User-JWT", spelling);
                assertTrue(error.getString("message").contains("canonical"), error.toString());
            }
        }
        assertEquals(checks, verifier.signatureChecks(), "no signature was checked");
        assertEquals(jwksCalls, emulator.jwksCalls(), "no key set was fetched");
        assertEquals(calls, emulator.calls(), "Vendo was never asked");
        Answer served = get(verifying, "/?slug=google", "X-Vendo-User-JWT", jwt);
        assertEquals(200, served.status(), served.body());
        assertEquals(google, served.line("token"));
    }

    @Test
    void bothEcdsaSpellingsOfATokenAreOneUserWithOneUpstreamCall() throws Exception {
        String google = emulator.user("erin").connect("google");
        String jwt = emulator.mintUserJwt("erin");
        var verifier = verifying.cdi().get(RequestIdentityResolver.class).verifier().orElseThrow();
        long checks = verifier.signatureChecks();
        for (String spelling : new String[] {jwt, RawJwts.es256Twin(jwt), jwt}) {
            Answer answer = get(verifying, "/?slug=google", "X-Vendo-User-JWT", spelling);
            assertEquals(200, answer.status(), answer.body());
            assertEquals("erin", answer.line("userId"));
            assertEquals(google, answer.line("token"));
        }
        assertEquals(checks + 1, verifier.signatureChecks(), "one signature check for both spellings");
        assertEquals(1, emulator.tokenCalls("erin", "google"), "one upstream call for both spellings");
    }

    @Test
    void withoutVerificationTheShapeIsStillChecked() throws Exception {
        Answer answer = get(unverified, "/", "X-Vendo-User-JWT", emulator.mintUserJwt("alice"),
                "X-Vendo-User-Id", "alice");
        assertEquals(200, answer.status());
        assertEquals("true", answer.line("present"));
        assertEquals("false", answer.line("verified"));
        assertEquals("", answer.line("sub"), "no claims without verification");
        assertRejected(unverified, 401, "identity_invalid", "X-Vendo-User-JWT", "not.a-jwt");
    }

    @Test
    void withoutAUserTheUserClientReportsIdentityNotPresent() throws Exception {
        assertEquals("identity_not_present", get(verifying, "/?slug=google").line("error"));
    }

    @Test
    void unreachableKeySetFailsClosedWith503() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> props = Map.of(
                "vendo.api-key", emulator.apiKey(),
                "vendo.jwt.jwks-url", "http://127.0.0.1:" + closedPort + "/jwks.json",
                "vendo.connect-timeout", "2s");
        try (FilterApp app = new FilterApp(props, Map.of())) {
            assertRejected(app, 503, "identity_verifier_unavailable", "X-Vendo-User-JWT",
                    emulator.mintUserJwt("alice"));
            assertEquals(200, get(app, "/").status(), "requests without a token are unaffected");
        }
    }

    @Test
    void contextParamSwitchesTheFilterOff() throws Exception {
        try (FilterApp app = new FilterApp(Map.of(), Map.of(VendoIdentityFilter.PARAM_NAME_FILTER_ENABLED, "false"))) {
            assertFalse(app.filter().isEnabled());
            Answer answer = get(app, "/", "X-Vendo-User-JWT", "garbage");
            assertEquals(200, answer.status());
            assertEquals("false", answer.line("present"));
        }
    }

    @Test
    void theKeySetIsFetchedLazily() throws Exception {
        int before = emulator.jwksCalls();
        try (FilterApp app = new FilterApp(Map.of(
                "vendo.api-key", emulator.apiKey(), "vendo.jwt.jwks-url", emulator.jwksUrl()), Map.of())) {
            assertEquals(before, emulator.jwksCalls(), "nothing is fetched at deployment");
            get(app, "/");
            assertEquals(before, emulator.jwksCalls(), "nor for a request without a token");
            assertEquals(200, get(app, "/", "X-Vendo-User-JWT", emulator.mintUserJwt("alice")).status());
            assertEquals(before + 1, emulator.jwksCalls());
        }
    }

    @Test
    void anAnswerToAnIdentifiedRequestIsPrivateAndNotStorable() throws Exception {
        Answer anonymous = get(verifying, "/");
        assertEquals(List.of(), anonymous.response().headers().allValues("Cache-Control"));

        Answer identified = get(verifying, "/", "X-Vendo-User-JWT", emulator.mintUserJwt("alice"));
        assertEquals(200, identified.status());
        assertEquals(List.of("private, no-store"), identified.response().headers().allValues("Cache-Control"));
        assertEquals(List.of("X-Vendo-User-JWT, X-Vendo-User-Id"), identified.response().headers().allValues("Vary"));

        Answer sso = get(unverified, "/", "X-Vendo-User-Id", "alice");
        assertEquals("true", sso.line("present"));
        assertEquals(List.of("private, no-store"), sso.response().headers().allValues("Cache-Control"));
    }

    @Test
    void anApplicationsOwnCachePolicyWinsAndItsVaryJoinsOurs() throws Exception {
        Answer answer = get(verifying, "/?cache=private,max-age=30", "X-Vendo-User-JWT", emulator.mintUserJwt("alice"));
        assertEquals(200, answer.status());
        assertEquals(List.of("private,max-age=30"), answer.response().headers().allValues("Cache-Control"));
        List<String> vary = answer.response().headers().allValues("Vary");
        assertTrue(vary.contains("X-Vendo-User-JWT, X-Vendo-User-Id") && vary.contains("Accept"), vary.toString());
    }

    @Test
    void markingAnswersPrivateCanBeSwitchedOff() throws Exception {
        try (FilterApp app = new FilterApp(Map.of("vendo.filter.no-store", "false"), Map.of())) {
            Answer answer = get(app, "/", "X-Vendo-User-Id", "alice");
            assertEquals("true", answer.line("present"));
            assertEquals(List.of(), answer.response().headers().allValues("Cache-Control"));
            assertEquals(List.of(), answer.response().headers().allValues("Vary"));
        }
    }

    /** Sends one raw HTTP/1.1 request with an extra header line and returns the whole answer. */
    static String raw(FilterApp app, String headerLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headerLine + "\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
