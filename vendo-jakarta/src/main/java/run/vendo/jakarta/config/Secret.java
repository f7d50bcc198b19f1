package run.vendo.jakarta.config;

import java.util.Objects;

/**
 * A credential that {@link #toString()} never reveals, so it cannot end up in a log line by
 * accident.
 *
 * @since 0.1.0
 */
public final class Secret {

    private final String value;

    /**
     * Wraps a credential.
     *
     * @param value the credential
     * @throws NullPointerException if {@code value} is null
     */
    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * Returns the credential itself. Pass it on; do not log it.
     *
     * @return the credential
     */
    public String reveal() {
        return value;
    }

    /** Returns {@code "****"}. */
    @Override
    public String toString() {
        return "****";
    }
}
