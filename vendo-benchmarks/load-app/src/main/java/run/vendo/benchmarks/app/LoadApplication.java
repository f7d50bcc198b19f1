package run.vendo.benchmarks.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The load harness's application: {@code GET /api/ping}, {@code GET /api/token} and {@code GET
 * /api/signature-checks}.
 */
@ApplicationPath("/api")
public class LoadApplication extends Application {
}
