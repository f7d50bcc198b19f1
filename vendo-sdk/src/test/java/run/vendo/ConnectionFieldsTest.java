package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.testing.Fault;
import run.vendo.testing.MutableClock;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/** Connection's statuses and typed fields, from the emulator and from hostile answers. */
class ConnectionFieldsTest {

    static final Instant NOW = Instant.parse("2026-05-20T14:00:00Z");
    static final String CONNECTIONS = "/api/deployments/me/connections";

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension(b -> b.clock(new MutableClock(NOW)));

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo);

    private final VendoEmulator emulator = vendo.emulator();
    private final Vendo root = client.root();

    @Test
    void aConnectedConnectionIsActive() {
        emulator.deployment().connect("google");
        Connection google = root.connections().get("google").orElseThrow();
        assertEquals("connected", google.status());
        assertTrue(google.isActive());
        assertNull(google.setupUrl());
        assertNull(google.errorMessage());
        assertEquals("#4285F4", google.brandColor());
        assertTrue(google.logoUrl().startsWith(emulator.baseUrl() + "/"), google.logoUrl());
        assertEquals("https://developers.google.com/", google.docsUrl());
    }

    @Test
    void aConnectionToAuthoriseAgainIsNotActiveAndSaysWhy() {
        emulator.deployment().needsReauth("notion");
        Connection notion = root.connections().get("notion").orElseThrow();
        assertEquals("needs_reauth", notion.status());
        assertFalse(notion.isActive());
        assertTrue(notion.errorMessage().contains("notion"), notion.errorMessage());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"connected,true", "active,false", "available,false",
        "pending_setup,false", "needs_reauth,false", "error,false", "revoked,false", "NULL,false", "CONNECTED,false"})
    void isActiveMeansConnected(String status, boolean active) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("slug", "x");
        fields.put("status", status);
        assertEquals(active, Connection.of(fields).isActive());
    }

    @Test
    void unknownFieldsStayInAttributesAndTypedOnesDoNot() {
        answer("{\"slug\": \"x\", \"status\": \"pending_setup\", \"setup_url\": \"https://vendo.run/setup/x\","
                + " \"scopes\": [\"a\", \"b\"], \"kind\": \"oauth\", \"env_bootstrap\": {\"vars\": [{\"name\":"
                + " \"X_TOKEN\", \"value_from\": \"metadata.credential.X_TOKEN\"}], \"restart\": \"none\"},"
                + " \"metadata\": {\"n\": 1, \"credential\": {\"X_TOKEN\": \"s3cr3t\"}}, \"api_key\": \"k3y\"}");
        Connection x = only();
        assertEquals("https://vendo.run/setup/x", x.setupUrl());
        assertEquals(Map.of("scopes", List.of("a", "b"), "kind", "oauth"), x.attributes());
        assertEquals(List.of(new Connection.EnvBootstrap.Var("X_TOKEN", "metadata.credential.X_TOKEN")),
                x.envBootstrap().vars());
        assertEquals(Map.of("X_TOKEN", "s3cr3t"), x.secretCredentials());
        assertEquals("k3y", x.secretApiKey());
        assertEquals(1L, x.metadata().get("n"));
        assertThrows(UnsupportedOperationException.class, () -> x.envBootstrap().vars().clear());
        assertThrows(UnsupportedOperationException.class, () -> x.metadata().clear());
        assertThrows(UnsupportedOperationException.class, () -> x.secretCredentials().clear());
        assertFalse(x.toString().contains("s3cr3t"), x.toString());
        assertFalse(x.toString().contains("k3y"), x.toString());
        assertTrue(x.toString().contains("credential"), x.toString());
        assertTrue(x.toString().contains("api_key"), x.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,x", "/connect/x", "//evil.test/x",
        "https://user:pw@evil.test/x", "mailto:a@b.test"})
    void linksThatAreNotAbsoluteHttpUrlsAreDropped(String hostile) {
        answer("{\"slug\": \"x\", \"setup_url\": \"" + hostile + "\", \"logo_url\": \"" + hostile
                + "\", \"docs_url\": \"" + hostile + "\"}");
        Connection x = only();
        assertNull(x.setupUrl());
        assertNull(x.logoUrl());
        assertNull(x.docsUrl());
        assertEquals(Map.of(), x.attributes(), "a dropped link does not come back as an attribute");
    }

    @ParameterizedTest
    @CsvSource({"2026-05-20T15:00:00Z,2026-05-20T15:00:00Z", "2026-05-20T17:00:00.5+02:00,2026-05-20T15:00:00.5Z",
        "2026-05-20T15:00:00.123456+00:00,2026-05-20T15:00:00.123456Z"})
    void connectedAtIsReadWithAnyOffset(String sent, String expected) {
        answer("{\"slug\": \"x\", \"connected_at\": \"" + sent + "\"}");
        assertEquals(Instant.parse(expected), only().connectedAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2026-05-20 15:00:00\"", "\"2026-05-20T15:00:00\"", "1779289200",
        "null", "{}"})
    void anUnreadableConnectedAtIsNull(String sent) {
        answer("{\"slug\": \"x\", \"connected_at\": " + sent + "}");
        assertNull(only().connectedAt());
    }

    @Test
    void fieldsOfAnotherTypeCountAsAbsent() {
        answer("{\"slug\": \"x\", \"status\": 1, \"error_message\": [\"e\"], \"brand_color\": 255,"
                + " \"external_id\": 42, \"metadata\": [1], \"env_bootstrap\": \"A=B\", \"exclusive\": \"yes\","
                + " \"context\": \"c\", \"api_key\": 7}");
        Connection x = only();
        assertNull(x.status());
        assertNull(x.errorMessage());
        assertNull(x.brandColor());
        assertNull(x.externalId());
        assertEquals(Map.of(), x.metadata());
        assertNull(x.envBootstrap());
        assertFalse(x.exclusive());
        assertEquals(Map.of(), x.context());
        assertNull(x.secretApiKey());
        assertFalse(x.isActive());
    }

    @Test
    void aConnectionNeedsItsSlug() {
        Connection c = Connection.of(Map.of("slug", "x"));
        assertEquals(Map.of(), c.metadata());
        assertNull(c.envBootstrap());
        assertEquals(Map.of(), c.attributes());
        assertThrows(NullPointerException.class, () -> Connection.of(Map.of("id", "c1")));
        assertEquals(Connection.of(Map.of("slug", "x")), c);
    }

    private void answer(String connection) {
        emulator.inject(Fault.raw(200, "application/json", "{\"connections\": [" + connection + "]}"))
                .onPath(CONNECTIONS);
    }

    private Connection only() {
        List<Connection> list = root.connections().list();
        assertEquals(1, list.size());
        return list.get(0);
    }
}
