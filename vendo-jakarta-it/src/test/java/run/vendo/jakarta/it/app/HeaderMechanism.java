package run.vendo.jakarta.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * An application's own authentication mechanism: {@code X-Test-Caller} names the caller, in role
 * {@code owner}. It stands for whatever an application brings, to show that Vendo's is not in the way.
 */
@ApplicationScoped
public class HeaderMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String caller = request.getHeader("X-Test-Caller");
        return caller == null ? context.doNothing() : context.notifyContainerAboutLogin(caller, Set.of("owner"));
    }
}
