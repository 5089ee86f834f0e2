package dev.keycard.user;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    @Inject
    PasswordPolicy policy;

    @Context
    UriInfo uri;

    /**
     * Users whose name contains {@code q}, by name, one page at a time ({@code page} from 0,
     * {@code size} up to 200). The total is in {@code X-Total-Count}.
     */
    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("page") @DefaultValue("0") String pageText,
                         @QueryParam("size") @DefaultValue("50") String sizeText) {
        int page = number(pageText, "page");
        int size = number(sizeText, "size");
        if (page < 0 || size < 1 || size > MAX_PAGE || (long) page * size > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("page must be 0 or more (and not absurdly far) and size 1 to "
                    + MAX_PAGE + ".");
        }
        String query = q == null ? "" : q.toLowerCase(java.util.Locale.ROOT);
        if (query.length() > Username.MAX_LENGTH) {
            throw ProblemException.badRequest("q must be at most " + Username.MAX_LENGTH + " characters.");
        }
        List<UserView> users = accounts.page(query, page, size).stream().map(UserView::of).toList();
        return Response.ok(users).header("X-Total-Count", accounts.count(query)).build();
    }

    /** Lifts a lock from too many failed logins. */
    @POST
    @Path("{username}/unlock")
    @Consumes(MediaType.WILDCARD)
    public Response unlock(@PathParam("username") String username) {
        check(accounts.unlock(name(username)));
        return Response.noContent().build();
    }

    @GET
    @Path("{username}")
    public UserView get(@PathParam("username") String username) {
        return accounts.find(name(username)).map(UserView::of).orElseThrow(UsersResource::notFound);
    }

    /** {@code {"enabled": false}} and/or {@code {"roles": [...]}}; disabling signs the user out everywhere. */
    @PATCH
    @Path("{username}")
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "enabled", type = SchemaType.BOOLEAN),
                    @SchemaProperty(name = "roles", type = SchemaType.ARRAY, description = "user, admin"),
                    @SchemaProperty(name = "attributes", type = SchemaType.OBJECT, description = "extra string claims for the user's tokens")})))
    public UserView update(@PathParam("username") String username, JsonValue body) {
        JsonObject object = object(body);
        Boolean enabled = object.containsKey("enabled") ? NewUser.enabled(object) : null;
        Set<String> roles = object.containsKey("roles") ? NewUser.roles(object) : null;
        Map<String, String> attributes = object.containsKey("attributes") ? NewUser.attributes(object) : null;
        Username name = name(username);
        check(accounts.update(name, enabled, roles, attributes));
        return get(name.value());
    }

    /** {@code {"password": "..."}}: an administrator's reset, which signs the user out everywhere. */
    @POST
    @Path("{username}/password")
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"password"}, properties = {
                    @SchemaProperty(name = "password", type = SchemaType.STRING)})))
    public Response resetPassword(@PathParam("username") String username, JsonValue body) {
        String password = NewUser.string(object(body), "password");
        policy.require(password, "password");
        check(accounts.resetPassword(name(username), password));
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

    /** Query numbers are parsed here: JAX-RS would answer a non-number with 404. */
    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a whole number.");
        }
    }

    private static Username name(String raw) {
        return Username.parse(raw).orElseThrow(UsersResource::notFound);
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no such user.");
    }

    private static JsonObject object(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object.");
        }
        return body.asJsonObject();
    }

    @POST
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"username", "password"}, properties = {
                    @SchemaProperty(name = "username", type = SchemaType.STRING),
                    @SchemaProperty(name = "password", type = SchemaType.STRING),
                    @SchemaProperty(name = "roles", type = SchemaType.ARRAY, description = "user, admin"),
                    @SchemaProperty(name = "enabled", type = SchemaType.BOOLEAN)})))
    public Response create(JsonValue body) {
        NewUser request = NewUser.from(body);
        policy.require(request.password(), "password");
        User user = accounts.create(request).orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                "A user named '" + request.username().value() + "' already exists."));
        return Response.created(uri.getAbsolutePathBuilder().path(user.username()).build())
                .entity(UserView.of(user))
                .build();
    }
}
