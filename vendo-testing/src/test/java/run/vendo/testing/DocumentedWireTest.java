package run.vendo.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * The emulator answers as Vendo's docs show: for every documented example answer ({@link
 * DocumentedAnswer}) the emulator is meant to reproduce, a fresh emulator is driven into that
 * situation and asked over real HTTP on loopback; its answer must have the fixture's status, the same
 * {@code Vendo-Error-Code} header (or none), the same content type and the same shape: the same field
 * names and the same JSON types, recursively. Array elements are compared with the merged shape of
 * the fixture's elements, so a field that the docs show null in one entry and filled in another
 * matches either; a field the fixtures only show null matches null or the type its docs page
 * documents ({@link #DOCUMENTED_TYPES}). Codes, messages and a few catalogue values are compared
 * exactly too ({@link #EXACT}). Event streams are compared block by block: the event names, the ids,
 * and each block's data as JSON ({@code id}, {@code at}, {@code kind} and the payload fields).
 *
 * <p>Every fixture is either checked ({@link #SCENARIOS}, or {@link #CHECKED_ELSEWHERE}) or listed in
 * {@link #NOT_REPRODUCED} with the reason; {@link #everyFixtureIsCheckedOrListedWithAReason()} fails
 * on a fixture that is neither, so a new one cannot be skipped silently.
 */
class DocumentedWireTest {

    /** The fixtures the emulator does not produce, each with the reason. */
    static final Map<String, String> NOT_REPRODUCED = Map.of(
            "billing.balance-error-429", "Vendo's per-IP limit of 60 requests a minute: the emulator has no rate"
                    + " limiter (a test that wants the answer injects it with Fault.raw).",
            "billing.balance-error-500", "A Vendo bug: the emulator has none to reproduce.",
            "connections.error-500", "A Vendo bug: the emulator has none to reproduce.",
            "integrations.list-error-500", "A Vendo bug: the emulator has none to reproduce.",
            "integrations.list-error-404", "A signed-in dashboard user without a production tenant: the emulator"
                    + " has no dashboard sessions and serves everyone the anonymous catalogue.",
            "integrations.list-signed-in", "The session-authed array with tenant overlay: the emulator has no"
                    + " dashboard sessions and serves everyone the anonymous catalogue.");

    /** Fixtures checked by another test of this class, not over the emulator's HTTP server. */
    static final Map<String, String> CHECKED_ELSEWHERE = Map.of(
            "webhooks.event", "theWebhookBodyIsTheDocumentedOne: Vendo posts it to the application; the emulator's"
                    + " WebhookSigner builds it.");

    /** The documented type of fields that the fixtures only ever show as null (the pages' Fields tables). */
    static final Map<String, Set<Kind>> DOCUMENTED_TYPES = Map.of(
            "id", EnumSet.of(Kind.STRING),
            "api_key", EnumSet.of(Kind.STRING),
            "base_url", EnumSet.of(Kind.STRING),
            "context", EnumSet.of(Kind.OBJECT),
            "setup_url", EnumSet.of(Kind.STRING),
            "error_message", EnumSet.of(Kind.STRING),
            "env_bootstrap", EnumSet.of(Kind.OBJECT),
            "icon_name", EnumSet.of(Kind.STRING),
            "docs_url", EnumSet.of(Kind.STRING));

    /** Fields whose string value must be the fixture's exactly, wherever they are in an object. */
    static final Set<String> EXACT = Set.of("error", "code", "message", "token_type", "toolkit", "kind", "currency");

    /** The catalogue values an entry of the connections list must share with the fixture's entry of that slug. */
    static final List<String> CONNECTION_VALUES = List.of("status", "profile", "display_name", "category",
            "exclusive", "brand_color", "docs_url");

    /** The values a row of the integrations catalogue must share with the fixture's row of that provider. */
    static final List<String> INTEGRATION_VALUES = List.of("name", "description", "category", "default_profile",
            "supported_profiles", "icon_name", "docs_url");

    /** An answer as it came over the wire. */
    record Answer(int status, HttpHeaders headers, String body) {

        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.headers(), response.body());
        }
    }

    /** Drives a fresh emulator into a fixture's situation and asks it. */
    @FunctionalInterface
    interface Scenario {
        Answer run(VendoEmulator emulator, DocumentedAnswer fixture) throws Exception;
    }

    static final Map<String, Scenario> SCENARIOS = scenarios();

    private static Map<String, Scenario> scenarios() {
        Map<String, Scenario> s = new LinkedHashMap<>();
        // ---- credentials worker: a token, then every row of the errors table
        s.put("credentials-worker.token", (vendo, f) -> {
            vendo.deployment().connect("notion");
            return get(vendo, "/credentials/notion");
        });
        s.put("typescript-sdk.bulk", (vendo, f) -> {
            vendo.deployment().connect("notion");
            return get(vendo, "/credentials/_bulk?slugs=notion,slack");
        });
        // The docs' cause is a malformed env-var key on /v1/<key>, which the emulator does not serve; its
        // bulk endpoint answers a request without slugs with the same code in the same form.
        s.put("credentials-worker.error-400-validation_failed", (vendo, f) -> get(vendo, "/credentials/_bulk"));
        s.put("credentials-worker.error-401-app_unknown", (vendo, f) -> Answer.of(TestHttp.send(
                TestHttp.authorized(vendo, "/credentials/notion").setHeader("Authorization", "Bearer vendo_sk_nope"))));
        s.put("credentials-worker.error-401-app_revoked", (vendo, f) -> {
            vendo.deployment().connect("notion");
            vendo.revokeApiKey();
            return get(vendo, "/credentials/notion");
        });
        s.put("credentials-worker.error-401-app_expired", (vendo, f) -> {
            vendo.deployment().connect("notion");
            vendo.expireApiKey();
            return get(vendo, "/credentials/notion");
        });
        s.put("credentials-worker.error-401-connection_needs_reauth", (vendo, f) -> {
            vendo.deployment().needsReauth("notion");
            return get(vendo, "/credentials/notion");
        });
        s.put("credentials-worker.error-403-binding_missing", (vendo, f) -> get(vendo, "/credentials/notion"));
        s.put("credentials-worker.error-403-connection_revoked", (vendo, f) -> {
            vendo.deployment().revoke("notion");
            return get(vendo, "/credentials/notion");
        });
        s.put("credentials-worker.error-404-provider_unknown", (vendo, f) ->
                get(vendo, "/credentials/no-such-provider"));
        s.put("credentials-worker.error-500-profile_unsupported", (vendo, f) -> {
            vendo.deployment().connect("notion");
            vendo.deployment().profile("notion", "user_oauth");
            return get(vendo, "/credentials/notion");
        });
        // No Composio stands behind the emulator: its failing is a fault, injected in the worker's form.
        s.put("credentials-worker.error-502-upstream_error", (vendo, f) -> {
            vendo.deployment().connect("gmail");
            vendo.inject(Fault.error(502, "upstream_error").flatBody("Composio returned 5xx or a malformed body."))
                    .onSlug("gmail");
            return get(vendo, "/credentials/gmail");
        });
        // ---- connections
        s.put("connections.list", (vendo, f) -> {
            vendo.deployment().connect("openai");
            return get(vendo, "/api/deployments/me/connections");
        });
        s.put("connections.list-with-credential", (vendo, f) -> {
            vendo.deployment().connect("openai");
            vendo.deployment().credential("supabase", "SUPABASE_ACCESS_TOKEN", "sbp_0123456789abcdef")
                    .context("supabase", "{\"project_ref\": \"abcd1234\"}")
                    .envBootstrap("supabase", "{\"vars\": [{\"name\": \"SUPABASE_ACCESS_TOKEN\", \"value_from\":"
                            + " \"metadata.credential.SUPABASE_ACCESS_TOKEN\"}], \"restart\": \"gateway\"}")
                    .error("supabase", "Supabase rejected the stored credential.");
            return get(vendo, "/api/deployments/me/connections");
        });
        s.put("connections.error-401-missing-bearer", (vendo, f) ->
                bare(vendo, "/api/deployments/me/connections", null));
        s.put("connections.error-401-invalid-token", (vendo, f) ->
                bare(vendo, "/api/deployments/me/connections", "Bearer vendo_sk_someone_elses_key"));
        // ---- integrations, asked anonymously as the public catalogue is
        s.put("integrations.list-anonymous", (vendo, f) -> bare(vendo, "/api/integrations", null));
        s.put("integrations.get-anonymous", (vendo, f) -> bare(vendo, "/api/integrations/openrouter", null));
        s.put("integrations.get-error-404", (vendo, f) -> bare(vendo, "/api/integrations/no-such-provider", null));
        // ---- billing
        s.put("billing.balance", (vendo, f) -> get(vendo, "/api/billing/balance"));
        s.put("billing.balance-error-401-missing", (vendo, f) -> bare(vendo, "/api/billing/balance", null));
        s.put("billing.balance-error-401-invalid", (vendo, f) ->
                bare(vendo, "/api/billing/balance", "Bearer vendo_sk_someone_elses_key"));
        // ---- data proxy
        s.put("data-proxy.execute", (vendo, f) -> {
            vendo.dataProxy().action("GMAIL_SEND_EMAIL", "gmail", "{\"id\": \"msg_1\", \"threadId\": \"thr_1\"}");
            vendo.deployment().connect("gmail");
            return execute(vendo, "{\"action_id\": \"GMAIL_SEND_EMAIL\", \"args\": {\"recipient_email\": \"a@b.c\"}}");
        });
        s.put("data-proxy.error-403-binding_missing", (vendo, f) -> {
            vendo.dataProxy().action("GMAIL_SEND_EMAIL", "gmail", "{}");
            return execute(vendo, "{\"action_id\": \"GMAIL_SEND_EMAIL\", \"args\": {}}");
        });
        s.put("data-proxy.error-400-composio", (vendo, f) ->
                execute(vendo, "{\"action_id\": \"GMAIL_SEND_MAIL\", \"args\": {}}"));
        // ---- events
        s.put("events.stream", (vendo, f) -> {
            vendo.events().legacyAliases(false); // the page's example shows none
            return stream(vendo, f, () -> {
                vendo.events().emit("connection.connected", "{\"slug\":\"openai\",\"connection_id\":\"cn_1\"}");
                vendo.events().emit("billing.usage_recorded", "{\"provider\":\"openrouter\",\"micros\":1234}");
            });
        });
        s.put("events.stream-legacy-alias", (vendo, f) -> stream(vendo, f, () ->
                vendo.events().emit("connection.connected", "{\"slug\":\"notion\",\"connection_id\":\"cn_2\"}")));
        s.put("events.error-429-streams", (vendo, f) -> {
            List<SseTestClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < EmulatedEvents.MAX_STREAMS; i++) {
                    open.add(SseTestClient.open(vendo, null));
                    assertEquals(200, open.get(i).status());
                }
                SseTestClient refused = SseTestClient.open(vendo, null);
                open.add(refused);
                return new Answer(refused.status(), refused.response().headers(),
                        new String(refused.response().body().readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                open.forEach(SseTestClient::close);
            }
        });
        return s;
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void everyFixtureIsCheckedOrListedWithAReason() {
        Set<String> all = new TreeSet<>(DocumentedAnswer.all().stream().map(DocumentedAnswer::name).toList());
        Set<String> accounted = new TreeSet<>(SCENARIOS.keySet());
        for (Set<String> more : List.of(NOT_REPRODUCED.keySet(), CHECKED_ELSEWHERE.keySet())) {
            for (String name : more) {
                assertTrue(accounted.add(name), name + " is both checked and listed");
            }
        }
        assertEquals(all, accounted, "a fixture must be checked here or listed with the reason it is not");
        NOT_REPRODUCED.forEach((name, reason) -> assertFalse(reason.isBlank(), name));
    }

    @TestFactory
    Stream<DynamicTest> theEmulatorAnswersAsTheDocsShow() {
        return SCENARIOS.entrySet().stream().map(scenario -> DynamicTest.dynamicTest(scenario.getKey(), () -> {
            DocumentedAnswer fixture = DocumentedAnswer.named(scenario.getKey());
            try (VendoEmulator emulator = VendoEmulator.start()) {
                assertSameWire(fixture, scenario.getValue().run(emulator, fixture));
            }
        }));
    }

    @Test
    void theWebhookBodyIsTheDocumentedOne() {
        DocumentedAnswer fixture = DocumentedAnswer.named("webhooks.event");
        String body = WebhookSigner.event("evt_1", "connection.connected", Instant.parse("2026-05-20T12:00:00Z"),
                Map.of("slug", "openai", "connection_id", "cn_1"));
        JsonValue actual = Json.parse(body);
        assertSameShape(fixture.name(), fixture.json(), actual);
        assertEquals(List.copyOf(((JsonObject) fixture.json()).keySet()), List.copyOf(((JsonObject) actual).keySet()));
    }

    /** The comparison itself fails where it should, so that a pass means something. */
    @Test
    void theShapeComparisonCatchesEveryKindOfDifference() {
        JsonValue flat = Json.parse("{\"error\": \"binding_missing\", \"detail\": \"x\"}");
        assertSameShape("same", flat, Json.parse("{\"error\": \"binding_missing\", \"detail\": \"other\"}"));
        for (String wrong : List.of("{\"error\": {\"code\": \"binding_missing\", \"message\": \"x\"}}",
                "{\"error\": \"binding_missing\"}", "{\"error\": \"binding_missing\", \"detail\": \"x\", \"slug\": 1}",
                "{\"error\": \"binding_missing\", \"detail\": null}",
                "{\"error\": \"app_unknown\", \"detail\": \"x\"}")) {
            assertThrows(AssertionFailedError.class, () -> assertSameShape("wrong", flat, Json.parse(wrong)), wrong);
        }
        JsonValue list = Json.parse("{\"l\": [{\"id\": \"a\", \"n\": 1, \"o\": null}, {\"id\": null, \"n\": 2,"
                + " \"o\": {\"x\": true}}]}");
        assertSameShape("nullable", list, Json.parse("{\"l\": [{\"id\": null, \"n\": 3, \"o\": {\"x\": false}},"
                + " {\"id\": \"b\", \"n\": 4, \"o\": null}]}"));
        for (String wrong : List.of("{\"l\": [{\"id\": 1, \"n\": 3, \"o\": null}]}",
                "{\"l\": [{\"id\": \"b\", \"n\": 1.5, \"o\": null}]}",
                "{\"l\": [{\"id\": \"b\", \"n\": 1, \"o\": []}]}",
                "{\"l\": [{\"id\": \"b\", \"n\": 1, \"o\": {\"y\": true}}]}", "{\"l\": {}}")) {
            assertThrows(AssertionFailedError.class, () -> assertSameShape("wrong", list, Json.parse(wrong)), wrong);
        }
        assertSameShape("documented", Json.parse("{\"context\": null}"), Json.parse("{\"context\": {\"a\": 1}}"));
        assertThrows(AssertionFailedError.class, () -> assertSameShape("undocumented",
                Json.parse("{\"other\": null}"), Json.parse("{\"other\": \"x\"}")));
    }

    // ---------------------------------------------------------------- comparing

    private static void assertSameWire(DocumentedAnswer fixture, Answer actual) {
        String name = fixture.name();
        assertEquals(fixture.status(), actual.status(), name + ": status; body " + actual.body());
        assertEquals(Optional.ofNullable(fixture.headers().get("Vendo-Error-Code")),
                actual.headers().firstValue("Vendo-Error-Code"), name + ": Vendo-Error-Code");
        String contentType = actual.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith(fixture.contentType()), name + ": Content-Type " + contentType);
        JsonStructure expected = fixture.json();
        if (expected == null) {
            assertSameStream(name, fixture.body(), actual.body());
            return;
        }
        JsonValue body = Json.parse(actual.body());
        assertSameShape(name, expected, body);
        assertSameEntries(name, expected, body, "connections", "slug", CONNECTION_VALUES);
        assertSameEntries(name, expected, body, "integrations", "provider", INTEGRATION_VALUES);
        if (expected instanceof JsonObject row && row.containsKey("provider")) {
            for (String field : INTEGRATION_VALUES) {
                assertEquals(row.get(field), body.asJsonObject().get(field), name + ": " + field);
            }
        }
    }

    /** Shape and exact values of {@code actual} against {@code expected}; fails with the path of the difference. */
    static void assertSameShape(String name, JsonValue expected, JsonValue actual) {
        Shape.of(expected).check(name, null, actual);
        assertSameExactValues(name, expected, actual);
    }

    private static void assertSameExactValues(String path, JsonValue expected, JsonValue actual) {
        if (!(expected instanceof JsonObject e) || !(actual instanceof JsonObject a)) {
            return;
        }
        e.forEach((field, value) -> {
            if (EXACT.contains(field) && value instanceof JsonString) {
                assertEquals(value, a.get(field), path + "." + field);
            }
            assertSameExactValues(path + "." + field, value, a.get(field));
        });
    }

    /**
     * For a fixture's list under {@code listField}, the answer's entry of each fixture entry's {@code
     * key} exists and shares the fixture entry's {@code values} (and the nullness of its {@code id}).
     */
    private static void assertSameEntries(String name, JsonValue expected, JsonValue actual, String listField,
            String key, List<String> values) {
        if (!(expected instanceof JsonObject e) || !(e.get(listField) instanceof JsonArray list)) {
            return;
        }
        Map<String, JsonObject> answered = new HashMap<>();
        for (JsonValue entry : actual.asJsonObject().getJsonArray(listField)) {
            answered.put(entry.asJsonObject().getString(key), entry.asJsonObject());
        }
        for (JsonObject entry : list.getValuesAs(JsonObject.class)) {
            String id = entry.getString(key);
            JsonObject mine = answered.get(id);
            assertNotNull(mine, name + ": no entry " + key + "=" + id + " in " + answered.keySet());
            for (String field : values) {
                assertEquals(entry.get(field), mine.get(field), name + ": " + id + "." + field);
            }
            if (entry.containsKey("id")) {
                assertEquals(entry.isNull("id"), mine.isNull("id"), name + ": " + id + ".id null or not");
            }
        }
    }

    /**
     * Compares two event streams: the comment lines the fixture shows come first in the answer too;
     * then the same number of event blocks, each with the same field lines in the same order, the same
     * event name, the id and data of an earlier block exactly where the fixture repeats one (a legacy
     * alias) and a new id otherwise, and data whose JSON has the
     * fixture's fields in order (with their types), {@code id} equal to the block's, {@code at} an ISO
     * 8601 instant and {@code kind} the fixture's.
     */
    private static void assertSameStream(String name, String expected, String actual) {
        List<List<String>> want = blocks(expected);
        List<List<String>> got = blocks(actual);
        if (!want.isEmpty() && isComment(want.get(0))) {
            assertEquals(want.get(0), got.get(0), name + ": the stream starts with the heartbeat");
        }
        want.removeIf(DocumentedWireTest::isComment);
        got.removeIf(DocumentedWireTest::isComment);
        assertEquals(want.size(), got.size(), name + ": event blocks " + got);
        // A legacy alias block repeats its event's id and data; the pages elide ids ("evt_01H…"), so ids
        // are compared through that: blocks the fixture repeats are repeated, all others distinct.
        Map<String, String> repeated = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            Map<String, String> w = fields(want.get(i));
            Map<String, String> g = fields(got.get(i));
            String where = name + " block " + i;
            assertEquals(List.copyOf(w.keySet()), List.copyOf(g.keySet()), where + ": fields");
            assertEquals(w.get("event"), g.get("event"), where + ": event");
            String same = repeated.putIfAbsent(w.get("id") + "\n" + w.get("data"), g.get("id") + "\n" + g.get("data"));
            if (same != null) {
                assertEquals(same, g.get("id") + "\n" + g.get("data"), where + ": the repeated block's id and data");
            } else {
                assertEquals(repeated.size(), repeated.values().stream().map(v -> v.split("\n")[0]).distinct().count(),
                        where + ": a new id");
            }
            JsonObject wantData = Json.parse(w.get("data")).asJsonObject();
            JsonObject gotData = Json.parse(g.get("data")).asJsonObject();
            assertEquals(List.copyOf(wantData.keySet()), List.copyOf(gotData.keySet()), where + ": data fields");
            assertSameShape(where, wantData, gotData);
            assertEquals(g.get("id"), gotData.getString("id"), where + ": data.id is the block's id");
            assertNotNull(Instant.parse(gotData.getString("at")), where + ": at");
        }
    }

    private static boolean isComment(List<String> block) {
        return block.stream().allMatch(line -> line.startsWith(":"));
    }

    /** The blocks of an event stream, each its non-empty lines. */
    private static List<List<String>> blocks(String stream) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : stream.split("\n", -1)) {
            if (line.isEmpty()) {
                if (!block.isEmpty()) {
                    blocks.add(block);
                    block = new ArrayList<>();
                }
            } else {
                block.add(line);
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block);
        }
        return blocks;
    }

    /** A block's {@code field: value} lines in order; one {@code data} line each in these streams. */
    private static Map<String, String> fields(List<String> block) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : block) {
            int colon = line.indexOf(": ");
            assertTrue(colon > 0, line);
            assertTrue(fields.put(line.substring(0, colon), line.substring(colon + 2)) == null, "repeated: " + line);
        }
        return fields;
    }

    /** The JSON types compared. An integral number also matches where the docs show a decimal one. */
    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL, OBJECT, ARRAY }

    static Kind kind(JsonValue value) {
        switch (value.getValueType()) {
            case STRING:
                return Kind.STRING;
            case NUMBER:
                return ((JsonNumber) value).isIntegral() ? Kind.INTEGER : Kind.DECIMAL;
            case TRUE:
            case FALSE:
                return Kind.BOOLEAN;
            case NULL:
                return Kind.NULL;
            case OBJECT:
                return Kind.OBJECT;
            default:
                return Kind.ARRAY;
        }
    }

    /**
     * The shape of one or more JSON values merged: the kinds seen; for objects, every field seen (each
     * field's values merged) and the fields every object had; for arrays, the merged shape of every
     * element of every array.
     */
    static final class Shape {

        final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        final Map<String, Shape> fields = new LinkedHashMap<>();
        Set<String> required;
        Shape element;

        static Shape of(JsonValue value) {
            Shape shape = new Shape();
            shape.add(value);
            return shape;
        }

        void add(JsonValue value) {
            kinds.add(kind(value));
            if (value instanceof JsonObject object) {
                if (required == null) {
                    required = new LinkedHashSet<>(object.keySet());
                } else {
                    required.retainAll(object.keySet());
                }
                object.forEach((name, v) -> fields.computeIfAbsent(name, n -> new Shape()).add(v));
            } else if (value instanceof JsonArray array) {
                for (JsonValue v : array) {
                    if (element == null) {
                        element = new Shape();
                    }
                    element.add(v);
                }
            }
        }

        /** Checks {@code actual}, the value of {@code field} (null at the top) at {@code path}. */
        void check(String path, String field, JsonValue actual) {
            Kind kind = kind(actual);
            Set<Kind> allowed = EnumSet.copyOf(kinds);
            if (allowed.equals(EnumSet.of(Kind.NULL)) && DOCUMENTED_TYPES.containsKey(field)) {
                allowed.addAll(DOCUMENTED_TYPES.get(field));
            }
            if (allowed.contains(Kind.DECIMAL)) {
                allowed.add(Kind.INTEGER);
            }
            if (!allowed.contains(kind)) {
                throw new AssertionFailedError(path + ": " + kind + " where the docs show " + allowed);
            }
            if (actual instanceof JsonObject object && required != null) {
                Set<String> extra = new LinkedHashSet<>(object.keySet());
                extra.removeAll(fields.keySet());
                Set<String> missing = new LinkedHashSet<>(required);
                missing.removeAll(object.keySet());
                if (!extra.isEmpty() || !missing.isEmpty()) {
                    throw new AssertionFailedError(path + ": fields not in the docs " + extra + ", missing " + missing);
                }
                object.forEach((name, v) -> fields.get(name).check(path + "." + name, name, v));
            } else if (actual instanceof JsonArray array && element != null) {
                for (int i = 0; i < array.size(); i++) {
                    element.check(path + "[" + i + "]", field, array.get(i));
                }
            }
        }
    }

    // ---------------------------------------------------------------- asking the emulator

    private static Answer get(VendoEmulator emulator, String path) {
        return Answer.of(TestHttp.get(emulator, path));
    }

    /** A request with no header but {@code Authorization} (when not null), as an anonymous caller or a raw client. */
    private static Answer bare(VendoEmulator emulator, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Answer.of(TestHttp.send(request));
    }

    private static Answer execute(VendoEmulator emulator, String body) {
        return Answer.of(TestHttp.send(TestHttp.authorized(emulator, PlatformEndpoints.EXECUTE_PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /**
     * Opens the event stream, waits for its first heartbeat, runs {@code emit}, and reads as many event
     * blocks as the fixture shows; returns them as the stream's text, heartbeat first.
     */
    private static Answer stream(VendoEmulator emulator, DocumentedAnswer fixture, Runnable emit) {
        emulator.events().heartbeatInterval(Duration.ofMillis(100));
        int events = (int) blocks(fixture.body()).stream().filter(b -> !isComment(b)).count();
        try (SseTestClient stream = SseTestClient.open(emulator, null)) {
            assertEquals(200, stream.status());
            StringBuilder text = new StringBuilder(stream.nextLine()).append("\n\n");
            emit.run();
            for (int i = 0; i < events; i++) {
                text.append(String.join("\n", stream.nextEvent())).append("\n\n");
            }
            return new Answer(stream.status(), stream.response().headers(), text.toString());
        }
    }
}
