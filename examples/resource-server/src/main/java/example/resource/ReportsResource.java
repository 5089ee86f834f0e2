package example.resource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A service's own endpoint, open to anyone Keycard says has the {@code user} role. */
@Path("reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    @Inject
    JsonWebToken caller;

    @GET
    @RolesAllowed("user")
    public Reports reports() {
        return new Reports(
                caller.getName(), List.copyOf(new TreeSet<>(caller.getGroups())), caller.getClaim("client_id"));
    }

    public record Reports(String caller, List<String> roles, String clientId) {}
}
