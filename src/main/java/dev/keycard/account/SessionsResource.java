package dev.keycard.account;

import dev.keycard.auth.SignIns;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.token.Sessions;
import dev.keycard.token.TokenFamily;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/me/sessions}: the caller's signed-in devices, and signing one of them out. */
@Path("api/me/sessions")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SessionsResource {

    @Inject
    Sessions sessions;

    @Inject
    JsonWebToken jwt;

    @Inject
    SignIns signIns;

    @GET
    @RolesAllowed({"user", "admin"})
    public List<Session> list() {
        String current = jwt.getClaim("sid");
        return sessions.live(jwt.getSubject()).stream()
                .map(f -> Session.of(f, current))
                .toList();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({"user", "admin"})
    public void end(@PathParam("id") String id) {
        if (!signIns.endSession(jwt.getName(), jwt.getSubject(), id)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "You have no live session with this id.");
        }
    }

    public record Session(
            String id, Instant created, Instant lastUsed, String userAgent, String clientAddress, boolean current) {

        static Session of(TokenFamily family, String current) {
            return new Session(
                    family.id(),
                    family.createdAt(),
                    family.lastUsedAt(),
                    family.userAgent(),
                    family.clientAddress(),
                    family.id().equals(current));
        }
    }
}
