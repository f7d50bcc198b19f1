package run.vendo.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import run.vendo.Vendo;

/** Placeholder; replaced by the real builder. */
public final class VendoClientBuilder implements Vendo.Builder {
    public static VendoClientBuilder fromSystem() { return new VendoClientBuilder(); }
    @Override public Vendo.Builder apiKey(String apiKey) { return this; }
    @Override public Vendo.Builder baseUrl(String url) { return this; }
    @Override public Vendo.Builder credentialsUrl(String url) { return this; }
    @Override public Vendo.Builder apiVersion(String version) { return this; }
    @Override public Vendo.Builder environment(Map<String, String> env) { return this; }
    @Override public Vendo.Builder connectTimeout(Duration d) { return this; }
    @Override public Vendo.Builder requestTimeout(Duration d) { return this; }
    @Override public Vendo.Builder clock(Clock clock) { return this; }
    @Override public Vendo build() { throw new UnsupportedOperationException(); }
}
