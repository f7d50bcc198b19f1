package run.vendo.internal.telemetry;

import java.net.URI;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** Records nothing, allocates nothing: one instance is the telemetry, every operation, attempt and cause. */
final class NoTelemetry implements Telemetry, Telemetry.Operation, Telemetry.Attempt, Telemetry.Cause {

    static final NoTelemetry INSTANCE = new NoTelemetry();

    private NoTelemetry() {}

    @Override
    public Operation start(VendoOperation operation, String slug) {
        return this;
    }

    @Override
    public Operation startLinked(VendoOperation operation, String slug, Cause cause) {
        return this;
    }

    @Override
    public Cause cause() {
        return this;
    }

    @Override
    public Attempt attempt(String method, URI uri, int resendCount) {
        return this;
    }

    @Override
    public void observeCachedTokens(LongSupplier cachedTokens) {
        // nothing reads it
    }

    @Override
    public void close() {
        // nothing to stop
    }

    @Override
    public Operation outcome(String outcome) {
        return this;
    }

    @Override
    public Operation eventType(String type) {
        return this;
    }

    @Override
    public void failed(Throwable failure) {
        // not recorded
    }

    @Override
    public void failed(String errorType) {
        // not recorded
    }

    @Override
    public void end() {
        // not recorded
    }

    @Override
    public void inject(BiConsumer<String, String> header) {
        // no trace context to send
    }

    @Override
    public void answered(int status, String errorCode) {
        // not recorded
    }

    @Override
    public String toString() {
        return "Telemetry.OFF";
    }
}
