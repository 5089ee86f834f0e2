package dev.keycard.user;

import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import dev.keycard.problem.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/users}: the user store, for administrators. */
@Path("api/admin/users")
@RequestScoped
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class UsersResource {

    static final int MAX_PAGE = 200;

    @Inject
    UserAccounts accounts;

    @Context
    UriInfo uri;

    /**
     * Users whose name contains {@code q}, by name, one page at a time ({@code page} from 0,
     * {@code size} up to 200). The total is in {@code X-Total-Count}.
     */
    @GET
    public Response list(@QueryParam("q") @DefaultValue("") String q, @QueryParam("page") @DefaultValue("0") String page,
                         @QueryParam("size") @DefaultValue("50") String size) {
        int from = QueryParameters.wholeNumber(page, "page");
        int count = QueryParameters.wholeNumber(size, "size");
        if (from < 0 || count < 1 || count > MAX_PAGE || (long) from * count > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("page must be 0 or more (and not absurdly far) and size 1 to " + MAX_PAGE + ".");
        }
        if (q.length() > Username.MAX_LENGTH) {
            throw ProblemException.badRequest("q must be at most " + Username.MAX_LENGTH + " characters.");
        }
        String query = q.toLowerCase(Locale.ROOT);
        List<UserView> users = accounts.page(query, from, count).stream().map(UserView::of).toList();
        return Response.ok(users).header("X-Total-Count", accounts.count(query)).build();
    }

    @POST
    public Response create(@Valid @NotNull NewUser request) {
        User user = accounts.create(request).orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                "A user named '" + request.name().value() + "' already exists."));
        return Response.created(uri.getAbsolutePathBuilder().path(user.username()).build()).entity(UserView.of(user)).build();
    }

    @GET
    @Path("{username}")
    public UserView get(@PathParam("username") String username) {
        return accounts.find(name(username)).map(UserView::of).orElseThrow(UsersResource::notFound);
    }

    /** Disabling signs the user out everywhere. */
    @PATCH
    @Path("{username}")
    public UserView update(@PathParam("username") String username, @Valid @NotNull UserChanges changes) {
        check(accounts.update(name(username), changes));
        return get(username);
    }

    /** An administrator's reset, which signs the user out everywhere. */
    @POST
    @Path("{username}/password")
    public Response resetPassword(@PathParam("username") String username, @Valid @NotNull NewPassword request) {
        check(accounts.resetPassword(name(username), request.password()));
        return Response.noContent().build();
    }

    /** Lifts a lock from too many failed logins. */
    @POST
    @Path("{username}/unlock")
    @Consumes(MediaType.WILDCARD)
    public Response unlock(@PathParam("username") String username) {
        check(accounts.unlock(name(username)));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        check(accounts.delete(name(username)));
        return Response.noContent().build();
    }

    private static void check(UserAccounts.Change change) {
        switch (change) {
            case DONE -> { }
            case NO_SUCH_USER -> throw notFound();
            case LAST_ADMIN -> throw new ProblemException(ProblemType.CONFLICT,
                    "This is the last enabled administrator: it cannot be disabled, demoted or deleted.");
        }
    }

    private static Username name(String raw) {
        return Username.parse(raw).orElseThrow(UsersResource::notFound);
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no such user.");
    }
}
