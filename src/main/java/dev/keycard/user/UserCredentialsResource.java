package dev.keycard.user;

import static dev.keycard.user.UsersResource.check;
import static dev.keycard.user.UsersResource.name;

import dev.keycard.FreshLogin;
import dev.keycard.password.PasswordPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** An administrator's help with a user's credentials: a new password, or the end of a lock. */
@Path("api/admin/users")
@RequestScoped
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class UserCredentialsResource {

    @Inject
    UserAccounts accounts;

    @Inject
    PasswordPolicy passwords;

    /** An administrator's reset, which signs the user out everywhere. */
    @POST
    @Path("{username}/password")
    @FreshLogin
    public Response resetPassword(@PathParam("username") String username, NewPassword request) {
        Username user = name(username);
        passwords.requireUnguessable(request.password(), user.value(), "password");
        check(accounts.resetPassword(user, request.password()));
        return Response.noContent().build();
    }

    /** Lifts a lock from too many failed logins. */
    @POST
    @Path("{username}/unlock")
    @Consumes(MediaType.WILDCARD)
    @FreshLogin
    public Response unlock(@PathParam("username") String username) {
        check(accounts.unlock(name(username)));
        return Response.noContent().build();
    }
}
