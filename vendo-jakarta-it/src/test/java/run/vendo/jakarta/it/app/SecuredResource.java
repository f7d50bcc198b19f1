package run.vendo.jakarta.it.app;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * What container security sees of the caller: {@code GET /api/secured/caller} (open to all) answers
 * the caller as Jakarta Security, the servlet request and Jakarta REST see it, and whether it is in
 * role {@code owner}; {@code /owner} requires that role on the resource method.
 */
@Path("secured")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class SecuredResource {

    @Inject
    jakarta.security.enterprise.SecurityContext security;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext rest;

    @GET
    @Path("caller")
    @PermitAll
    public String caller() {
        return "security=" + name(security.getCallerPrincipal()) + " servlet=" + name(request.getUserPrincipal())
                + " rest=" + name(rest.getUserPrincipal()) + " owner=" + request.isUserInRole("owner")
                + " rest-owner=" + rest.isUserInRole("owner");
    }

    @GET
    @Path("owner")
    @RolesAllowed("owner")
    public String owner() {
        return "owner " + name(rest.getUserPrincipal());
    }

    private static String name(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }
}
