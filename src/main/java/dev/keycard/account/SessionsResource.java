package dev.keycard.account;

import dev.keycard.auth.SignIns;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.sso.SsoSession;
import dev.keycard.sso.SsoSessions;
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
import java.util.ArrayList;
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

    @Inject
    SsoSessions ssoSessions;

    @GET
    @RolesAllowed({"user", "admin"})
    public List<Session> list() {
        String current = jwt.getClaim("sid");
        List<Session> all = new ArrayList<>();
        ssoSessions.live(jwt.getSubject(), Instant.now()).forEach(s -> all.add(Session.of(s)));
        sessions.live(jwt.getSubject()).forEach(f -> all.add(Session.of(f, current)));
        return all;
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({"user", "admin"})
    public void end(@PathParam("id") String id) {
        if (!signIns.endSession(jwt.getName(), jwt.getSubject(), id)
                && !ssoSessions.end(id, jwt.getSubject(), "ended by the user from the session list")) {
            throw new ProblemException(ProblemType.NOT_FOUND, "You have no live session with this id.");
        }
    }

    /**
     * A signed-in device: {@code kind} {@code tokens} for a login's token family (Keycard's own, or
     * an application's, which {@code client_id} names), {@code sso} for a browser's SSO session.
     */
    public record Session(
            String id,
            String kind,
            String clientId,
            Instant created,
            Instant lastUsed,
            String userAgent,
            String clientAddress,
            boolean current) {

        static Session of(TokenFamily family, String current) {
            return new Session(
                    family.id(),
                    "tokens",
                    family.clientId(),
                    family.createdAt(),
                    family.lastUsedAt(),
                    family.userAgent(),
                    family.clientAddress(),
                    family.id().equals(current));
        }

        static Session of(SsoSession session) {
            return new Session(
                    session.id(),
                    "sso",
                    null,
                    session.authTime(),
                    session.lastUsedAt(),
                    session.userAgent(),
                    session.clientAddress(),
                    false);
        }
    }
}
