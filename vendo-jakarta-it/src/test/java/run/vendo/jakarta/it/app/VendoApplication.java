package run.vendo.jakarta.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The test applications' JAX-RS root: every resource under {@code /api}, providers found by scanning. */
@ApplicationPath("/api")
public class VendoApplication extends Application {
}
