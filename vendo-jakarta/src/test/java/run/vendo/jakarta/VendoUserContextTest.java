package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.weld.junit.MockBean;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import run.vendo.jakarta.internal.cdi.VendoProducer;
import run.vendo.jakarta.internal.config.VendoSettingsProducer;
import run.vendo.jakarta.internal.identity.RequestIdentity;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;
import run.vendo.jakarta.testsupport.TestContainer;

@EnableWeld
class VendoUserContextTest {

    static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2ln";

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(
                    VendoUserContext.class, RequestIdentityResolver.class,
                    VendoSettingsProducer.class, VendoProducer.class, TestContainer.USER_VENDO_BEAN)
            .addBeans(MockBean.builder().types(Config.class).creating(TestContainer.config(Map.of())).build())
            .activate(RequestScoped.class)
            .build();

    @Inject
    VendoUserContext user;

    @Test
    void emptyWhenNobodySignedIn() {
        assertFalse(user.isPresent());
        assertEquals(Optional.empty(), user.jwt());
        assertEquals(Optional.empty(), user.email());
        assertEquals(Map.of(), user.claims());
        assertThrows(run.vendo.errors.IdentityNotPresent.class, user::requireJwt);
    }

    @Test
    void readsWhatTheFilterStored() {
        user.set(new RequestIdentity(JWT, "u-1", "a@example.com", "Ada", "t-1", "owner",
                Map.of("sub", "u-1", "aud", "authenticated"), true));
        assertTrue(user.isPresent());
        assertTrue(user.isVerified());
        assertEquals(Optional.of(JWT), user.jwt());
        assertEquals(JWT, user.requireJwt());
        assertEquals(Optional.of("u-1"), user.userId());
        assertEquals(Optional.of("a@example.com"), user.email());
        assertEquals(Optional.of("Ada"), user.name());
        assertEquals(Optional.of("t-1"), user.tenantId());
        assertEquals(Optional.of("owner"), user.proxyRole());
        assertEquals("authenticated", user.claims().get("aud"));
    }

    @Test
    void aSingleSignOnUserHasNoToken() {
        user.set(new RequestIdentity(null, "u-1", null, "Ada", null, "viewer", Map.of(), false));
        assertTrue(user.isPresent());
        assertFalse(user.isVerified());
        assertEquals(Optional.empty(), user.jwt());
        assertThrows(run.vendo.errors.IdentityNotPresent.class, user::requireJwt);
        assertEquals(Optional.of("viewer"), user.proxyRole());
    }

    @Test
    void theIdentityOfARequestCannotChange() {
        RequestIdentity ada = new RequestIdentity(JWT, "u-1", null, null, null, null, Map.of(), false);
        user.set(ada);
        user.set(new RequestIdentity(JWT, "u-1", null, null, null, null, Map.of(), false)); // the same again: fine
        RequestIdentity other = new RequestIdentity(JWT, "u-2", null, null, null, null, Map.of(), false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> user.set(other));
        assertFalse(e.getMessage().contains(JWT), e.getMessage());
        assertEquals(Optional.of("u-1"), user.userId());
    }

    @Test
    void toStringNeverPrintsTheToken() {
        user.set(new RequestIdentity(JWT, "u-1", "a@example.com", null, null, null, Map.of(), false));
        String text = user.toString();
        assertFalse(text.contains(JWT), text);
        assertFalse(text.contains("a@example.com"), "nor the e-mail address: " + text);
        assertTrue(text.contains("u-1"), text);
    }

    @Test
    void toStringNeverPrintsTheNameEither() {
        user.set(new RequestIdentity(JWT, "u-1", "a@example.com", "Ada Lovelace", "t-1", null, Map.of(), true));
        String text = user.toString();
        assertFalse(text.contains(JWT) || text.contains("a@example.com") || text.contains("Ada Lovelace"), text);
    }
}
