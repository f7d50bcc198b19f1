package run.vendo.jakarta.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import run.vendo.jakarta.internal.identity.RequestIdentity;

class VendoAuthenticationMechanismTest {

    private static final Optional<String> ROLES = Optional.of("app_metadata.roles");

    private static RequestIdentity verified(Map<String, Object> claims, String proxyRole) {
        return new RequestIdentity("jwt", "user-1", null, null, null, proxyRole, claims, true);
    }

    private static RequestIdentity unverified(String proxyRole) {
        return new RequestIdentity("jwt", "user-1", null, null, null, proxyRole, Map.of(), false);
    }

    @Test
    void aVerifiedCallersGroupsComeFromTheClaimNeverFromTheProxysRole() {
        RequestIdentity identity = verified(Map.of("app_metadata", Map.of("roles", List.of("owner", "billing"))),
                "admin");
        assertEquals(Set.of("owner", "billing"), VendoAuthenticationMechanism.groups(identity, ROLES));
        assertEquals(Set.of(), VendoAuthenticationMechanism.groups(identity, Optional.empty()));
        assertEquals(Set.of(), VendoAuthenticationMechanism.groups(verified(Map.of(), "owner"), ROLES));
    }

    @Test
    void aSingleTextClaimIsOneGroupAndWhatIsNotTextIsNoGroup() {
        assertEquals(Set.of("owner"), VendoAuthenticationMechanism.groups(
                verified(Map.of("app_metadata", Map.of("roles", "owner")), null), ROLES));
        assertEquals(Set.of("owner"), VendoAuthenticationMechanism.groups(verified(Map.of("app_metadata",
                Map.of("roles", Arrays.asList("owner", 7L, Map.of("a", "b"), " ", true))), null), ROLES));
        assertEquals(Set.of(), VendoAuthenticationMechanism.groups(
                verified(Map.of("app_metadata", Map.of("roles", Map.of("owner", true))), null), ROLES));
        assertEquals(Set.of(), VendoAuthenticationMechanism.groups(
                verified(Map.of("app_metadata", "roles"), null), ROLES));
    }

    @Test
    void anUnverifiedCallersOnlyGroupIsTheProxysRole() {
        assertEquals(Set.of("owner"), VendoAuthenticationMechanism.groups(unverified("owner"), ROLES));
        assertEquals(Set.of(), VendoAuthenticationMechanism.groups(unverified(null), ROLES));
    }
}
