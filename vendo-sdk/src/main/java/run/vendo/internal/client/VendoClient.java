package run.vendo.internal.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import run.vendo.Balance;
import run.vendo.Billing;
import run.vendo.Connection;
import run.vendo.Connections;
import run.vendo.Data;
import run.vendo.Deployment;
import run.vendo.Events;
import run.vendo.Integration;
import run.vendo.Integrations;
import run.vendo.SpendCaps;
import run.vendo.Sso;
import run.vendo.Vendo;
import run.vendo.VendoHeaders;
import run.vendo.Webhooks;
import run.vendo.errors.ErrorCodes;
import run.vendo.errors.ErrorDetails;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.NeedsReauth;
import run.vendo.errors.NotConnected;
import run.vendo.errors.ValidationError;
import run.vendo.errors.VendoError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.config.EnvironmentDeployment;
import run.vendo.internal.events.EventStreams;
import run.vendo.internal.identity.IdentityHeaders;
import run.vendo.internal.identity.ProxySso;
import run.vendo.internal.identity.UserIdentity;
import run.vendo.internal.platform.ConnectUrls;
import run.vendo.internal.telemetry.Outcome;
import run.vendo.internal.telemetry.Telemetry;
import run.vendo.internal.telemetry.VendoOperation;
import run.vendo.internal.text.ErrorText;
import run.vendo.internal.token.ByokCatalogue;
import run.vendo.internal.token.TokenCache;
import run.vendo.internal.token.TokenRefresher;
import run.vendo.internal.webhooks.WebhookVerifier;

/**
 * The implementation of {@link Vendo}: a root client (no identity, owns the {@link ClientCore})
 * or a view bound to one {@link UserIdentity} (shares its root's core, owns nothing).
 */
public final class VendoClient implements Vendo {

    private final ClientCore core;
    private final UserIdentity identity;
    private final String identityKey;

    VendoClient(ClientCore core, UserIdentity identity) {
        this.core = core;
        this.identity = identity;
        this.identityKey = identity == null ? TokenCache.DEPLOYMENT : identity.cacheKey();
    }

    @Override
    public boolean isVendoMode() {
        return core.settings.vendoMode();
    }

    @Override
    public Vendo forUser(String userJwt) {
        core.ensureOpen();
        requireVendoMode("forUser");
        String jwt = userJwt == null ? null : IdentityHeaders.trimSpaces(userJwt);
        return new VendoClient(core, core.jwtParser.parse(jwt));
    }

    @Override
    public Vendo forRequest(Map<String, ?> headers) {
        core.ensureOpen();
        requireVendoMode("forRequest");
        String jwt = headers == null ? null : IdentityHeaders.single(headers, VendoHeaders.USER_JWT);
        return new VendoClient(core, core.jwtParser.parse(present(jwt)));
    }

    @Override
    public Vendo forRequest(Function<String, String> header) {
        core.ensureOpen();
        requireVendoMode("forRequest");
        String jwt = header == null ? null
                : IdentityHeaders.single(name -> Collections.singletonList(header.apply(name)), VendoHeaders.USER_JWT);
        return new VendoClient(core, core.jwtParser.parse(present(jwt)));
    }

    @Override
    public String token(String slug) {
        core.ensureOpen();
        String s = requireSlug(slug);
        Telemetry.Operation lookup = core.settings.telemetry().start(VendoOperation.TOKEN, s);
        try {
            String override = core.settings.variable(ByokCatalogue.overrideVariable(s));
            if (override != null) {
                lookup.outcome(Outcome.OVERRIDE);
                return override;
            }
            if (!isVendoMode()) {
                lookup.outcome(Outcome.LOCAL);
                return byok(s).orElseThrow(() -> notConnectedLocally(s));
            }
            return core.cache.get(new TokenCache.Key(identityKey, s), () -> core.api.fetchToken(s, identity), lookup);
        } catch (RuntimeException | Error e) {
            lookup.failed(e);
            throw e;
        } finally {
            lookup.end();
        }
    }

    @Override
    public Map<String, String> tokens(Collection<String> slugs) {
        core.ensureOpen();
        Telemetry.Operation lookup = core.settings.telemetry().start(VendoOperation.TOKENS, null);
        try {
            return tokens(slugs, lookup);
        } catch (RuntimeException | Error e) {
            lookup.failed(e);
            throw e;
        } finally {
            lookup.end();
        }
    }

    private Map<String, String> tokens(Collection<String> slugs, Telemetry.Operation lookup) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String slug : slugs) {
            wanted.add(requireSlug(slug));
        }
        Map<String, String> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        TokenCache.DueForRefresh due = new TokenCache.DueForRefresh(identityKey);
        for (String slug : wanted) {
            String override = core.settings.variable(ByokCatalogue.overrideVariable(slug));
            if (override != null) {
                found.put(slug, override);
            } else if (!isVendoMode()) {
                byok(slug).ifPresent(token -> found.put(slug, token));
            } else {
                String cached = core.cache.getIfPresent(new TokenCache.Key(identityKey, slug), due);
                if (cached != null) {
                    found.put(slug, cached);
                } else {
                    missing.add(slug);
                }
            }
        }
        lookup.outcome(!isVendoMode() ? Outcome.LOCAL : !missing.isEmpty() ? Outcome.MISS
                : !due.isEmpty() ? Outcome.REFRESHED_AHEAD : Outcome.HIT);
        core.cache.refreshInBackground(due, refreshing -> core.api.fetchTokens(refreshing, identity));
        if (!missing.isEmpty()) {
            found.putAll(fetchMissing(missing));
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String slug : wanted) {
            String token = found.get(slug);
            if (token != null) {
                ordered.put(slug, token);
            }
        }
        return ordered;
    }

    /**
     * Claims the missing keys nobody else is loading, fetches those in one bulk call, and waits for
     * the rest: concurrent misses of one key make one upstream call, bulk or single, and a key whose
     * refresh is still in flight takes that refresh's token.
     */
    private Map<String, String> fetchMissing(List<String> missing) {
        Map<String, TokenCache.Claim> claims = new LinkedHashMap<>();
        List<String> mine = new ArrayList<>();
        for (String slug : missing) {
            TokenCache.Claim claim = core.cache.claim(new TokenCache.Key(identityKey, slug));
            claims.put(slug, claim);
            if (claim.mine()) {
                try {
                    if (!claim.completeFromRefresh()) {
                        mine.add(slug);
                    }
                } catch (RuntimeException | Error e) {
                    claim.completeFailed(e);
                }
            }
        }
        if (!mine.isEmpty()) {
            try {
                Map<String, TokenCache.Entry> fetched = core.api.fetchTokens(mine, identity);
                for (String slug : mine) {
                    TokenCache.Entry entry = fetched.get(slug);
                    if (entry != null) {
                        claims.get(slug).future().complete(entry);
                    } else {
                        claims.get(slug).completeUnresolved();
                    }
                }
            } catch (RuntimeException | Error e) {
                mine.forEach(slug -> claims.get(slug).completeFailed(e));
                throw e;
            }
        }
        Map<String, String> found = new LinkedHashMap<>();
        claims.forEach((slug, claim) -> {
            try {
                found.put(slug, TokenCache.await(claim.future()).accessToken());
            } catch (TokenCache.Unresolved | NotConnected | NeedsReauth notResolved) {
                // "Only the slugs that resolved": another caller's lookup found no token either.
            }
        });
        return found;
    }

    @Override
    public void invalidate(String slug) {
        core.ensureOpen();
        core.cache.invalidate(new TokenCache.Key(identityKey, requireSlug(slug)));
    }

    @Override
    public Connections connections() {
        core.ensureOpen();
        requireVendoMode("connections()");
        return new Connections() {
            @Override
            public List<Connection> list() {
                core.ensureOpen();
                return traced(VendoOperation.CONNECTIONS, null, () -> {
                    requireDeployment("connections()");
                    return core.api.listConnections(identity);
                });
            }

            @Override
            public Optional<Connection> get(String slug) {
                String s = requireSlug(slug);
                return list().stream().filter(c -> c.slug().equals(s)).findFirst();
            }
        };
    }

    @Override
    public String connectUrl(String slug) {
        return connectUrl(slug, null, null);
    }

    @Override
    public String connectUrl(String slug, String returnTo, String state) {
        core.ensureOpen();
        requireVendoMode("connectUrl");
        // No call and no identity: a scoped view makes the same link as its root.
        String s = requireSlug(slug);
        return traced(VendoOperation.CONNECT, s, () -> ConnectUrls.connectUrl(core.settings, s, returnTo, state));
    }

    @Override
    public Integrations integrations() {
        core.ensureOpen();
        return new Integrations() {
            @Override
            public List<Integration> list() {
                return inVendoMode(VendoOperation.INTEGRATIONS, null, "integrations().list()",
                        () -> core.integrations.list(identity));
            }

            @Override
            public Optional<Integration> get(String slug) {
                String s = requireSlug(slug);
                return inVendoMode(VendoOperation.INTEGRATIONS, s, "integrations().get()",
                        () -> core.integrations.find(s, identity));
            }

            @Override
            public List<String> envVars(String slug) {
                core.ensureOpen();
                return ByokCatalogue.bundled().entry(requireSlug(slug)).map(ByokCatalogue.Entry::variables)
                        .orElse(List.of());
            }
        };
    }

    @Override
    public Billing billing() {
        core.ensureOpen();
        return new Billing() {
            @Override
            public Balance balance() {
                return inVendoMode(VendoOperation.BILLING, null, "billing().balance()",
                        () -> core.billing.balance(identity));
            }

            @Override
            public SpendCaps spendCaps() {
                return inVendoMode(VendoOperation.BILLING, null, "billing().spendCaps()",
                        () -> core.billing.spendCaps(identity));
            }

            @Override
            public Map<String, Object> usage(Period period) {
                Objects.requireNonNull(period, "period");
                return inVendoMode(VendoOperation.BILLING, null, "billing().usage()",
                        () -> core.billing.usage(period, identity));
            }
        };
    }

    @Override
    public Events events() {
        core.ensureOpen();
        return listener -> {
            Objects.requireNonNull(listener, "listener");
            core.ensureOpen();
            requireVendoMode("events().subscribe");
            return traced(VendoOperation.EVENTS_SUBSCRIBE, null, () -> {
                requireDeployment("events().subscribe");
                return core.events.subscribe(listener);
            });
        };
    }

    @Override
    public Webhooks webhooks() {
        core.ensureOpen();
        return new WebhookVerifier(core.settings.webhookSecret(), core.settings.webhookTolerance(),
                core.settings.clock(), core.settings.telemetry());
    }

    @Override
    public Data data() {
        core.ensureOpen();
        return new Data() {
            @Override
            public Object execute(String action, Map<String, ?> args) {
                return inVendoMode(VendoOperation.DATA, null, "data().execute()", () -> {
                    requireDeployment("data().execute()");
                    return core.data.execute(requireAction(action), args, identity);
                });
            }

            @Override
            public Object execute(String action) {
                return execute(action, null);
            }
        };
    }

    @Override
    public Deployment deployment() {
        core.ensureOpen();
        return new EnvironmentDeployment(core.settings);
    }

    @Override
    public Sso sso() {
        core.ensureOpen();
        return new ProxySso(core.settings);
    }

    /** On the root, closes the pool and drops the cache; on a view, nothing. */
    @Override
    public void close() {
        if (identity == null) {
            core.close();
        }
    }

    /** Connections leased from the shared pool right now (0 in OSS mode). */
    int leasedConnections() {
        return core.http == null ? 0 : core.http.leasedConnections();
    }

    /** Whether a load of this identity's token for {@code slug} is running and others would wait for it. */
    boolean loading(String slug) {
        return core.cache.loading(new TokenCache.Key(identityKey, slug));
    }

    /** The background refreshes of this client's root. */
    TokenRefresher refresher() {
        return core.refresher;
    }

    /** The event subscriptions of this client's root ({@code null} in OSS mode). */
    EventStreams eventStreams() {
        return core.events;
    }

    /** Whether this client is bound to an end user. */
    boolean isUserScoped() {
        return identity != null;
    }

    private Optional<String> byok(String slug) {
        return ByokCatalogue.bundled().entry(slug)
                .map(entry -> core.settings.variable(entry.primaryVariable()));
    }

    private NotConnected notConnectedLocally(String slug) {
        String variable = ByokCatalogue.bundled().variableToSet(slug);
        String override = ByokCatalogue.overrideVariable(slug);
        String alternatives = variable.equals(override) ? "" : " (or " + override + ")";
        return new NotConnected(ErrorDetails.of(ErrorCodes.BINDING_MISSING, ErrorText.BINDING_MISSING.with(
                " '" + slug + "'", ": set " + variable + alternatives
                        + ", or set VENDO_API_KEY to get tokens from Vendo"))
                .withSlug(slug), null);
    }

    private static String present(String jwt) {
        if (jwt == null) {
            throw new IdentityNotPresent(ErrorCodes.IDENTITY_NOT_PRESENT, ErrorText.IDENTITY_NOT_PRESENT.with(
                    "; the request did not come through Vendo's proxy, or the user has not signed in"));
        }
        return jwt;
    }

    private void requireVendoMode(String feature) {
        if (!isVendoMode()) {
            throw new VendoOnlyFeature(ErrorCodes.VENDO_ONLY_FEATURE,
                    ErrorText.VENDO_ONLY_FEATURE.with(" for " + feature));
        }
    }

    /**
     * Refuses, on a view scoped to a user, a call that Vendo answers for the deployment only: its
     * answer would be the deployment's, not the user's.
     */
    private void requireDeployment(String feature) {
        if (identity != null) {
            throw new VendoError(ErrorDetails.of(ErrorCodes.DEPLOYMENT_ONLY,
                    ErrorText.DEPLOYMENT_ONLY.with(" (" + feature + ")")), null);
        }
    }

    /** Runs a call that needs Vendo mode, on an open client, as {@code operation}. */
    private <T> T inVendoMode(VendoOperation operation, String slug, String feature, Supplier<T> call) {
        core.ensureOpen();
        requireVendoMode(feature);
        return traced(operation, slug, call);
    }

    /** Runs {@code call} as {@code operation}: its span is current while it runs, and ends with its outcome. */
    private <T> T traced(VendoOperation operation, String slug, Supplier<T> call) {
        Telemetry.Operation span = core.settings.telemetry().start(operation, slug);
        try {
            return call.get();
        } catch (RuntimeException | Error e) {
            span.failed(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** A data action's id; a ValidationError, as in Vendo's other SDKs, when there is none. */
    private static String requireAction(String action) {
        if (action == null || action.isBlank()) {
            throw new ValidationError(ErrorCodes.VALIDATION_FAILED, ErrorText.VALIDATION_FAILED.with(
                    ": the action must not be null or blank; pass its id, for example \"GMAIL_SEND_EMAIL\""));
        }
        return action.strip();
    }

    private static String requireSlug(String slug) {
        if (slug == null || slug.isBlank()) {
            throw new IllegalArgumentException("slug must not be null or blank");
        }
        String s = slug.strip();
        if (s.equals(".") || s.equals("..")) {
            // Sent as a path segment, a normalising proxy would resolve it to the parent path.
            throw new IllegalArgumentException("slug must not be '.' or '..'");
        }
        return s;
    }

    @Override
    public String toString() {
        return "Vendo[" + (isVendoMode() ? "vendo mode" : "OSS mode") + ", "
                + (identity == null ? "deployment" : "user-scoped") + (core.isClosed() ? ", closed" : "") + "]";
    }
}
