package run.vendo.jakarta.internal.cdi;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Supplier;
import run.vendo.Vendo;
import run.vendo.errors.VendoError;

/**
 * The {@code @VendoUser Vendo} of a request without a usable user: every call throws the error
 * that says why, but for the few that need no user and answer as the root does, whoever asks.
 * A proxy rather than a class of seventeen methods, so that this rule is stated once and a
 * method added to {@link Vendo} is refused until someone decides otherwise.
 */
final class RefusingVendo implements InvocationHandler {

    /** What a scoped view answers exactly as its root does: the mode and the deployment's own settings. */
    private static final Set<String> ANSWERED_BY_ROOT = Set.of("isVendoMode", "webhooks", "deployment", "sso");

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
        return (Vendo) Proxy.newProxyInstance(Vendo.class.getClassLoader(), new Class<?>[] {Vendo.class},
                new RefusingVendo(root, why));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "Vendo[@VendoUser, no usable user in this request]";
            };
        }
        if (name.equals("close")) {
            return null; // the root is the container's to close
        }
        if (!ANSWERED_BY_ROOT.contains(name)) {
            throw why.get();
        }
        try {
            return method.invoke(root, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
