package run.vendo;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The spend caps of a deployment, from {@link Billing#spendCaps()}, in millionths of the currency
 * unit.
 *
 * @param dailyMicros the daily cap, empty when there is none
 * @param monthlyMicros the monthly cap, empty when there is none
 * @param usedTodayMicros spent today
 * @param usedMonthMicros spent this month
 * @since 0.1.0
 */
public record SpendCaps(OptionalLong dailyMicros, OptionalLong monthlyMicros, long usedTodayMicros,
        long usedMonthMicros) {

    /**
     * Creates the caps.
     *
     * @param dailyMicros the daily cap, empty when there is none
     * @param monthlyMicros the monthly cap, empty when there is none
     * @param usedTodayMicros spent today
     * @param usedMonthMicros spent this month
     * @throws NullPointerException if a cap is null rather than empty
     */
    public SpendCaps {
        Objects.requireNonNull(dailyMicros, "dailyMicros");
        Objects.requireNonNull(monthlyMicros, "monthlyMicros");
    }
}
