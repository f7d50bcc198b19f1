package run.vendo.jakarta.it.app;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/** An EJB only callers in role {@code owner} may call; it answers whom the container sees. */
@Stateless
public class OwnerOnlyBean {

    @Resource
    SessionContext session;

    @RolesAllowed("owner")
    public String caller() {
        return session.getCallerPrincipal().getName();
    }
}
