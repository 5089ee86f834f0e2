package dev.keycard.mfa;

import dev.keycard.FreshLogin;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.user.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/admin/users/{username}/second-factors}: which second factors a user has (never a
 * secret), and a reset for a person who lost theirs. Under the users' path, beside the other
 * resources of one user (JAX-RS matches a request to the classes of the longest path first).
 */
@Path("api/admin/users")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class UserSecondFactorsResource {

    @Inject
    SecondFactors factors;

    @Inject
    JsonWebToken jwt;

    public record UserFactors(String username, List<String> factors, long recoveryCodesLeft) {}

    @GET
    @Path("{username}/second-factors")
    public UserFactors of(@PathParam("username") String username) {
        User user = user(username);
        return new UserFactors(user.username(), factors.of(user.id()), factors.recoveryCodesLeft(user.id()));
    }

    /** Removes every second factor of the user, so they can sign in with the password and enrol again. */
    @DELETE
    @FreshLogin
    @Path("{username}/second-factors")
    public Response reset(@PathParam("username") String username) {
        factors.reset(user(username), jwt.getName());
        return Response.noContent().build();
    }

    private User user(String username) {
        return factors.named(username).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such user."));
    }
}
