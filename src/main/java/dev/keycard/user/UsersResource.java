package dev.keycard.user;

import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /api/admin/users}: the user store, for administrators. */
@Path("api/admin/users")
@RequestScoped
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserAccounts accounts;

    @Context
    UriInfo uri;

    @GET
    public List<UserView> list() {
        return accounts.all().stream().map(UserView::of).toList();
    }

    @POST
    public Response create(JsonValue body) {
        NewUser request = NewUser.from(body);
        User user = accounts.create(request).orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                "A user named '" + request.username().value() + "' already exists."));
        return Response.created(uri.getAbsolutePathBuilder().path(user.username()).build())
                .entity(UserView.of(user))
                .build();
    }
}
