package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stand-in provider API: who a bearer token belongs to, and 401 for one no connection serves. */
class ProviderEndpointTest {

    /** Started before all tests, reset before each, closed after all. */
    @RegisterExtension
    static final VendoEmulatorExtension VENDO = new VendoEmulatorExtension();

    private static HttpResponse<String> whoami(String authorization) {
        URI whoami = URI.create(VENDO.emulator().providerUrl() + "/whoami");
        HttpRequest.Builder request = HttpRequest.newBuilder(whoami).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return TestHttp.send(request);
    }

    @Test
    void namesTheIdentityAndSlugOfATokenAConnectionServesButNeverTheToken() {
        String alices = VENDO.emulator().user("alice").connect("google");
        String deployments = VENDO.emulator().deployment().connect("google");
        HttpResponse<String> alice = whoami("Bearer " + alices);
        assertEquals(200, alice.statusCode(), alice.body());
        assertEquals("alice", TestHttp.json(alice).getString("identity"));
        assertEquals("google", TestHttp.json(alice).getString("slug"));
        assertFalse(alice.body().contains(alices));
        assertEquals(VendoEmulator.DEPLOYMENT, TestHttp.json(whoami("Bearer " + deployments)).getString("identity"));
    }

    @Test
    void aTokenNoConnectionServesIsRefusedAsInvalid() {
        String old = VENDO.emulator().user("bob").connect("notion");
        String current = VENDO.emulator().user("bob").rotate("notion");
        HttpResponse<String> refused = whoami("Bearer " + old);
        assertEquals(401, refused.statusCode());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"The access token is not valid\"",
                refused.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(200, whoami("Bearer " + current).statusCode());

        VENDO.emulator().user("bob").needsReauth("notion");
        assertEquals(401, whoami("Bearer " + current).statusCode());
        assertEquals(401, whoami("Bearer nobody-knows-this").statusCode());
        assertEquals(401, whoami("Basic " + current).statusCode());
        HttpResponse<String> none = whoami(null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void callsAreCountedPerPath() {
        int before = VENDO.emulator().calls("/provider/whoami");
        whoami(null);
        assertEquals(before + 1, VENDO.emulator().calls("/provider/whoami"));
    }
}
