package run.vendo.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import run.vendo.VendoConfigurationException;

/**
 * Every error crosses a serialisation boundary (an EJB call, a replicated session) whole: its type,
 * every field of its details and its cause come back equal.
 */
class ErrorSerializationTest {

    static Stream<BiFunction<ErrorDetails, Throwable, VendoError>> everyErrorType() {
        return Stream.of(VendoError::new, AuthError::new, BalanceExhausted::new, IdempotencyConflict::new,
                IdentityNotPresent::new, NeedsReauth::new, NotConnected::new, RateLimited::new,
                SpendCapExceeded::new, UpstreamError::new, ValidationError::new, VendoOnlyFeature::new);
    }

    @ParameterizedTest
    @MethodSource("everyErrorType")
    void everyErrorTypeRoundTripsWithAllItsDetails(BiFunction<ErrorDetails, Throwable, VendoError> type)
            throws Exception {
        ErrorDetails details = ErrorDetails.of("rate_limited", "Too many requests.").withStatus(429)
                .withSlug("github").withConnectUrl("https://vendo.run/connect/github")
                .withRetryAfter(Duration.ofSeconds(42)).withSuggestedFix("Wait.");
        VendoError error = type.apply(details, new SocketTimeoutException("read timed out"));

        VendoError back = roundTrip(error);

        assertSame(error.getClass(), back.getClass());
        assertEquals(details, back.details());
        assertEquals(error.getMessage(), back.getMessage());
        assertEquals(SocketTimeoutException.class, back.getCause().getClass());
        assertEquals(error.getStackTrace().length, back.getStackTrace().length);
    }

    @Test
    void aConfigurationErrorKeepsItsProblems() throws Exception {
        VendoConfigurationException error = new VendoConfigurationException(
                List.of("vendo.base-url: must be an absolute http or https URL", "vendo.max-attempts: must be 1-10"));

        VendoConfigurationException back = roundTrip(error);

        assertEquals(error.problems(), back.problems());
        assertEquals(error.getMessage(), back.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
