package dev.keycard.client;

import dev.keycard.FreshLogin;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/admin/clients}: service clients (machine-to-machine tokens) and applications that sign
 * users in through Keycard. Secrets are shown once.
 */
@Path("api/admin/clients")
@RequestScoped
@RolesAllowed("admin")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ClientsResource {

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
    @FreshLogin
    public Response register(NewClient request) {
        ServiceClients.Registered registered = clients.register(request)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.CONFLICT, "A client '" + request.clientId() + "' already exists."));
        return Response.created(
                        uri.getAbsolutePathBuilder().path(request.clientId()).build())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(ClientView.of(registered))
                .build();
    }

    @PATCH
    @Path("{id}")
    @FreshLogin
    public ClientView update(@PathParam("id") String id, ClientChanges changes) {
        ServiceClients.Change change = clients.update(id, changes).orElseThrow(ClientsResource::notFound);
        if (change instanceof ServiceClients.Contradictory contradictory) {
            throw new ConstraintViolationException(contradictory.violations());
        }
        return ClientView.of(((ServiceClients.Changed) change).client());
    }

    /** A new secret, shown once; the old one stops working at once. A public client has none: 409. */
    @POST
    @Path("{id}/secret")
    @Consumes(MediaType.WILDCARD)
    @FreshLogin
    public Response rotateSecret(@PathParam("id") String id) {
        if (clients.find(id).filter(ServiceClient::isPublic).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A public client has no secret to rotate.");
        }
        return Response.ok(ClientView.of(clients.rotateSecret(id).orElseThrow(ClientsResource::notFound)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @DELETE
    @Path("{id}")
    @FreshLogin
    public Response delete(@PathParam("id") String id) {
        if (!clients.delete(id)) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no such client.");
    }
}
