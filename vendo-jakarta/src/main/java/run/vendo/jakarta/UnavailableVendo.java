package run.vendo.jakarta;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import run.vendo.Billing;
import run.vendo.Connections;
import run.vendo.Data;
import run.vendo.Deployment;
import run.vendo.Events;
import run.vendo.Integrations;
import run.vendo.Sso;
import run.vendo.Vendo;
import run.vendo.Webhooks;
import run.vendo.errors.VendoError;

/**
 * The {@code @VendoUser Vendo} of a request that has no usable user: every call but {@link
 * #isVendoMode()} and {@link #close()} throws the error that explains why.
 */
final class UnavailableVendo implements Vendo {

    private final boolean vendoMode;
    private final Supplier<? extends VendoError> error;

    UnavailableVendo(boolean vendoMode, Supplier<? extends VendoError> error) {
        this.vendoMode = vendoMode;
        this.error = error;
    }

    @Override
    public boolean isVendoMode() {
        return vendoMode;
    }

    @Override
    public Vendo forUser(String userJwt) {
        throw error.get();
    }

    @Override
    public Vendo forRequest(Map<String, ?> headers) {
        throw error.get();
    }

    @Override
    public Vendo forRequest(Function<String, String> header) {
        throw error.get();
    }

    @Override
    public String token(String slug) {
        throw error.get();
    }

    @Override
    public Map<String, String> tokens(Collection<String> slugs) {
        throw error.get();
    }

    @Override
    public void invalidate(String slug) {
        throw error.get();
    }

    @Override
    public Connections connections() {
        throw error.get();
    }

    @Override
    public String connectUrl(String slug) {
        throw error.get();
    }

    @Override
    public String connectUrl(String slug, String returnTo, String state) {
        throw error.get();
    }

    @Override
    public Integrations integrations() {
        throw error.get();
    }

    @Override
    public Billing billing() {
        throw error.get();
    }

    @Override
    public Events events() {
        throw error.get();
    }

    @Override
    public Webhooks webhooks() {
        throw error.get();
    }

    @Override
    public Data data() {
        throw error.get();
    }

    @Override
    public Deployment deployment() {
        throw error.get();
    }

    @Override
    public Sso sso() {
        throw error.get();
    }

    @Override
    public void close() {
        // Nothing to free: no user, no view.
    }

    @Override
    public String toString() {
        return "Vendo[no usable user in this request]";
    }
}
