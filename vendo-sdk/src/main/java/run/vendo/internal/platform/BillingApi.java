package run.vendo.internal.platform;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import run.vendo.Balance;
import run.vendo.Billing;
import run.vendo.SpendCaps;
import run.vendo.internal.config.ClientSettings;
import run.vendo.internal.http.VendoHttp;
import run.vendo.internal.identity.UserIdentity;
import run.vendo.internal.json.JsonSupport;
import run.vendo.internal.json.WebUrls;
import run.vendo.internal.json.WireJson;

/**
 * Vendo's billing endpoints under {@code {baseUrl}/api/billing}. Strict: a member of the wrong type
 * makes the answer {@code invalid_response}, since a wrong number of credits is worse than none.
 */
public final class BillingApi {

    static final String DEFAULT_CURRENCY = "USD";

    private final ClientSettings settings;
    private final VendoHttp http;

    public BillingApi(ClientSettings settings, VendoHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /** {@code GET /api/billing/balance}; absent fields are 0, {@code "USD"} and {@code ""}. */
    public Balance balance(UserIdentity identity) {
        JsonObject b = http.getJson(uri("/balance"), identity, null);
        String topUp = WireJson.requireString(b, "top_up_url", null);
        return new Balance(
                WireJson.requireLong(b, "credits_remaining_micros", 0),
                WireJson.requireString(b, "currency", DEFAULT_CURRENCY),
                // A link shown to users: only an absolute http(s) URL, else none.
                topUp == null || WebUrls.absoluteHttp(topUp) == null ? "" : topUp);
    }

    /** {@code GET /api/billing/spend-caps}; a null or absent cap is none, absent spending 0. */
    public SpendCaps spendCaps(UserIdentity identity) {
        JsonObject c = http.getJson(uri("/spend-caps"), identity, null);
        return new SpendCaps(
                optional(WireJson.nullableLong(c, "daily_micros")),
                optional(WireJson.nullableLong(c, "monthly_micros")),
                WireJson.requireLong(c, "used_today_micros", 0),
                WireJson.requireLong(c, "used_month_micros", 0));
    }

    /** {@code GET /api/billing/usage?period=day|month}, as plain Java. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> usage(Billing.Period period, UserIdentity identity) {
        JsonObject usage = http.getJson(uri("/usage?period=" + period.name().toLowerCase(Locale.ROOT)), identity,
                null);
        return (Map<String, Object>) JsonSupport.plain(usage);
    }

    private URI uri(String path) {
        return URI.create(settings.baseUrl() + "/api/billing" + path);
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
