package run.vendo.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.vendo.testing.JwksServer;
import run.vendo.testing.JwtKey;
import run.vendo.testing.LogCapture;

/**
 * Checks the built (shaded) jar: SmallRye JWT and everything shaded with it is relocated, nothing
 * of it can register with a container, and the verifier works from the jar alone, in a class
 * loader that has no unrelocated SmallRye, jose4j, SLF4J or jboss-logging.
 */
class ShadedJarIT {

    static final String SHADED = "run/vendo/jakarta/internal/shaded/";
    static final Pattern FOREIGN = Pattern.compile(
            "(?<!shaded/)(io/smallrye/|org/jose4j/|org/eclipse/microprofile/jwt/|org/eclipse/microprofile/auth/"
                    + "|org/jboss/logging/|org/slf4j/)");
    static final Set<String> OWN_META_INF = Set.of(
            "META-INF/MANIFEST.MF", "META-INF/beans.xml", "META-INF/web-fragment.xml",
            "META-INF/microprofile-config.properties");

    /** The jar's own service registrations, each naming only its own class. */
    static final Map<String, String> OWN_SERVICES = Map.of(
            "META-INF/services/jakarta.enterprise.inject.spi.Extension",
            "run.vendo.jakarta.internal.security.VendoSecurityExtension",
            "META-INF/services/org.eclipse.microprofile.rest.client.spi.RestClientListener",
            "run.vendo.jakarta.internal.rest.VendoTokenRegistration");

    static final JwtKey EC_KEY = JwtKey.ec("ec-1");
    static final JwtKey RSA_KEY = JwtKey.rsa("rsa-1");

    static Path jar;
    static JwksServer jwks;

    @BeforeAll
    static void locate() throws IOException {
        jar = Path.of(System.getProperty("vendo.jakarta.jar"));
        assertTrue(Files.isRegularFile(jar), "built jar missing: " + jar);
        jwks = JwksServer.start().serve(EC_KEY, RSA_KEY);
    }

    @AfterAll
    static void stop() {
        jwks.close();
    }

    @Test
    void everyEntryIsOursOrRelocated() throws IOException {
        List<String> problems = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith("/")) {
                    continue;
                }
                boolean ours = name.startsWith("run/vendo/jakarta/")
                        || OWN_META_INF.contains(name)
                        || OWN_SERVICES.containsKey(name)
                        || name.startsWith("META-INF/maven/run.vendo/vendo-jakarta/");
                if (!ours) {
                    problems.add("foreign entry " + name);
                }
                if (OWN_SERVICES.containsKey(name)) {
                    String registered = new String(file.getInputStream(file.getEntry(name)).readAllBytes(),
                            StandardCharsets.UTF_8).strip();
                    if (!registered.equals(OWN_SERVICES.get(name))) {
                        problems.add(name + " registers " + registered);
                    }
                } else if (name.startsWith("META-INF/services/")
                        || (name.endsWith("beans.xml") && !name.equals("META-INF/beans.xml"))) {
                    problems.add("registers with the container: " + name);
                }
                if (name.endsWith(".class")) {
                    String bytes = new String(file.getInputStream(file.getEntry(name)).readAllBytes(),
                            StandardCharsets.ISO_8859_1);
                    Matcher m = FOREIGN.matcher(bytes);
                    if (m.find()) {
                        problems.add(name + " references unrelocated " + m.group(1));
                    }
                    if (name.startsWith(SHADED) && bytes.contains("Ljakarta/enterprise/context/ApplicationScoped;")) {
                        problems.add("a shaded class carries a bean-defining annotation: " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void smallryeCdiAndJaxrsPartsAreLeftOut() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertNotNull(file.getEntry(SHADED + "io/smallrye/jwt/auth/principal/DefaultJWTTokenParser.class"));
            assertEquals(null, file.getEntry(SHADED + "io/smallrye/jwt/auth/principal/DefaultJWTParser.class"));
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith(SHADED + "io/smallrye/jwt/auth/cdi/")));
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith(SHADED + "io/smallrye/jwt/config/")));
        }
    }

    @Test
    void manifestAndDescriptors() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertEquals("run.vendo.jakarta", main.getValue("Automatic-Module-Name"));
            assertEquals("jdk.net", main.getValue("Dependencies"));
            String beans = read(file, "META-INF/beans.xml");
            assertTrue(beans.contains("bean-discovery-mode=\"annotated\""));
            assertTrue(beans.contains("<exclude name=\"run.vendo.jakarta.internal.shaded.**\"/>"));
            String fragment = read(file, "META-INF/web-fragment.xml");
            assertTrue(fragment.contains("<name>vendo</name>"));
            assertTrue(fragment.contains("<distributable/>"));
            assertTrue(fragment.contains("<filter-class>run.vendo.jakarta.VendoIdentityFilter</filter-class>"));
            assertTrue(fragment.contains("<url-pattern>/*</url-pattern>"));
            assertNull(file.getEntry("META-INF/microprofile-config.properties"), "the core owns every default");
        }
    }

    @Test
    void verifierWorksFromTheJarAlone() throws Exception {
        try (LogCapture logs = LogCapture.attach("run.vendo.jakarta"); URLClassLoader loader = isolatedLoader()) {
            for (String foreign : List.of("io.smallrye.jwt.auth.principal.DefaultJWTTokenParser",
                    "org.jose4j.jws.JsonWebSignature", "org.slf4j.LoggerFactory", "org.jboss.logging.Logger",
                    "org.eclipse.microprofile.jwt.JsonWebToken")) {
                assertThrows(ClassNotFoundException.class, () -> loader.loadClass(foreign), foreign);
            }
            Class<?> settingsType = loader.loadClass("run.vendo.jakarta.internal.jwt.VerifierSettings");
            Object settings = settingsType.getConstructors()[0].newInstance(URI.create(jwks.url()), Optional.empty(),
                    Set.of(), Duration.ofSeconds(60), Duration.ofMinutes(65), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), "email", "name", "tenant", 100L);
            Object verifier = loader.loadClass("run.vendo.jakarta.internal.jwt.JwtVerifier")
                    .getConstructor(settingsType).newInstance(settings);
            Method verify = verifier.getClass().getMethod("verify", String.class);

            Object es = verify.invoke(verifier, EC_KEY.jwt("es-user").sign());
            assertEquals("es-user", claims(es).get("sub"));
            Object rs = verify.invoke(verifier, RSA_KEY.jwt("rs-user").sign());
            assertEquals("rs-user", claims(rs).get("sub"));

            String expired = EC_KEY.jwt("u").expiresAt(Instant.now().minusSeconds(3600)).sign();
            assertEquals("identity_expired", failureCode(verify, verifier, expired));
            String wrongKey = EC_KEY.impostor().jwt("u").sign();
            assertEquals("identity_invalid", failureCode(verify, verifier, wrongKey));
            String unknownKid = JwtKey.ec("unknown").jwt("u").sign();
            assertEquals("identity_invalid", failureCode(verify, verifier, unknownKid));
            String noSubject = EC_KEY.jwt("u").claim("sub", null).sign();
            assertEquals("identity_invalid", failureCode(verify, verifier, noSubject));
            assertEquals("identity_invalid", failureCode(verify, verifier, EC_KEY.jwt("u").unsigned()));

            assertTrue(logs.records().stream()
                            .anyMatch(r -> r.getLoggerName().startsWith("run.vendo.jakarta.internal.shaded")),
                    "the relocated libraries log through java.util.logging");
            for (LogRecord record : logs.records()) {
                String text = String.valueOf(record.getMessage()) + " "
                        + java.util.Arrays.toString(record.getParameters());
                for (String token : List.of(expired, wrongKey, unknownKid)) {
                    assertFalse(text.contains(token), "a log line contains a token: " + record.getLoggerName());
                }
            }
        }
    }

    private static URLClassLoader isolatedLoader() throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        for (String entry : System.getProperty("vendo.jakarta.runtime").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(Object verifiedJwt) throws Exception {
        return (Map<String, Object>) verifiedJwt.getClass().getMethod("claims").invoke(verifiedJwt);
    }

    private static String failureCode(Method verify, Object verifier, String jwt) throws Exception {
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> verify.invoke(verifier, jwt));
        Throwable failure = e.getCause();
        assertEquals("run.vendo.jakarta.internal.jwt.VerificationFailure", failure.getClass().getName(),
                String.valueOf(failure));
        assertFalse(failure.getMessage().contains(jwt));
        return (String) failure.getClass().getMethod("code").invoke(failure);
    }

    private static String read(JarFile file, String name) throws IOException {
        try (InputStream in = file.getInputStream(file.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
