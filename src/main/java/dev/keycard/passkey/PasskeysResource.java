package dev.keycard.passkey;

import dev.keycard.FreshLogin;
import dev.keycard.RoleName;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/me/passkeys}: the caller's passkeys: adding one, naming, listing and removing them. */
@Path("api/me/passkeys")
@RequestScoped
@DenyAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class PasskeysResource {

    private static final String NOT_YOURS = "You have no passkey with this id.";

    @Inject
    Passkeys passkeys;

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed({"user", "admin", RoleName.ENROLMENT})
    public List<PasskeyView> list() {
        return passkeys.list(jwt.getSubject());
    }

    /** Options for {@code navigator.credentials.create()}; their challenge is good for one response. */
    @POST
    @FreshLogin
    @Path("options")
    @RolesAllowed({"user", "admin", RoleName.ENROLMENT})
    public CreationOptions options() {
        return passkeys.startRegistration(jwt.getSubject());
    }

    /**
     * Adding a way to sign in needs a fresh sign-in, made with the second factor the user already
     * has, if any; every other session of the user then ends (whoever opened one may have known the
     * password alone).
     */
    @POST
    @FreshLogin
    @RolesAllowed({"user", "admin", RoleName.ENROLMENT})
    public Response add(NewPasskey request) {
        return Response.status(Response.Status.CREATED)
                .entity(passkeys.finishRegistration(
                        jwt.getSubject(), request.name(), request.credential().toString(), jwt.getClaim("sid")))
                .build();
    }

    @PATCH
    @Path("{id}")
    @RolesAllowed({"user", "admin", RoleName.ENROLMENT})
    public void rename(@PathParam("id") String id, PasskeyName request) {
        if (!passkeys.rename(jwt.getSubject(), id, request.name())) {
            throw new ProblemException(ProblemType.NOT_FOUND, NOT_YOURS);
        }
    }

    /** Removing a way to sign in needs a recent sign-in, as a password change does. */
    @DELETE
    @Path("{id}")
    @FreshLogin
    @RolesAllowed({"user", "admin", RoleName.ENROLMENT})
    public void remove(@PathParam("id") String id) {
        if (!passkeys.remove(jwt.getSubject(), id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, NOT_YOURS);
        }
    }
}
