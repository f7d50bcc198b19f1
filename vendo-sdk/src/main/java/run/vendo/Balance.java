package run.vendo;

/**
 * The credits of a deployment, from {@link Billing#balance()}.
 *
 * @param creditsRemainingMicros the credits left, in millionths of the currency unit ({@code 0}
 *     when Vendo sent none)
 * @param currency the currency ({@code "USD"} when Vendo sent none)
 * @param topUpUrl where to buy credits, an absolute http(s) URL ({@code ""} when Vendo sent none or
 *     any other value)
 * @since 0.1.0
 */
public record Balance(long creditsRemainingMicros, String currency, String topUpUrl) {
}
