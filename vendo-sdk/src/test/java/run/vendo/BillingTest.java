package run.vendo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.vendo.errors.BalanceExhausted;
import run.vendo.errors.UpstreamError;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.internal.client.ClientInternals;
import run.vendo.testing.Fault;
import run.vendo.testing.VendoEmulator;
import run.vendo.testing.VendoEmulatorExtension;

/** billing(): balance, spend caps and usage, their defaults and their strictness about types. */
class BillingTest {

    @RegisterExtension
    static final VendoEmulatorExtension vendo = new VendoEmulatorExtension();

    @RegisterExtension
    final VendoClientExtension client = new VendoClientExtension(vendo,
            b -> ClientInternals.fastRetries(b, Duration.ofMillis(5)));

    private VendoEmulator emulator;
    private final Vendo root = client.root();

    @BeforeEach
    void connect() {
        emulator = vendo.emulator();
        emulator.billing().balance(5_000_000, "USD", emulator.baseUrl() + "/billing/top-up")
                .spendCaps(null, null, 0, 0);
    }

    @Test
    void theBalanceIsWhatVendoSays() {
        assertEquals(new Balance(5_000_000, "USD", emulator.baseUrl() + "/billing/top-up"), root.billing().balance());
        emulator.billing().balance(-250, "EUR", "https://vendo.run/billing");
        assertEquals(new Balance(-250, "EUR", "https://vendo.run/billing"), root.billing().balance());
        assertEquals(2, emulator.calls("/api/billing/balance"));
    }

    @Test
    void anEmptyBalanceTakesTheDefaults() {
        emulator.inject(Fault.raw(200, "application/json", "{}"));
        assertEquals(new Balance(0, "USD", ""), root.billing().balance());
        emulator.inject(Fault.raw(200, "application/json",
                "{\"credits_remaining_micros\": null, \"currency\": null, \"top_up_url\": null}"));
        assertEquals(new Balance(0, "USD", ""), root.billing().balance());
        emulator.inject(Fault.raw(200, "application/json", "{\"credits_remaining_micros\": 1E+3}"));
        assertEquals(1000, root.billing().balance().creditsRemainingMicros());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "/top-up", "data:,x"})
    void aTopUpUrlThatIsNotAnAbsoluteHttpUrlIsLeftOut(String hostile) {
        emulator.billing().balance(1, "USD", hostile);
        assertEquals(new Balance(1, "USD", ""), root.billing().balance());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"credits_remaining_micros\": \"5\"}", "{\"credits_remaining_micros\": 1.5}",
        "{\"credits_remaining_micros\": 99999999999999999999}", "{\"currency\": 840}",
        "{\"top_up_url\": true}", "[]", "not json"})
    void aBalanceOfTheWrongTypesIsInvalid(String body) {
        emulator.inject(Fault.raw(200, "application/json", body));
        UpstreamError e = assertThrows(UpstreamError.class, () -> root.billing().balance());
        assertEquals("invalid_response", e.code());
        assertEquals(1, emulator.calls("/api/billing/balance"));
    }

    @Test
    void spendCapsAreOptionalAndSpendingDefaultsToZero() {
        assertEquals(new SpendCaps(OptionalLong.empty(), OptionalLong.empty(), 0, 0), root.billing().spendCaps());
        emulator.billing().spendCaps(10_000_000L, 200_000_000L, 1_500_000, 40_000_000);
        assertEquals(new SpendCaps(OptionalLong.of(10_000_000), OptionalLong.of(200_000_000), 1_500_000, 40_000_000),
                root.billing().spendCaps());
        emulator.inject(Fault.raw(200, "application/json", "{\"monthly_micros\": 7}"));
        assertEquals(new SpendCaps(OptionalLong.empty(), OptionalLong.of(7), 0, 0), root.billing().spendCaps());
        assertEquals(3, emulator.calls("/api/billing/spend-caps"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"daily_micros\": \"none\"}", "{\"monthly_micros\": false}",
        "{\"used_today_micros\": \"0\"}", "{\"used_month_micros\": [1]}", "{\"daily_micros\": 0.5}"})
    void spendCapsOfTheWrongTypesAreInvalid(String body) {
        emulator.inject(Fault.raw(200, "application/json", body));
        assertEquals("invalid_response", assertThrows(UpstreamError.class, () -> root.billing().spendCaps()).code());
    }

    @Test
    void usageAsksForThePeriodAndAnswersPlainJava() {
        emulator.billing().usage("month", "{\"period\": \"month\", \"total_micros\": 1200,"
                + " \"by_integration\": {\"openai\": 1000.5, \"google\": 199.5}, \"days\": [1, 2], \"partial\": false,"
                + " \"note\": null}");
        Map<String, Object> month = root.billing().usage(Billing.Period.MONTH);
        assertEquals("month", month.get("period"));
        assertEquals(1200L, month.get("total_micros"));
        assertEquals(Map.of("openai", new BigDecimal("1000.5"), "google", new BigDecimal("199.5")),
                month.get("by_integration"));
        assertEquals(List.of(1L, 2L), month.get("days"));
        assertEquals(Boolean.FALSE, month.get("partial"));
        assertTrue(month.containsKey("note"));
        assertThrows(UnsupportedOperationException.class, () -> month.put("x", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> byIntegration = (Map<String, Object>) month.get("by_integration");
        assertThrows(UnsupportedOperationException.class, () -> byIntegration.clear());

        assertEquals("day", root.billing().usage(Billing.Period.DAY).get("period"));
        assertEquals(List.of("period=month", "period=day"),
                emulator.requests().stream().map(r -> r.query()).toList());
        assertThrows(NullPointerException.class, () -> root.billing().usage(null));
        assertEquals(2, emulator.calls("/api/billing/usage"));
    }

    @Test
    void aUsageAnswerThatIsNotAnObjectIsInvalid() {
        emulator.inject(Fault.raw(200, "application/json", "[1, 2]"));
        assertEquals("invalid_response",
                assertThrows(UpstreamError.class, () -> root.billing().usage(Billing.Period.DAY)).code());
    }

    @Test
    void errorsMapAsUsual() {
        emulator.inject(Fault.error(402, "balance_exhausted"));
        assertEquals(402, assertThrows(BalanceExhausted.class, () -> root.billing().balance()).status().getAsInt());
    }

    @Test
    void billingNeedsVendoMode() {
        try (Vendo oss = Vendo.builder().environment(Map.of()).build()) {
            Billing billing = oss.billing();
            assertThrows(VendoOnlyFeature.class, billing::balance);
            assertThrows(VendoOnlyFeature.class, billing::spendCaps);
            assertThrows(VendoOnlyFeature.class, () -> billing.usage(Billing.Period.DAY));
        }
        assertEquals(0, emulator.calls());
    }
}
