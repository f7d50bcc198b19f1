package run.vendo.jakarta.internal.cdi;

import java.util.function.Supplier;
import run.vendo.Deployment;
import run.vendo.Sso;
import run.vendo.Vendo;
import run.vendo.Webhooks;
import run.vendo.errors.VendoError;

/**
 * The {@code @VendoUser Vendo} of a request without a usable user: every call throws the error that
 * says why, but the few that need no user, which answer as the root does, whoever asks.
 */
final class RefusingVendo extends ForwardingVendo {

    private final Vendo root;
    private final Supplier<? extends VendoError> why;

    private RefusingVendo(Vendo root, Supplier<? extends VendoError> why) {
        this.root = root;
        this.why = why;
    }

    /**
     * Returns a client that refuses every call that needs a user.
     *
     * @param root the deployment's client, which answers the calls that need no user
     * @param why makes the error each refused call throws
     */
    static Vendo because(Vendo root, Supplier<? extends VendoError> why) {
        return new RefusingVendo(root, why);
    }

    @Override
    protected Vendo delegate() {
        throw why.get();
    }

    @Override
    public boolean isVendoMode() {
        return root.isVendoMode();
    }

    @Override
    public Webhooks webhooks() {
        return root.webhooks();
    }

    @Override
    public Deployment deployment() {
        return root.deployment();
    }

    @Override
    public Sso sso() {
        return root.sso();
    }

    @Override
    public String toString() {
        return "Vendo[@VendoUser, no usable user in this request]";
    }
}
