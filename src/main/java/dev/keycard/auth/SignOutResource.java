package dev.keycard.auth;

import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/auth/logout} and {@code /api/auth/logout-all}: ending one login, or all of them. */
@Path("api/auth")
@RequestScoped
@DenyAll
public class SignOutResource {

    @Inject
    SignIns signIns;

    @Inject
    RefreshCookie cookie;

    @Context
    HttpServletRequest http;

    @Context
    SecurityContext security;

    @POST
    @Path("logout")
    @PermitAll
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "204", description = "Signed out")
    @Consumes(MediaType.WILDCARD)
    public Response logout() {
        if (security.getUserPrincipal() instanceof JsonWebToken caller) {
            signIns.signOut(
                    caller.getName(),
                    caller.getSubject(),
                    caller.getClaim("sid"),
                    caller.getTokenID(),
                    caller.getExpirationTime());
        } else {
            // A browser without its access token (a reloaded page): the refresh cookie names the login.
            signIns.signOutWith(cookie.presented(http)
                    .orElseThrow(() -> unauthorized(
                            "Send the access token of the session to end, or the refresh cookie with X-CSRF-Token.")));
        }
        return cookie.clearIfSent(http, Response.noContent()).build();
    }

    @POST
    @Path("logout-all")
    @PermitAll
    @SecurityRequirement(name = "bearer")
    @APIResponse(responseCode = "204", description = "Signed out")
    @Consumes(MediaType.WILDCARD)
    public Response logoutAll() {
        if (!(security.getUserPrincipal() instanceof JsonWebToken caller)) {
            throw unauthorized("Send the access token of the session to end.");
        }
        signIns.signOutEverywhere(caller.getName(), caller.getSubject());
        return cookie.clearIfSent(http, Response.noContent()).build();
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(
                ProblemType.UNAUTHORIZED, detail, HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keycard\"");
    }
}
