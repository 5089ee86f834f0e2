package dev.keycard.client;

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
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** {@code /api/admin/clients}: service clients for machine-to-machine tokens. Secrets are shown once. */
@Path("api/admin/clients")
@RequestScoped
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ClientsResource {

    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    @Inject
    ServiceClients clients;

    @Context
    UriInfo uri;

    @GET
    public List<ClientView> list() {
        return clients.all().stream().map(ClientView::of).toList();
    }

    @GET
    @Path("{id}")
    public ClientView get(@PathParam("id") String id) {
        return clients.find(id).map(ClientView::of).orElseThrow(ClientsResource::notFound);
    }

    /** 201 with the generated {@code client_secret}: the only time it is ever shown. */
    @POST
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT, requiredProperties = {"client_id"}, properties = {
                    @SchemaProperty(name = "client_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "roles", type = SchemaType.ARRAY, description = "user, admin")})))
    public Response register(JsonValue body) {
        JsonObject object = object(body);
        JsonValue idValue = object.get("client_id");
        String id = idValue instanceof JsonString s ? s.getString() : null;
        if (id == null || !CLIENT_ID.matcher(id).matches()) {
            throw ProblemException.badRequest("client_id is required: 1 to 64 of A-Z, a-z, 0-9, '.', '_' or '-'.");
        }
        ServiceClients.Registered registered = clients.register(id, roles(object, Set.of()))
                .orElseThrow(() -> new ProblemException(ProblemType.CONFLICT, "A client '" + id + "' already exists."));
        return Response.created(uri.getAbsolutePathBuilder().path(id).build())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(WithSecret.of(registered))
                .build();
    }

    @PATCH
    @Path("{id}")
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT, properties = {
                    @SchemaProperty(name = "enabled", type = SchemaType.BOOLEAN),
                    @SchemaProperty(name = "roles", type = SchemaType.ARRAY, description = "user, admin")})))
    public ClientView update(@PathParam("id") String id, JsonValue body) {
        JsonObject object = object(body);
        Boolean enabled = null;
        if (object.containsKey("enabled")) {
            JsonValue value = object.get("enabled");
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw ProblemException.badRequest("enabled must be true or false.");
            }
            enabled = value == JsonValue.TRUE;
        }
        Set<String> roles = object.containsKey("roles") ? roles(object, null) : null;
        return clients.update(id, enabled, roles).map(ClientView::of).orElseThrow(ClientsResource::notFound);
    }

    /** A new secret, shown once; the old one stops working at once. */
    @POST
    @Path("{id}/secret")
    @Consumes(MediaType.WILDCARD)
    public Response rotateSecret(@PathParam("id") String id) {
        return Response.ok(WithSecret.of(clients.rotateSecret(id).orElseThrow(ClientsResource::notFound)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!clients.delete(id)) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    private static Set<String> roles(JsonObject object, Set<String> absent) {
        JsonValue value = object.getOrDefault("roles", JsonValue.NULL);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (absent == null) {
                throw ProblemException.badRequest("roles must be an array of role names.");
            }
            return absent;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ProblemException.badRequest("roles must be an array of role names.");
        }
        Set<String> roles = new TreeSet<>();
        for (JsonValue role : (JsonArray) value) {
            if (!(role instanceof JsonString name) || !ROLE.matcher(name.getString()).matches()) {
                throw ProblemException.badRequest("roles: each role is 1 to 32 characters of a-z, 0-9, '_' or '-', "
                        + "starting with a letter.");
            }
            roles.add(name.getString());
        }
        return roles;
    }

    private static JsonObject object(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.badRequest("The request body must be a JSON object.");
        }
        return body.asJsonObject();
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no such client.");
    }

    public record ClientView(String clientId, List<String> roles, boolean enabled, Instant created) {
        static ClientView of(ServiceClient client) {
            return new ClientView(client.clientId(), List.copyOf(client.roles()), client.enabled(), client.createdAt());
        }
    }

    public record WithSecret(String clientId, String clientSecret, List<String> roles, boolean enabled, Instant created) {
        static WithSecret of(ServiceClients.Registered registered) {
            ServiceClient client = registered.client();
            return new WithSecret(client.clientId(), registered.secret(), List.copyOf(client.roles()), client.enabled(),
                    client.createdAt());
        }
    }
}
