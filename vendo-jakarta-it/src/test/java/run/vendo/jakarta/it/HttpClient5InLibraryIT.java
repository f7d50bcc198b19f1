package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.hc5.LoopbackCall;
import run.vendo.jakarta.it.hc5.LoopbackCallResource;
import run.vendo.jakarta.it.smoke.PingResource;
import run.vendo.jakarta.it.smoke.RequestTicket;
import run.vendo.jakarta.it.smoke.SmokeApplication;

/**
 * A library jar in {@code WEB-INF/lib} that uses Apache HttpClient 5 (as vendo-sdk does) opens a
 * connection from inside the server. On WildFly that needs the JDK module {@code jdk.net}, which a
 * deployment does not see by default; the library jar asks for it in its own manifest
 * ({@code Dependencies: jdk.net}), so the application needs no jboss-deployment-structure.xml.
 */
@ExtendWith(ArquillianExtension.class)
class HttpClient5InLibraryIT {

    /** What vendo-sdk's manifest must carry for WildFly; other servers ignore the entry. */
    static final String MANIFEST = "Manifest-Version: 1.0\nDependencies: jdk.net\n";

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive library = ShrinkWrap.create(JavaArchive.class, "loopback-call.jar")
                .addClass(LoopbackCall.class)
                .setManifest(new StringAsset(MANIFEST));
        return ShrinkWrap.create(WebArchive.class, "hc5.war")
                .addClasses(SmokeApplication.class, PingResource.class, RequestTicket.class, LoopbackCallResource.class)
                .addAsWebInfResource("smoke/beans.xml", "beans.xml")
                .addAsLibrary(library)
                .addAsLibraries(WarLibraries.all());
    }

    @ArquillianResource
    URL base;

    @Test
    void libraryJarOpensALoopbackConnectionWithHttpClient5() {
        HttpResponse<String> response = Http.get(base, "api/loopback-call");

        assertEquals(200, response.statusCode(), response::body);
        assertEquals("200 pong", response.body());
    }
}
