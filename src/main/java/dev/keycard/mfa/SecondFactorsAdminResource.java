package dev.keycard.mfa;

import dev.keycard.FreshLogin;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.user.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * An administrator's view of second factors across users: who has an authenticator app, and the
 * roles that must use a second factor. Changes need a fresh sign-in, with a second factor if the
 * administrator has one. One user's factors: {@link UserSecondFactorsResource}.
 */
@Path("api/admin")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SecondFactorsAdminResource {

    @Inject
    SecondFactors factors;

    @Inject
    SecondFactorPolicy policy;

    @Inject
    JsonWebToken jwt;

    /** Who has which second factors: {@code {"alice": ["totp"], "bob": ["passkey"]}}. */
    @GET
    @Path("second-factors")
    public Map<String, List<String>> byUser() {
        return factors.byUser();
    }

    @GET
    @Path("second-factor-policy")
    public SecondFactorPolicy.Roles policy() {
        return policy.roles();
    }

    /** Replaces the roles an administrator requires a second factor of. */
    @PUT
    @FreshLogin
    @Path("second-factor-policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public SecondFactorPolicy.Roles switchOn(PolicyChange change) {
        policy.switchOn(Set.copyOf(change.roles()), jwt.getName());
        return policy.roles();
    }

    private User user(String username) {
        return factors.named(username).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such user."));
    }
}
