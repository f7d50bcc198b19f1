package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.jakarta.rest.VendoToken;
import run.vendo.jakarta.rest.VendoTokenFilter;
import run.vendo.jakarta.testsupport.TestContainer;
import run.vendo.testing.VendoEmulator;

/**
 * {@link VendoTokenFilter} on a real Jakarta REST client (Jersey) calling the emulator's stand-in
 * provider over loopback, which says whose token it received; CDI from a Weld container, the
 * request's identity stored as the identity filter stores it.
 */
class VendoTokenFilterTest {

    static VendoEmulator emulator;
    private TestContainer container;
    private Client client;

    @BeforeAll
    static void startEmulator() {
        emulator = VendoEmulator.start();
        VendoProducerTest.emulator = emulator;
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void start() {
        emulator.user("alice").connect("google");
        emulator.user("bob").connect("google");
        emulator.deployment().connect("google");
        container = TestContainer.start(VendoProducerTest.vendoMode());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        container.close();
        emulator.reset();
    }

    private Response call(VendoTokenFilter filter, String authorization) {
        client = ClientBuilder.newClient().register(filter);
        var request = client.target(emulator.providerUrl()).path("whoami").request();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.get();
    }

    private static String whoami(Response response) {
        assertEquals(200, response.getStatus());
        JsonObject body = Json.createReader(new StringReader(response.readEntity(String.class))).readObject();
        return body.getString("identity") + "/" + body.getString("slug");
    }

    /** One token per user, as a user's session sends the same one until it expires: the cache is per token. */
    private final Map<String, String> jwts = new HashMap<>();

    private String jwt(String user) {
        return jwts.computeIfAbsent(user, emulator::mintUserJwt);
    }

    private String inRequestAs(String user, VendoTokenFilter filter) throws Exception {
        return container.inRequest(() -> {
            VendoProducerTest.signIn(container, jwt(user));
            return whoami(call(filter, null));
        });
    }

    @Test
    void insideARequestTheCallCarriesThatUsersToken() throws Exception {
        assertEquals("alice/google", inRequestAs("alice", VendoTokenFilter.of("google")));
        assertEquals("bob/google", inRequestAs("bob", VendoTokenFilter.of("google")));
        assertEquals("alice/google", inRequestAs("alice", VendoTokenFilter.of("google", VendoToken.Identity.USER)));
        assertEquals("deployment/google",
                inRequestAs("alice", VendoTokenFilter.of("google", VendoToken.Identity.DEPLOYMENT)));
    }

    @Test
    void oneFilterFollowsWhicheverRequestIsCurrent() throws Exception {
        VendoTokenFilter shared = VendoTokenFilter.of("google"); // as on an application-scoped Rest Client
        assertEquals("alice/google", inRequestAs("alice", shared));
        assertEquals("bob/google", inRequestAs("bob", shared));
        assertEquals("deployment/google", whoami(call(shared, null)));
        assertEquals("alice/google", inRequestAs("alice", shared));
    }

    @Test
    void outsideARequestAutoIsTheDeploymentAndUserFailsClearly() {
        assertEquals("deployment/google", whoami(call(VendoTokenFilter.of("google"), null)));
        int calls = emulator.calls("/provider/whoami");
        ProcessingException e = assertThrows(ProcessingException.class,
                () -> call(VendoTokenFilter.of("google", VendoToken.Identity.USER), null));
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(cause.getMessage().contains("identity = DEPLOYMENT"), cause.getMessage());
        assertEquals(calls, emulator.calls("/provider/whoami"), "no call without the token asked for");
    }

    @Test
    void aRequestWithoutAUserNeverSendsTheDeploymentsTokenInstead() throws Exception {
        ProcessingException e = container.inRequest(() -> assertThrows(ProcessingException.class,
                () -> call(VendoTokenFilter.of("google"), null)));
        assertInstanceOf(IdentityNotPresent.class, e.getCause());
        assertEquals(0, emulator.calls("/provider/whoami"));
    }

    @Test
    void aCallWithItsOwnAuthorizationIsLeftAlone() {
        Response response = call(VendoTokenFilter.of("google"), "Bearer the-callers-own");
        assertEquals(401, response.getStatus());
        assertEquals(0, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "google"), "no Vendo token fetched");
    }

    @Test
    void aRefusedTokenIsDroppedSoTheNextCallFetchesAFreshOne() throws Exception {
        assertEquals("alice/google", inRequestAs("alice", VendoTokenFilter.of("google")));
        assertEquals("bob/google", inRequestAs("bob", VendoTokenFilter.of("google")));
        emulator.user("alice").rotate("google"); // the provider no longer accepts the cached token

        int refused = container.inRequest(() -> {
            VendoProducerTest.signIn(container, jwt("alice"));
            return call(VendoTokenFilter.of("google"), null).getStatus();
        });
        assertEquals(401, refused, "the refused call is not repeated");
        assertEquals(1, emulator.tokenCalls("alice", "google"));

        assertEquals("alice/google", inRequestAs("alice", VendoTokenFilter.of("google")));
        assertEquals(2, emulator.tokenCalls("alice", "google"), "fetched anew after the 401");
        assertEquals("bob/google", inRequestAs("bob", VendoTokenFilter.of("google")));
        assertEquals(1, emulator.tokenCalls("bob", "google"), "another user's cached token is kept");
    }

    @Test
    void aBlankSlugIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VendoTokenFilter.of(" "));
    }
}
