package dev.keycard.user;

import dev.keycard.FreshLogin;
import dev.keycard.password.PasswordPolicy;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/users}: the user store, for administrators. */
@Path("api/admin/users")
@RequestScoped
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class UsersResource {

    @Inject
    UserAccounts accounts;

    @Inject
    PasswordPolicy passwords;

    @Context
    UriInfo uri;

    /** Users whose name contains {@code q}, by name, a page at a time; the total is in {@code X-Total-Count}. */
    @GET
    public Response list(
            @QueryParam("q") @DefaultValue("") String q,
            @QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size) {
        UserSearch search = UserSearch.of(q, page, size);
        List<UserView> users = accounts.page(search).stream().map(UserView::of).toList();
        return Response.ok(users)
                .header("X-Total-Count", accounts.count(search))
                .build();
    }

    @POST
    @FreshLogin
    public Response create(NewUser request) {
        passwords.requireUnguessable(request.password(), request.name().value(), "password");
        // A name is held by one store: no local account under a directory person's name.
        if (accounts.heldByDirectory(request.name())) {
            throw taken(request);
        }
        User user = accounts.create(request).orElseThrow(() -> taken(request));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(user.username()).build())
                .entity(UserView.of(user))
                .build();
    }

    @GET
    @Path("{username}")
    public UserView get(@PathParam("username") String username) {
        return accounts.find(name(username)).map(UserView::of).orElseThrow(UsersResource::notFound);
    }

    /** Disabling signs the user out everywhere. */
    @PATCH
    @Path("{username}")
    @FreshLogin
    public UserView update(@PathParam("username") String username, UserChanges changes) {
        check(accounts.update(name(username), changes));
        return get(username);
    }

    @DELETE
    @Path("{username}")
    @FreshLogin
    public Response delete(@PathParam("username") String username) {
        check(accounts.delete(name(username)));
        return Response.noContent().build();
    }

    static void check(UserAccounts.Change change) {
        switch (change) {
            case DONE -> {}
            case NO_SUCH_USER -> throw notFound();
            case LAST_ADMIN ->
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "This is the last enabled local administrator: it cannot be disabled, demoted or"
                                + " deleted (directory administrators do not count: a directory outage or group"
                                + " change must not leave Keycard without one).");
            case DIRECTORY_MANAGED ->
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "This user comes from the directory: their password, roles and profile are changed there"
                                + " (Keycard takes them at every sign-in and refresh). Only enabled can be set here.");
        }
    }

    static Username name(String raw) {
        return Username.parse(raw).orElseThrow(UsersResource::notFound);
    }

    private static ProblemException taken(NewUser request) {
        return new ProblemException(
                ProblemType.CONFLICT,
                "A user named '" + request.name().value() + "' already exists, in Keycard or in the directory.");
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no such user.");
    }
}
