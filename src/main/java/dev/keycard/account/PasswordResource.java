package dev.keycard.account;

import dev.keycard.FreshLogin;
import dev.keycard.password.PasswordPolicy;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.user.UserAccounts;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/me/password}: a sensitive operation, so it needs a fresh login as well as the
 * current password. Every other session of the user ends; the one making the change stays.
 */
@Path("api/me/password")
@RequestScoped
@DenyAll
@SecurityRequirement(name = "bearer")
public class PasswordResource {

    @Inject
    UserAccounts accounts;

    @Inject
    PasswordPolicy passwords;

    @Inject
    JsonWebToken jwt;

    @POST
    @FreshLogin
    @RolesAllowed({"user", "admin"})
    @Consumes(MediaType.APPLICATION_JSON)
    public void change(PasswordChange request) {
        passwords.requireUnguessable(request.newPassword(), jwt.getName(), "new_password");
        switch (accounts.changePassword(
                jwt.getSubject(), jwt.getClaim("sid"), request.currentPassword(), request.newPassword())) {
            case CHANGED -> {}
            // 403, not 401: the access token is fine, and a client must not throw it away.
            case WRONG_PASSWORD ->
                throw new ProblemException(ProblemType.WRONG_PASSWORD, "current_password is incorrect.");
            case NO_SUCH_USER -> throw new ProblemException(ProblemType.NOT_FOUND, "Your account no longer exists.");
            case DIRECTORY_PASSWORD ->
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "Your password is kept by your organisation's directory: change it there.");
        }
    }
}
