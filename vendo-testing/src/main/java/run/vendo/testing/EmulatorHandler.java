package run.vendo.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Routes and answers every request: records it, applies a matching fault, checks the API key and
 * the identity token (never the API version: Vendo does not require one), then serves the
 * credentials, bulk, connections, event-stream and JWKS endpoints, and through {@link
 * PlatformEndpoints} the integrations, billing and data proxy ones; hands the emulator's own control
 * endpoints to {@link ControlEndpoints}. Never writes a key or token into a message.
 */
final class EmulatorHandler implements HttpHandler {

    static final String JWKS_PATH = "/auth/v1/.well-known/jwks.json";
    static final String CREDENTIALS_PREFIX = "/credentials/";
    static final String BULK_PATH = "/credentials/_bulk";
    static final String CONNECTIONS_PATH = "/api/deployments/me/connections";
    static final String EVENTS_PATH = "/api/deployments/me/events";
    static final String PROVIDER_PREFIX = "/provider";
    static final String PROVIDER_WHOAMI_PATH = PROVIDER_PREFIX + "/whoami";
    // The emulator spells the wire protocol itself, so a client typo cannot hide behind a shared constant.
    static final String USER_JWT_HEADER = "X-Vendo-User-JWT";
    static final String ERROR_CODE_HEADER = "Vendo-Error-Code";
    /**
     * The API version the emulator speaks, shown in examples. Vendo never requires {@code
     * Vendo-API-Version} (no docs page sends it), so neither does the emulator: any value, or none, is accepted.
     */
    static final String API_VERSION = "2026-05-15";
    private static final String JSON = "application/json";
    private static final String MISSING_OR_INVALID_BEARER = "Missing or invalid Bearer token";
    private static final String INVALID_OR_REVOKED = "Invalid or revoked token";

    /** Thrown to make the server close the connection at once, without a response. */
    static final class AbortExchange extends IOException {
        private static final long serialVersionUID = 1L;

        AbortExchange(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final VendoEmulator emulator;
    private final PlatformEndpoints platform;
    private final ControlEndpoints control;

    EmulatorHandler(VendoEmulator emulator) {
        this.emulator = emulator;
        this.platform = new PlatformEndpoints(emulator);
        this.control = new ControlEndpoints(emulator);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (ControlEndpoints.serves(path)) {
            try {
                control.handle(exchange, path); // the emulator's own: neither recorded nor faulted
            } finally {
                exchange.close();
            }
            return;
        }
        Headers headers = exchange.getRequestHeaders();
        boolean jwks = JWKS_PATH.equals(path);
        TrafficRecorder.Entry entry = emulator.record(exchange.getRequestMethod(), path, rawPath, uri.getRawQuery(),
                headers, jwks, exchange.getRemoteAddress());
        String slug = singleSlug(rawPath);
        FaultRule rule = emulator.faults().match(new FaultTarget(path, slug, jwks,
                () -> rawPath.startsWith(CREDENTIALS_PREFIX) ? tentativeIdentity(headers) : VendoEmulator.DEPLOYMENT));
        if (rule != null && !applyFault(exchange, entry, rule)) {
            return;
        }
        boolean aborted = false;
        try {
            if (jwks) {
                serveJwks(exchange, entry);
            } else if (PROVIDER_WHOAMI_PATH.equals(path)) {
                serveProvider(exchange, entry, headers.getFirst("Authorization"));
            } else {
                serve(exchange, entry, path, rawPath, uri.getRawQuery(), headers);
            }
        } catch (AbortExchange abort) {
            aborted = true; // closing the exchange would end the body properly; the server drops it instead
            throw abort;
        } finally {
            if (!aborted) {
                exchange.close();
            }
        }
    }

    // ---------------------------------------------------------------- normal answers

    private void serveJwks(HttpExchange exchange, TrafficRecorder.Entry entry) throws IOException {
        if (!requireMethod(exchange, entry, "GET")) {
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
        send(exchange, entry, 200, JSON, emulator.keys().jwksBytes());
    }

    /** A provider's API: who the bearer token belongs to, or 401 as a provider refuses a revoked token. */
    private void serveProvider(HttpExchange exchange, TrafficRecorder.Entry entry, String authorization)
            throws IOException {
        if (!requireGet(exchange, entry)) {
            return;
        }
        String[] owner = authorization == null || !authorization.startsWith("Bearer ") ? null
                : emulator.ownerOf(authorization.substring("Bearer ".length()));
        if (owner == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", authorization == null ? "Bearer"
                    : "Bearer error=\"invalid_token\", error_description=\"The access token is not valid\"");
            send(exchange, entry, 401, JSON, Json.bytes(Json.object().add("error", "invalid_token").build()));
            return;
        }
        entry.identity(owner[0]);
        send(exchange, entry, 200, JSON,
                Json.bytes(Json.object().add("identity", owner[0]).add("slug", owner[1]).build()));
    }

    /**
     * Answers a request to one of Vendo's endpoints. Only the credentials worker looks at {@code
     * X-Vendo-User-JWT}; everywhere else the header is ignored and the request acts as the
     * deployment, as on Vendo.
     */
    private void serve(HttpExchange exchange, TrafficRecorder.Entry entry, String path, String rawPath, String query,
            Headers headers) throws IOException {
        if (rawPath.startsWith(CREDENTIALS_PREFIX)) {
            credentialsWorker(exchange, entry, rawPath, query, headers);
        } else if (PlatformEndpoints.isIntegrations(path)) {
            reply(exchange, entry, platform.integrations(exchange.getRequestMethod(), path, rawPath));
        } else if (CONNECTIONS_PATH.equals(path) || EVENTS_PATH.equals(path) || PlatformEndpoints.isBilling(path)) {
            String identity = apiIdentity(exchange, entry, headers.getFirst("Authorization"),
                    PlatformEndpoints.isBilling(path));
            if (identity == null) {
                return;
            }
            entry.identity(identity);
            if (!requireGet(exchange, entry)) {
                return;
            }
            if (CONNECTIONS_PATH.equals(path)) {
                connections(exchange, entry, query);
            } else if (EVENTS_PATH.equals(path)) {
                events(exchange, entry, headers.getFirst("Last-Event-ID"));
            } else {
                reply(exchange, entry, platform.billing(path, query));
            }
        } else if (!Secrets.constantTimeEquals(headers.getFirst("Authorization"), "Bearer " + emulator.apiKey())) {
            sendError(exchange, entry, 401, "app_unknown", "The API key is missing or not recognised.",
                    "Send the header Authorization: Bearer <VENDO_API_KEY>.");
        } else if (PlatformEndpoints.EXECUTE_PATH.equals(path)) {
            String keyProblem = emulator.apiKeyProblem();
            if (keyProblem != null) {
                sendError(exchange, entry, 401, keyProblem, "The App Key is revoked or expired.", null);
                return;
            }
            entry.identity(VendoEmulator.DEPLOYMENT);
            if (requireMethod(exchange, entry, "POST")) {
                reply(exchange, entry, platform.execute(exchange, entry, emulator.deployment()));
            }
        } else {
            entry.identity(VendoEmulator.DEPLOYMENT);
            sendError(exchange, entry, 404, "not_found", "No such endpoint.", null);
        }
    }

    /**
     * Checks the bearer of a request to the connections, events or billing routes as Vendo does, and
     * answers 401 {@code {"error": {"message": ...}}} (no code, no {@code Vendo-Error-Code}) when it
     * is refused. The connections and events routes take the App Key only: anything that does not
     * start with {@code vendo_sk_} (a JWT included) is "Missing or invalid Bearer token", another or a
     * revoked key "Invalid or revoked token". Billing also takes an identity JWT as the bearer (three
     * dot-separated segments, verified against the emulator's keys) and says "Missing Bearer token"
     * without one.
     *
     * @return the identity the request acts as, or null when it was answered 401
     */
    private String apiIdentity(HttpExchange exchange, TrafficRecorder.Entry entry, String authorization,
            boolean billing) throws IOException {
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).strip() : "";
        String refusal;
        if (token.isEmpty()) {
            refusal = billing ? "Missing Bearer token" : MISSING_OR_INVALID_BEARER;
        } else if (Secrets.constantTimeEquals(token, emulator.apiKey())) {
            if (emulator.apiKeyProblem() == null) {
                return VendoEmulator.DEPLOYMENT;
            }
            refusal = INVALID_OR_REVOKED;
        } else if (billing && token.split("\\.", -1).length == 3) {
            UserJwtVerifier.Result result = emulator.verifier().verify(token);
            if (result.ok()) {
                return result.subject(); // the tenant's figures, whichever of its users asks
            }
            refusal = INVALID_OR_REVOKED;
        } else if (!billing && !token.startsWith("vendo_sk_")) {
            refusal = MISSING_OR_INVALID_BEARER;
        } else {
            refusal = INVALID_OR_REVOKED;
        }
        send(exchange, entry, 401, JSON, Json.bytes(Json.object()
                .add("error", Json.object().add("message", refusal)).build()));
        return null;
    }

    // ---------------------------------------------------------------- the credentials worker

    /**
     * The credentials worker, {@code /credentials/{slug}} and {@code /credentials/_bulk}: the only
     * endpoints that resolve per user. Every error is answered as the worker documents it: the code in
     * {@code Vendo-Error-Code} and a flat body {@code {"error": "<code>", "detail": "<text>"}}.
     */
    private void credentialsWorker(HttpExchange exchange, TrafficRecorder.Entry entry, String rawPath, String query,
            Headers headers) throws IOException {
        if (!Secrets.constantTimeEquals(headers.getFirst("Authorization"), "Bearer " + emulator.apiKey())) {
            sendWorkerError(exchange, entry, 401, "app_unknown",
                    "Your VENDO_API_KEY is missing or unknown to the worker.");
            return;
        }
        String keyProblem = emulator.apiKeyProblem();
        if (keyProblem != null) {
            sendWorkerError(exchange, entry, 401, keyProblem, keyProblem.equals(VendoEmulator.APP_REVOKED)
                    ? "The key exists but was revoked." : "The key exists but its expires_at has passed.");
            return;
        }
        EmulatedIdentity identity;
        List<String> jwts = headers.get(USER_JWT_HEADER);
        if (jwts == null || jwts.isEmpty()) {
            identity = emulator.deployment();
        } else if (jwts.size() > 1) {
            sendWorkerError(exchange, entry, 401, "identity_invalid", "More than one X-Vendo-User-JWT header.");
            return;
        } else {
            UserJwtVerifier.Result result = emulator.verifier().verify(jwts.get(0));
            if (!result.ok()) {
                sendWorkerError(exchange, entry, 401, result.errorCode(), result.message());
                return;
            }
            identity = emulator.user(result.subject());
        }
        entry.identity(identity.name());
        emulator.applyAutoConnect(identity);
        String slug = singleSlug(rawPath);
        if (!BULK_PATH.equals(rawPath) && slug == null) {
            sendWorkerError(exchange, entry, 404, "not_found", "No such endpoint.");
        } else if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            sendWorkerError(exchange, entry, 405, "method_not_allowed", "Only GET is supported here.");
        } else if (slug == null) {
            bulk(exchange, entry, identity, query);
        } else {
            single(exchange, entry, identity, slug);
        }
    }

    private void single(HttpExchange exchange, TrafficRecorder.Entry entry, EmulatedIdentity identity, String slug)
            throws IOException {
        entry.countTokenLookup(identity.name(), slug);
        if (!emulator.knowsProvider(slug)) {
            sendWorkerError(exchange, entry, 404, "provider_unknown",
                    "Unknown provider slug: Vendo does not support " + slug + ".");
            return;
        }
        ConnectionState state = identity.lookup(slug);
        ConnectionState.Status status = state == null ? null : state.status();
        if (status == null || status == ConnectionState.Status.ERROR) {
            sendWorkerError(exchange, entry, 403, "binding_missing",
                    "No active binding for " + slug + " on this app for this identity.");
        } else if (status == ConnectionState.Status.NEEDS_REAUTH) {
            sendWorkerError(exchange, entry, 401, "connection_needs_reauth",
                    "The " + slug + " connection is in needs_reauth state. The user must re-authorize through Vendo.");
        } else if (status == ConnectionState.Status.REVOKED) {
            sendWorkerError(exchange, entry, 403, "connection_revoked", "The " + slug + " connection is revoked.");
        } else if (ProviderCatalog.USER_OAUTH.equals(state.effectiveProfile())) {
            sendWorkerError(exchange, entry, 500, "profile_unsupported",
                    "Profile branch doesn't dispatch (user_oauth).");
        } else {
            send(exchange, entry, 200, JSON, Json.bytes(tokenObject(state, emulator.clock().instant())));
        }
    }

    private void bulk(HttpExchange exchange, TrafficRecorder.Entry entry, EmulatedIdentity identity, String query)
            throws IOException {
        Set<String> slugs = bulkSlugs(query);
        if (slugs.isEmpty()) {
            sendWorkerError(exchange, entry, 400, "validation_failed",
                    "The slugs query parameter is required: /_bulk?slugs=a,b.");
            return;
        }
        Instant now = emulator.clock().instant();
        JsonObjectBuilder tokens = Json.object();
        for (String slug : slugs) {
            entry.countTokenLookup(identity.name(), slug);
            ConnectionState state = identity.lookup(slug);
            if (state == null || !state.active() || !emulator.knowsProvider(slug)
                    || ProviderCatalog.USER_OAUTH.equals(state.effectiveProfile())) {
                tokens.addNull(slug);
            } else {
                tokens.add(slug, tokenObject(state, now));
            }
        }
        send(exchange, entry, 200, JSON, Json.bytes(Json.object().add("tokens", tokens).build()));
    }

    /** A credentials-worker error: {@code Vendo-Error-Code} and {@code {"error": code, "detail": text}}. */
    private static void sendWorkerError(HttpExchange exchange, TrafficRecorder.Entry entry, int status, String code,
            String detail) throws IOException {
        exchange.getResponseHeaders().set(ERROR_CODE_HEADER, code);
        send(exchange, entry, status, JSON, Json.bytes(Json.object().add("error", code).add("detail", detail).build()));
    }

    /**
     * The deployment's connections as Vendo's docs list them: its bound connections in connection order
     * (a revoked one left out), then every provider the deployment supports (see {@link
     * VendoEmulator#declareProviders}) that is not bound, as {@code "available"}. With {@code
     * sandbox=1}, the credentials of exclusive providers are left out.
     */
    private void connections(HttpExchange exchange, TrafficRecorder.Entry entry, String query) throws IOException {
        boolean sandbox = "1".equals(queryParameter(query, "sandbox"));
        JsonArrayBuilder list = Json.array();
        Set<String> listed = new HashSet<>();
        for (ConnectionState state : emulator.deployment().snapshot()) {
            if (state.status() != ConnectionState.Status.REVOKED) {
                list.add(boundConnection(state, sandbox));
                listed.add(state.slug());
            }
        }
        for (String slug : emulator.supportedProviders()) {
            if (listed.add(slug)) {
                list.add(availableConnection(slug));
            }
        }
        send(exchange, entry, 200, JSON, Json.bytes(Json.object().add("connections", list).build()));
    }

    private JsonObject boundConnection(ConnectionState state, boolean sandbox) {
        String slug = state.slug();
        String profile = state.effectiveProfile();
        boolean pool = ProviderCatalog.VENDO_MANAGED_POOL.equals(profile);
        JsonObjectBuilder metadata = Json.object();
        if (!state.credential().isEmpty() && !(sandbox && ProviderCatalog.exclusive(slug))) {
            JsonObjectBuilder credential = Json.object();
            state.credential().forEach(credential::add);
            metadata.add("credential", credential);
        }
        if (state.context() != null) {
            metadata.add("context", Json.object().add(slug, state.context()));
        }
        JsonObjectBuilder c = Json.object()
                .add("id", state.id())
                .add("slug", slug)
                .add("display_name", ProviderCatalog.displayName(slug))
                .add("category", ProviderCatalog.category(slug))
                .add("profile", profile)
                // "active" is Vendo's database spelling; its API says "connected".
                .add("status", state.status().wire);
        Json.addNullable(c, "api_key", pool ? emulator.apiKey() : null);
        Json.addNullable(c, "base_url", pool ? emulator.providerProxyUrl(slug) : null);
        c.add("metadata", metadata);
        c.add("context", state.context() == null ? JsonValue.NULL : state.context());
        c.addNull("setup_url");
        Json.addNullable(c, "error_message", state.errorMessage());
        c.add("env_bootstrap", state.envBootstrap() == null ? ProviderCatalog.envBootstrap(slug)
                : state.envBootstrap());
        return branding(c, slug).build();
    }

    private JsonObject availableConnection(String slug) {
        JsonObjectBuilder c = Json.object()
                .addNull("id")
                .add("slug", slug)
                .add("display_name", ProviderCatalog.displayName(slug))
                .add("category", ProviderCatalog.category(slug))
                .add("profile", ProviderCatalog.defaultProfile(slug))
                .add("status", "available")
                .addNull("api_key")
                .addNull("base_url")
                .add("metadata", Json.object())
                .addNull("context")
                .add("setup_url", emulator.connectUrl(slug))
                .addNull("error_message")
                .addNull("env_bootstrap");
        return branding(c, slug).build();
    }

    /** {@code exclusive}, {@code logo_url}, {@code brand_color} and, when known, {@code docs_url}. */
    private JsonObjectBuilder branding(JsonObjectBuilder c, String slug) {
        c.add("exclusive", ProviderCatalog.exclusive(slug))
                .add("logo_url", ProviderCatalog.logoUrl(emulator.baseUrl(), slug))
                .add("brand_color", ProviderCatalog.brandColor(slug));
        String docs = ProviderCatalog.docsUrl(slug);
        return docs == null ? c : c.add("docs_url", docs);
    }

    /** Holds the request open as the deployment's event stream until it is dropped or its client goes away. */
    private void events(HttpExchange exchange, TrafficRecorder.Entry entry, String lastEventId) throws IOException {
        EmulatedEvents events = emulator.events();
        EventStream stream = events.open(VendoEmulator.DEPLOYMENT, lastEventId);
        if (stream == null) {
            sendError(exchange, entry, 429, EmulatedEvents.STREAM_LIMIT_CODE, "Too many concurrent SSE streams.",
                    null);
            return;
        }
        try {
            Headers out = exchange.getResponseHeaders();
            out.set("Content-Type", "text/event-stream; charset=utf-8");
            out.set("Cache-Control", "no-cache");
            entry.status(200);
            exchange.sendResponseHeaders(200, 0);
            stream.pump(exchange.getResponseBody(), events.retryFrame(), events);
        } finally {
            events.closed(stream);
        }
    }

    private static JsonObject tokenObject(ConnectionState state, Instant now) {
        Instant expiresAt = state.expiresAt(now);
        JsonObjectBuilder b = Json.object().add("access_token", state.token());
        Json.addNullable(b, "expires_at", expiresAt == null ? null : Json.timestamp(expiresAt));
        return b.add("token_type", "Bearer").build();
    }

    private boolean requireGet(HttpExchange exchange, TrafficRecorder.Entry entry) throws IOException {
        return requireMethod(exchange, entry, "GET");
    }

    /** True for a request of {@code method}; anything else is answered 405. */
    private boolean requireMethod(HttpExchange exchange, TrafficRecorder.Entry entry, String method)
            throws IOException {
        if (method.equals(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", method);
        sendError(exchange, entry, 405, "method_not_allowed", "Only " + method + " is supported here.", null);
        return false;
    }

    // ---------------------------------------------------------------- faults

    /** Applies a fault; returns true when the request should then be answered normally. */
    private boolean applyFault(HttpExchange exchange, TrafficRecorder.Entry entry, FaultRule rule) throws IOException {
        Fault fault = rule.fault();
        switch (fault.kind) {
            case DELAY:
                try {
                    Thread.sleep(fault.delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.close();
                    throw new AbortExchange("emulator stopped during an injected delay");
                }
                return true;
            case HOLD:
                try {
                    rule.holdUntilReleased();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.close();
                    throw new AbortExchange("emulator stopped while holding a request");
                }
                return true;
            case DROP:
                exchange.close();
                throw new AbortExchange("connection dropped by an injected fault");
            case TRUNCATED:
                truncate(exchange, entry);
                return false;
            default:
                try {
                    answerFault(exchange, entry, fault);
                } finally {
                    exchange.close();
                }
                return false;
        }
    }

    private void answerFault(HttpExchange exchange, TrafficRecorder.Entry entry, Fault fault) throws IOException {
        Headers out = exchange.getResponseHeaders();
        switch (fault.kind) {
            case STATUS:
                send(exchange, entry, fault.status, null, new byte[0]);
                break;
            case HEADER_ONLY:
                out.set(ERROR_CODE_HEADER, fault.code);
                send(exchange, entry, fault.status, "text/plain; charset=utf-8",
                        ("Error " + fault.status + " (injected fault)\n").getBytes(StandardCharsets.UTF_8));
                break;
            case RAW:
                send(exchange, entry, fault.status, fault.contentType, fault.body.getBytes(StandardCharsets.UTF_8));
                break;
            default: // ERROR
                if (fault.codeHeader) {
                    out.set(ERROR_CODE_HEADER, fault.code);
                }
                if (fault.retryAfterHeader != null) {
                    out.set("Retry-After", Long.toString(Fault.seconds(fault.retryAfterHeader)));
                }
                JsonObject body;
                if (fault.flatDetail != null) {
                    body = Json.object().add("error", fault.code).add("detail", fault.flatDetail).build();
                } else {
                    JsonObjectBuilder error = Json.object()
                            .add("code", fault.code)
                            .add("message", "Injected fault: " + fault.code + ".");
                    if (fault.slug != null) {
                        error.add("slug", fault.slug);
                    }
                    if (fault.connectUrl != null) {
                        error.add("connect_url", fault.connectUrl);
                    }
                    if (fault.retryAfterBody != null) {
                        error.add("retry_after", Fault.seconds(fault.retryAfterBody));
                    }
                    if (fault.suggestedFix != null) {
                        error.add("suggested_fix", fault.suggestedFix);
                    }
                    body = Json.object().add("error", error).build();
                }
                send(exchange, entry, fault.status, JSON, Json.bytes(body));
                break;
        }
    }

    /** Declares a full token body, sends half of it, then has the server close the connection. */
    private void truncate(HttpExchange exchange, TrafficRecorder.Entry entry) throws IOException {
        byte[] full = Json.bytes(Json.object()
                .add("access_token", "truncated-" + Secrets.randomHex(16))
                .addNull("expires_at")
                .add("token_type", "Bearer")
                .build());
        exchange.getResponseHeaders().set("Content-Type", JSON);
        entry.status(200);
        exchange.sendResponseHeaders(200, full.length);
        OutputStream body = exchange.getResponseBody();
        body.write(full, 0, full.length / 2);
        body.flush();
        throw new AbortExchange("response body truncated by an injected fault");
    }

    // ---------------------------------------------------------------- plumbing

    /** A Vendo error: {@code Vendo-Error-Code} and {@code {"error": {"code", "message", "suggested_fix"?}}}. */
    private static void sendError(HttpExchange exchange, TrafficRecorder.Entry entry, int status, String code,
            String message, String suggestedFix) throws IOException {
        exchange.getResponseHeaders().set(ERROR_CODE_HEADER, code);
        JsonObjectBuilder error = Json.object().add("code", code).add("message", message);
        if (suggestedFix != null) {
            error.add("suggested_fix", suggestedFix);
        }
        send(exchange, entry, status, JSON, Json.bytes(Json.object().add("error", error).build()));
    }

    private static void reply(HttpExchange exchange, TrafficRecorder.Entry entry, Reply reply) throws IOException {
        if (reply.errorCode() != null) {
            exchange.getResponseHeaders().set(ERROR_CODE_HEADER, reply.errorCode());
        }
        send(exchange, entry, reply.status(), JSON, Json.bytes(reply.body()));
    }

    /** Sends a complete response; the status is recorded before any byte leaves. */
    private static void send(HttpExchange exchange, TrafficRecorder.Entry entry, int status, String contentType,
            byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        entry.status(status);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The identity of a credentials-worker request for fault matching: deployment, the valid JWT's sub, or null. */
    private String tentativeIdentity(Headers headers) {
        List<String> jwts = headers.get(USER_JWT_HEADER);
        if (jwts == null || jwts.isEmpty()) {
            return VendoEmulator.DEPLOYMENT;
        }
        if (jwts.size() > 1) {
            return null;
        }
        UserJwtVerifier.Result result = emulator.verifier().verify(jwts.get(0));
        return result.ok() ? result.subject() : null;
    }

    /** The decoded slug of {@code /credentials/{slug}} (one segment, not {@code _bulk}), or null. */
    static String singleSlug(String rawPath) {
        return rawPath.equals(BULK_PATH) ? null : segmentAfter(rawPath, CREDENTIALS_PREFIX);
    }

    /** The decoded, non-blank single path segment after {@code prefix}, or null. */
    static String segmentAfter(String rawPath, String prefix) {
        if (!rawPath.startsWith(prefix)) {
            return null;
        }
        String segment = rawPath.substring(prefix.length());
        if (segment.isEmpty() || segment.indexOf('/') >= 0) {
            return null;
        }
        try {
            String slug = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            return slug.isBlank() ? null : slug;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The distinct, non-blank slugs of every {@code slugs} query parameter, in order. */
    static Set<String> bulkSlugs(String rawQuery) {
        Set<String> slugs = new LinkedHashSet<>();
        if (rawQuery == null) {
            return slugs;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!"slugs".equals(decodeQuery(name)) || eq < 0) {
                continue;
            }
            for (String slug : decodeQuery(pair.substring(eq + 1)).split(",")) {
                String s = slug.strip();
                if (!s.isEmpty()) {
                    slugs.add(s);
                }
            }
        }
        return slugs;
    }

    /** The decoded value of the first parameter {@code name} of a raw query, or null. */
    static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && name.equals(decodeQuery(pair.substring(0, eq)))) {
                return decodeQuery(pair.substring(eq + 1));
            }
        }
        return null;
    }

    static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
