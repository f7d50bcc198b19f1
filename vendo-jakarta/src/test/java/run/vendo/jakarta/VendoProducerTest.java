package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;
import run.vendo.VendoConfigurationException;
import run.vendo.VendoHeaders;
import run.vendo.errors.AuthError;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.VendoOnlyFeature;
import run.vendo.jakarta.internal.identity.IdentityResult;
import run.vendo.jakarta.internal.identity.RequestIdentity;
import run.vendo.jakarta.internal.identity.RequestIdentityResolver;
import run.vendo.jakarta.internal.jwt.JwtVerifier;
import run.vendo.jakarta.testsupport.TestContainer;
import run.vendo.testing.VendoEmulator;

class VendoProducerTest {

    static VendoEmulator emulator;
    static String aliceToken;
    static String bobToken;

    @BeforeAll
    static void startEmulator() {
        emulator = VendoEmulator.start();
        aliceToken = emulator.user("alice").connect("google");
        bobToken = emulator.user("bob").connect("google");
        emulator.deployment().connect("notion");
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    static Map<String, String> vendoMode() {
        return Map.of(
                "vendo.api-key", emulator.apiKey(),
                "vendo.base-url", emulator.baseUrl(),
                "vendo.credentials-url", emulator.credentialsUrl(),
                "vendo.max-attempts", "1");
    }

    /** Plays the filter's part: stores the request's identity as read from its headers. */
    static void signIn(TestContainer container, String jwt) {
        IdentityResult result = new RequestIdentityResolver((JwtVerifier) null)
                .resolve(name -> name.equals(VendoHeaders.USER_JWT) ? List.of(jwt) : null);
        container.get(UserVendo.class, VendoUser.Literal.INSTANCE).set(((IdentityResult.Present) result).identity());
    }

    @Test
    void userClientInAnApplicationScopedBeanFollowsTheCurrentRequest() throws Exception {
        try (TestContainer container = TestContainer.start(vendoMode(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            String alice = container.inRequest(() -> {
                signIn(container, emulator.mintUserJwt("alice"));
                return service.token("google");
            });
            String bob = container.inRequest(() -> {
                signIn(container, emulator.mintUserJwt("bob"));
                return service.token("google");
            });
            assertEquals(aliceToken, alice);
            assertEquals(bobToken, bob);
            assertEquals(1, emulator.tokenCalls("alice", "google"));
            assertEquals(1, emulator.tokenCalls("bob", "google"));
        }
    }

    @Test
    void theUserClientNeverOutlivesTheIdentityItWasMadeFor() throws Exception {
        try (TestContainer container = TestContainer.start(vendoMode(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            // Users of their own: the other tests count alice's and bob's upstream calls.
            String carolToken = emulator.user("carol").connect("google");
            String daveToken = emulator.user("dave").connect("google");
            container.inRequest(() -> {
                signIn(container, emulator.mintUserJwt("carol"));
                assertEquals(carolToken, service.token("google"));
                signIn(container, emulator.mintUserJwt("dave"));
                assertEquals(daveToken, service.token("google"), "a view made for carol must not serve dave");
                return null;
            });
        }
    }

    @Test
    void deploymentClientIsOneApplicationScopedRoot() throws Exception {
        try (TestContainer container = TestContainer.start(vendoMode(), UserTokens.class)) {
            Vendo vendo = container.get(Vendo.class);
            assertTrue(vendo.isVendoMode());
            int before = emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "notion");
            assertEquals(emulator.deployment().token("notion"), vendo.token("notion"));
            assertEquals(emulator.deployment().token("notion"),
                    container.get(UserTokens.class).deployment().token("notion"));
            assertEquals(before + 1, emulator.tokenCalls(VendoEmulator.DEPLOYMENT, "notion"),
                    "every injection point shares the one root client and its cache");
        }
    }

    @Test
    void rootClientIsClosedWhenTheApplicationStops() throws Exception {
        Vendo view;
        try (TestContainer container = TestContainer.start(vendoMode())) {
            view = container.get(Vendo.class).forUser(emulator.mintUserJwt("alice"));
            assertEquals(aliceToken, view.token("google"));
        }
        assertThrows(IllegalStateException.class, () -> view.token("google"),
                "the disposer closed the root, and with it every view");
    }

    @Test
    void withoutAUserTheUserClientThrowsIdentityNotPresentOnUse() throws Exception {
        try (TestContainer container = TestContainer.start(vendoMode(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            container.inRequest(() -> {
                assertTrue(service.user().isVendoMode(), "injection itself does not fail");
                IdentityNotPresent e = assertThrows(IdentityNotPresent.class, () -> service.token("google"));
                assertEquals("identity_not_present", e.code());
                assertTrue(e.getMessage().contains("X-Vendo-User-JWT"), e.getMessage());
                return null;
            });
        }
    }

    @Test
    void inOssModeWithoutAUserTheModeIsReportedBeforeTheMissingIdentity() throws Exception {
        try (TestContainer container = TestContainer.start(Map.of(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            container.inRequest(() -> {
                assertFalse(service.user().isVendoMode());
                assertThrows(VendoOnlyFeature.class, () -> service.token("google"));
                return null;
            });
        }
    }

    @Test
    void inOssModeTheUserClientThrowsVendoOnlyFeature() throws Exception {
        try (TestContainer container = TestContainer.start(Map.of(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            container.inRequest(() -> {
                signIn(container, emulator.mintUserJwt("alice"));
                assertFalse(service.user().isVendoMode());
                VendoOnlyFeature e = assertThrows(VendoOnlyFeature.class, () -> service.token("google"));
                assertTrue(e.getMessage().contains("vendo.api-key"), e.getMessage());
                return null;
            });
        }
    }

    @Test
    void anExpiredTokenSurfacesAsAuthErrorOnUse() throws Exception {
        // Without verification the filter only checks the shape; the core checks expiry.
        String expired = emulator.jwt("alice").expiresIn(Duration.ofHours(-2)).sign();
        try (TestContainer container = TestContainer.start(vendoMode(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            container.inRequest(() -> {
                signIn(container, expired);
                AuthError e = assertThrows(AuthError.class, () -> service.token("google"));
                assertEquals("identity_expired", e.code());
                assertFalse(e.getMessage().contains(expired));
                return null;
            });
        }
    }

    @Test
    void outsideARequestTheUserClientFailsClearly() {
        try (TestContainer container = TestContainer.start(vendoMode(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            ContextNotActiveException e = assertThrows(ContextNotActiveException.class, () -> service.token("google"));
            assertTrue(e.getMessage().contains("RequestScoped"), e.getMessage());
            Vendo direct = container.get(Vendo.class, VendoUser.Literal.INSTANCE);
            assertThrows(ContextNotActiveException.class, () -> direct.token("google"));
        }
    }

    @Test
    void tokenOverridesAndByokVariablesAreReadThroughMicroProfileConfig() {
        Map<String, String> oss = Map.of("VENDO_TOKEN_GOOGLE", "override-from-config",
                "OPENAI_API_KEY", "sk-from-config");
        try (TestContainer container = TestContainer.start(oss)) {
            Vendo vendo = container.get(Vendo.class);
            assertFalse(vendo.isVendoMode());
            assertEquals("override-from-config", vendo.token("google"));
            assertEquals("sk-from-config", vendo.token("openai"));
        }
    }

    @Test
    void invalidSettingsFailTheStartWithEveryProblem() {
        Map<String, String> bad = Map.of(
                "vendo.base-url", "nope",
                "vendo.max-attempts", "0",
                "vendo.jwt.leeway", "2h");
        RuntimeException e = assertThrows(RuntimeException.class, () -> TestContainer.start(bad).close());
        VendoConfigurationException config = findCause(e, VendoConfigurationException.class);
        assertEquals(3, config.problems().size(), config.getMessage());
    }

    @Test
    void userContextIsEmptyWhenNobodySignedIn() throws Exception {
        try (TestContainer container = TestContainer.start(vendoMode())) {
            container.inRequest(() -> {
                VendoUserContext user = container.get(VendoUserContext.class);
                assertFalse(user.isPresent());
                assertFalse(user.isVerified());
                assertTrue(user.jwt().isEmpty());
                assertTrue(user.userId().isEmpty());
                assertTrue(user.claims().isEmpty());
                assertThrows(IdentityNotPresent.class, user::requireJwt);
                assertEquals("VendoUserContext[nobody signed in]", user.toString());
                return null;
            });
        }
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the cause chain", e);
    }

    @Test
    void onlyTheFilterCanWriteTheIdentityAndVendoUserResolvesOnlyToVendo() throws Exception {
        assertFalse(Modifier.isPublic(UserVendo.class.getModifiers()), "an application cannot name the bean");
        Method set = UserVendo.class.getDeclaredMethod("set", RequestIdentity.class);
        assertFalse(Modifier.isPublic(set.getModifiers()) || Modifier.isProtected(set.getModifiers()));
        try (TestContainer container = TestContainer.start(vendoMode())) {
            BeanManager beans = container.weld().getBeanManager();
            Set<Bean<?>> vendoUser = beans.getBeans(Object.class, VendoUser.Literal.INSTANCE);
            assertEquals(1, vendoUser.size());
            Set<Type> publicTypes = new HashSet<>();
            for (Type type : vendoUser.iterator().next().getTypes()) {
                if (type instanceof Class<?> c && Modifier.isPublic(c.getModifiers())) {
                    publicTypes.add(type);
                }
            }
            assertEquals(Set.of(Vendo.class, Object.class), publicTypes);
        }
    }
}
