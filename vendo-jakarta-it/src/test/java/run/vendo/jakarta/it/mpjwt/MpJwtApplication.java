package run.vendo.jakarta.it.mpjwt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Turns on the server's own MicroProfile JWT for this application. A CDI bean (the WAR's beans.xml
 * says {@code annotated}): Payara's MP-JWT extension finds {@code @LoginConfig} on beans only, and
 * without it no {@code JsonWebToken} bean exists (WELD-001408).
 */
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
public class MpJwtApplication extends Application {
}
