package run.vendo.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application: every resource of this package under {@code /api}. Nothing Vendo-specific
 * to register: vendo-jakarta's identity filter and exception mapper come with its jar.
 */
@ApplicationPath("/api")
public class SampleApplication extends Application {
}
