package dev.keycard.account;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/me}: who the bearer token says the caller is (Flask-JWT-Extended's get_jwt_identity). */
@Path("api/me")
@RequestScoped
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class MeResource {

    @Inject
    JsonWebToken jwt;

    @GET
    @RolesAllowed({"user", "admin"})
    public Me me() {
        return new Me(
                jwt.getName(),
                jwt.getSubject(),
                List.copyOf(new TreeSet<>(jwt.getGroups())),
                Instant.ofEpochSecond(jwt.getIssuedAtTime()),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    public record Me(String username, String subject, List<String> roles, Instant issuedAt, Instant expiresAt) {}
}
