package run.vendo.jakarta.it.smoke;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The smoke test's JAX-RS application: every resource of the WAR under {@code /api}. */
@ApplicationPath("/api")
public class SmokeApplication extends Application {
}
