package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.vendo.Vendo;
import run.vendo.VendoConfigurationException;
import run.vendo.VendoHeaders;
import run.vendo.VendoIdentity;
import run.vendo.errors.AuthError;
import run.vendo.errors.IdentityNotPresent;
import run.vendo.errors.ValidationError;
import run.vendo.errors.VendoError;
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
        signIn(container, Map.of(VendoHeaders.USER_JWT, jwt));
    }

    static void signIn(TestContainer container, Map<String, String> headers) {
        IdentityResult result = new RequestIdentityResolver((JwtVerifier) null)
                .resolve(name -> headers.containsKey(name) ? List.of(headers.get(name)) : null);
        container.get(VendoUserContext.class).set(((IdentityResult.Present) result).identity());
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
            emulator.user("dave").connect("google");
            container.inRequest(() -> {
                signIn(container, emulator.mintUserJwt("carol"));
                assertEquals(carolToken, service.token("google"));
                assertThrows(IllegalStateException.class, () -> signIn(container, emulator.mintUserJwt("dave")),
                        "the request's identity is written once");
                assertEquals(carolToken, service.token("google"), "the view made for carol serves carol only");
                assertEquals(0, emulator.tokenCalls("dave", "google"));
                return null;
            });
        }
    }

    @Test
    void twoConcurrentRequestsNeverSeeEachOthersUser() throws Exception {
        try (TestContainer container = TestContainer.start(vendoMode(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            Map<String, String> tokens = Map.of(
                    "erin", emulator.user("erin").connect("google"),
                    "frank", emulator.user("frank").connect("google"));
            CyclicBarrier bothInARequest = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<String>>> seen = new ArrayList<>();
                for (String name : tokens.keySet()) {
                    seen.add(threads.submit(() -> container.inRequest(() -> {
                        try {
                            String jwt = emulator.mintUserJwt(name);
                            signIn(container, jwt);
                            String first = service.token("google");
                            bothInARequest.await(); // the other request has its own user and view now
                            String second = service.token("google");
                            boolean ownContext = container.get(VendoUserContext.class).jwt().equals(Optional.of(jwt));
                            return List.of(name, first, second, String.valueOf(ownContext));
                        } catch (Throwable e) {
                            bothInARequest.reset(); // the other thread stops waiting
                            throw e;
                        }
                    })));
                }
                for (Future<List<String>> request : seen) {
                    List<String> answer = request.get();
                    String name = answer.get(0);
                    assertEquals(List.of(name, tokens.get(name), tokens.get(name), "true"), answer);
                }
            } finally {
                threads.shutdownNow();
            }
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
                assertEveryUserCallThrows(service.user(), IdentityNotPresent.class, "identity_not_present");
                return null;
            });
        }
    }

    @Test
    void aSingleSignOnUserWithoutATokenIsToldTheTokenIsMissing() throws Exception {
        try (TestContainer container = TestContainer.start(vendoMode(), UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            container.inRequest(() -> {
                signIn(container, Map.of(VendoHeaders.USER_ID, "u-sso"));
                IdentityNotPresent e = assertThrows(IdentityNotPresent.class, () -> service.token("google"));
                assertTrue(e.getMessage().contains(VendoHeaders.USER_ID), e.getMessage());
                assertEveryUserCallThrows(service.user(), IdentityNotPresent.class, "identity_not_present");
                return null;
            });
        }
    }

    @Test
    void withoutAUserTheDeploymentsOwnAnswersStillCome() throws Exception {
        Map<String, String> settings = new HashMap<>(vendoMode());
        settings.put("VENDO_DEPLOYMENT_ID", "dep-1");
        settings.put("VENDO_AUTH", "1");
        try (TestContainer container = TestContainer.start(settings, UserTokens.class)) {
            UserTokens service = container.get(UserTokens.class);
            container.inRequest(() -> {
                Vendo user = service.user();
                assertTrue(user.isVendoMode());
                assertEquals(Optional.of("dep-1"), user.deployment().deploymentId());
                assertTrue(user.sso().isEnabled());
                assertEquals(Optional.of("u-9"), user.sso().identity(Map.of(VendoHeaders.USER_ID, "u-9"))
                        .map(VendoIdentity::userId));
                assertThrows(ValidationError.class, () -> user.webhooks().verify(Map.of(), "{}"),
                        "the deployment's verifier, which finds no signature");
                user.close(); // nothing to free, nothing thrown
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
                assertEveryUserCallThrows(service.user(), VendoOnlyFeature.class, "vendo_only_feature");
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
                assertEveryUserCallThrows(service.user(), VendoOnlyFeature.class, "vendo_only_feature");
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
                assertEveryUserCallThrows(service.user(), AuthError.class, "identity_expired");
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

    /**
     * Calls every method of {@code Vendo} that needs a user, with null arguments (the refusal comes
     * first), and checks each throws the expected error.
     */
    private static void assertEveryUserCallThrows(Vendo user, Class<? extends VendoError> type, String code) {
        Set<String> needNoUser = Set.of("isVendoMode", "webhooks", "deployment", "sso", "close");
        int refused = 0;
        for (Method method : Vendo.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || needNoUser.contains(method.getName())) {
                continue;
            }
            Throwable thrown = assertThrows(InvocationTargetException.class,
                    () -> method.invoke(user, new Object[method.getParameterCount()]), method::toString).getCause();
            assertEquals(type, thrown.getClass(), method.toString());
            assertEquals(code, ((VendoError) thrown).code(), method.toString());
            refused++;
        }
        assertEquals(13, refused, "every call of Vendo but the five that need no user");
    }

    @Test
    void onlyTheFilterCanWriteTheIdentityAndVendoUserResolvesOnlyToVendo() throws Exception {
        for (Method method : VendoUserContext.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) || Modifier.isProtected(method.getModifiers())) {
                assertEquals(0, method.getParameterCount(), method + ": an application only reads the context");
            }
        }
        Method set = VendoUserContext.class.getDeclaredMethod("set", RequestIdentity.class);
        assertFalse(Modifier.isPublic(set.getModifiers()) || Modifier.isProtected(set.getModifiers()));
        for (Field field : VendoUserContext.class.getDeclaredFields()) {
            assertTrue(Modifier.isPrivate(field.getModifiers()), field.toString());
        }
        for (Constructor<?> constructor : VendoUserContext.class.getDeclaredConstructors()) {
            int modifiers = constructor.getModifiers();
            assertFalse(Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers),
                    "an application cannot make a context of its own: " + constructor);
        }
        try (TestContainer container = TestContainer.start(vendoMode())) {
            BeanManager beans = container.weld().getBeanManager();
            Set<Bean<?>> vendoUser = beans.getBeans(Object.class, VendoUser.Literal.INSTANCE);
            assertEquals(1, vendoUser.size());
            assertEquals(Set.of(Vendo.class, Object.class), vendoUser.iterator().next().getTypes());
            // One bean for the application: a request creates no instance for it beyond its context.
            assertEquals(ApplicationScoped.class, vendoUser.iterator().next().getScope());
        }
    }
}
