package run.vendo;

import java.util.Map;

/**
 * The deployment's credits, spend caps and usage (Vendo mode only).
 *
 * @since 0.1.0
 */
public interface Billing {

    /** The period of {@link #usage(Period)}. */
    enum Period {
        /** Today. */
        DAY,
        /** This month. */
        MONTH
    }

    /**
     * Returns the credits left.
     *
     * @return the balance
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws run.vendo.errors.VendoError if Vendo reports an error
     */
    Balance balance();

    /**
     * Returns the spend caps and what was spent against them.
     *
     * @return the caps
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws run.vendo.errors.VendoError if Vendo reports an error
     */
    SpendCaps spendCaps();

    /**
     * Returns the usage of a period as Vendo reports it.
     *
     * @param period the period
     * @return the usage, as plain Java values ({@code Map}, {@code List}, {@code String}, {@code
     *     Long} or {@code BigDecimal}, {@code Boolean}, {@code null}); unmodifiable
     * @throws run.vendo.errors.VendoOnlyFeature in OSS mode
     * @throws run.vendo.errors.VendoError if Vendo reports an error
     * @throws NullPointerException if {@code period} is null
     */
    Map<String, Object> usage(Period period);

    /**
     * Returns this month's usage, as Vendo's other SDKs do when no period is given.
     *
     * @return the usage, as {@link #usage(Period)} returns it
     */
    default Map<String, Object> usage() {
        return usage(Period.MONTH);
    }
}
