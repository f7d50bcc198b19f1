package run.vendo.testing;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the emulator's billing endpoints answer: {@code GET /api/billing/balance}, {@code GET
 * /api/billing/spend-caps} and {@code GET /api/billing/usage?period=day|month} (any other period:
 * 400 {@code validation_failed}). The same for every identity.
 *
 * <pre>{@code
 * vendo.billing().balance(2_500_000, "USD", "https://vendo.run/billing")
 *         .spendCaps(10_000_000L, null, 1_200_000, 4_000_000);
 * }</pre>
 *
 * <p>Defaults: 5,000,000 micros of credit in {@code USD} with a top-up URL on the emulator, no
 * caps, nothing spent, and a usage of {@code {"period": …, "total_micros": 0, "by_integration":
 * {}}}. Thread-safe; changes apply to the next request and survive {@link VendoEmulator#reset()}.
 */
public final class EmulatedBilling {

    private volatile JsonObject balance;
    private volatile JsonObject spendCaps;
    private final Map<String, JsonObject> usage = new ConcurrentHashMap<>();

    EmulatedBilling(String baseUrl) {
        balance(5_000_000, "USD", baseUrl + "/billing/top-up");
        spendCaps(null, null, 0, 0);
        for (String period : new String[] {"day", "month"}) {
            usage.put(period, Json.object().add("period", period).add("total_micros", 0)
                    .add("by_integration", Json.object()).build());
        }
    }

    /**
     * Sets the balance served.
     *
     * @param creditsRemainingMicros the credits left, in millionths of the currency unit
     * @param currency the currency, e.g. {@code "USD"}
     * @param topUpUrl where to buy credits, or null to leave {@code top_up_url} out
     * @return this billing
     */
    public EmulatedBilling balance(long creditsRemainingMicros, String currency, String topUpUrl) {
        JsonObjectBuilder b = Json.object()
                .add("credits_remaining_micros", creditsRemainingMicros)
                .add("currency", Secrets.requireText(currency, "currency"));
        if (topUpUrl != null) {
            b.add("top_up_url", topUpUrl);
        }
        balance = b.build();
        return this;
    }

    /**
     * Sets the spend caps served.
     *
     * @param dailyMicros the daily cap, or null for none (sent as JSON null)
     * @param monthlyMicros the monthly cap, or null for none (sent as JSON null)
     * @param usedTodayMicros spent today
     * @param usedMonthMicros spent this month
     * @return this billing
     */
    public EmulatedBilling spendCaps(Long dailyMicros, Long monthlyMicros, long usedTodayMicros,
            long usedMonthMicros) {
        JsonObjectBuilder b = Json.object();
        if (dailyMicros == null) {
            b.addNull("daily_micros");
        } else {
            b.add("daily_micros", dailyMicros);
        }
        if (monthlyMicros == null) {
            b.addNull("monthly_micros");
        } else {
            b.add("monthly_micros", monthlyMicros);
        }
        spendCaps = b.add("used_today_micros", usedTodayMicros).add("used_month_micros", usedMonthMicros).build();
        return this;
    }

    /**
     * Sets the usage served for a period, exactly as given.
     *
     * @param period {@code "day"} or {@code "month"}
     * @param json one JSON object
     * @return this billing
     * @throws IllegalArgumentException for another period, or if {@code json} is not a JSON object
     */
    public EmulatedBilling usage(String period, String json) {
        String p = period == null ? "" : period.toLowerCase(Locale.ROOT);
        if (!usage.containsKey(p)) {
            throw new IllegalArgumentException("period must be \"day\" or \"month\"");
        }
        usage.put(p, Json.userObject(json, "the usage"));
        return this;
    }

    JsonObject balanceJson() {
        return balance;
    }

    JsonObject spendCapsJson() {
        return spendCaps;
    }

    /** The usage of {@code period} ({@code day} or {@code month}), or null for another period. */
    JsonObject usageJson(String period) {
        return period == null ? null : usage.get(period);
    }
}
