package run.vendo.jakarta.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import run.vendo.jakarta.it.smoke.ConfigResource;
import run.vendo.jakarta.it.smoke.PingResource;
import run.vendo.jakarta.it.smoke.RequestTicket;
import run.vendo.jakarta.it.smoke.SmokeApplication;

/**
 * Deploys a tiny JAX-RS + CDI + MicroProfile Config application and calls it over HTTP: proves
 * the server starts, deploys, serves on loopback and sees the build's environment and system
 * properties. Runs once per server (see the failsafe executions in the pom).
 */
@ExtendWith(ArquillianExtension.class)
class ServerSmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "smoke.war")
                .addClasses(SmokeApplication.class, PingResource.class, RequestTicket.class, ConfigResource.class)
                .addAsWebInfResource("smoke/beans.xml", "beans.xml");
    }

    @ArquillianResource
    URL base;

    @Test
    void pingAnswersPongThroughARequestScopedBean() {
        assertEquals("pong", Http.getOk(base, "api/ping"));
    }

    @Test
    void requestScopedBeanLivesForOneRequest() {
        String[] first = Http.getOk(base, "api/ping/ticket").split(" ");
        String[] second = Http.getOk(base, "api/ping/ticket").split(" ");

        assertEquals(first[0], first[1], "one request, one bean instance");
        assertNotEquals(first[0], second[0], "each request gets its own bean instance");
    }

    @Test
    void microProfileConfigReadsTheFailsafeEnvironment() {
        assertEquals("hello from the environment", Http.getOk(base, "api/config/greeting"));
        assertEquals("hello from the environment", Http.getOk(base, "api/config/env/DEMO_GREETING"));
    }

    @Test
    void serverReceivesItsSystemProperties() {
        assertEquals(System.getProperty("it.server"),
                Http.getOk(base, "api/config/system-property/vendo.it.server-property"));
    }
}
