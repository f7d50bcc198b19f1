package run.vendo;

import java.util.Objects;
import java.util.Optional;
import run.vendo.internal.text.Redactor;

/**
 * A user as Vendo's proxy names them in its single sign-on headers ({@link Sso}): unsigned, the
 * proxy's word. {@link #toString()} shows neither the e-mail address nor the name.
 *
 * @since 0.1.0
 */
public final class VendoIdentity {

    private final String userId;
    private final String email;
    private final String name;
    private final String tenantId;
    private final String role;

    /**
     * Creates an identity.
     *
     * @param userId {@code X-Vendo-User-Id}
     * @param email {@code X-Vendo-User-Email}, or {@code null}
     * @param name {@code X-Vendo-User-Name}, or {@code null}
     * @param tenantId {@code X-Vendo-Tenant-Id}, or {@code null}
     * @param role {@code X-Vendo-Role} ({@code owner}, {@code member} or {@code viewer}), or {@code null}
     * @throws NullPointerException if {@code userId} is null
     */
    public VendoIdentity(String userId, String email, String name, String tenantId, String role) {
        this.userId = Objects.requireNonNull(userId, "userId");
        this.email = email;
        this.name = name;
        this.tenantId = tenantId;
        this.role = role;
    }

    /**
     * Returns the user's id.
     *
     * @return the id
     */
    public String userId() {
        return userId;
    }

    /**
     * Returns the user's e-mail address.
     *
     * @return the address, or empty
     */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /**
     * Returns the user's display name.
     *
     * @return the name, or empty
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Returns the user's tenant.
     *
     * @return the tenant, or empty
     */
    public Optional<String> tenantId() {
        return Optional.ofNullable(tenantId);
    }

    /**
     * Returns the user's role in the tenant.
     *
     * @return {@code owner}, {@code member} or {@code viewer}, or empty
     */
    public Optional<String> role() {
        return Optional.ofNullable(role);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendoIdentity i && userId.equals(i.userId) && Objects.equals(email, i.email)
                && Objects.equals(name, i.name) && Objects.equals(tenantId, i.tenantId)
                && Objects.equals(role, i.role);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, email, name, tenantId, role);
    }

    @Override
    public String toString() {
        return "VendoIdentity[userId=" + Redactor.printable(userId) + ", tenantId=" + Redactor.printable(tenantId)
                + ", role=" + Redactor.printable(role) + "]";
    }
}
