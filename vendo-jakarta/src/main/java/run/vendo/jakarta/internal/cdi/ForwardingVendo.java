package run.vendo.jakarta.internal.cdi;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import run.vendo.Billing;
import run.vendo.Connections;
import run.vendo.Data;
import run.vendo.Deployment;
import run.vendo.Events;
import run.vendo.Integrations;
import run.vendo.Sso;
import run.vendo.Vendo;
import run.vendo.Webhooks;

/**
 * A {@link Vendo} that sends every call to the client {@link #delegate()} names at the time of the
 * call: the one place that lists the interface's methods for the integration's clients that stand
 * in for another.
 */
public abstract class ForwardingVendo implements Vendo {

    /** For subclasses. */
    protected ForwardingVendo() {}

    /**
     * Returns the client this call goes to.
     *
     * @return the client
     */
    protected abstract Vendo delegate();

    @Override
    public boolean isVendoMode() {
        return delegate().isVendoMode();
    }

    @Override
    public Vendo forUser(String userJwt) {
        return delegate().forUser(userJwt);
    }

    @Override
    public Vendo forRequest(Map<String, ?> headers) {
        return delegate().forRequest(headers);
    }

    @Override
    public Vendo forRequest(Function<String, String> header) {
        return delegate().forRequest(header);
    }

    @Override
    public String token(String slug) {
        return delegate().token(slug);
    }

    @Override
    public Map<String, String> tokens(Collection<String> slugs) {
        return delegate().tokens(slugs);
    }

    @Override
    public void invalidate(String slug) {
        delegate().invalidate(slug);
    }

    @Override
    public Connections connections() {
        return delegate().connections();
    }

    @Override
    public String connectUrl(String slug) {
        return delegate().connectUrl(slug);
    }

    @Override
    public String connectUrl(String slug, String returnTo, String state) {
        return delegate().connectUrl(slug, returnTo, state);
    }

    @Override
    public Integrations integrations() {
        return delegate().integrations();
    }

    @Override
    public Billing billing() {
        return delegate().billing();
    }

    @Override
    public Events events() {
        return delegate().events();
    }

    @Override
    public Webhooks webhooks() {
        return delegate().webhooks();
    }

    @Override
    public Data data() {
        return delegate().data();
    }

    @Override
    public Deployment deployment() {
        return delegate().deployment();
    }

    @Override
    public Sso sso() {
        return delegate().sso();
    }

    /** Closes nothing: the client it stands in for is someone else's to close. */
    @Override
    public void close() {
        // nothing of its own
    }
}
