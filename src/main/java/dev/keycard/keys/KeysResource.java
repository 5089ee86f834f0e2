package dev.keycard.keys;

import dev.keycard.JsonFormat;
import dev.keycard.problem.ProblemException;
import dev.keycard.problem.ProblemType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/keys}: the signing keys with their states and times, and rotation on demand. */
@Path("api/admin/keys")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class KeysResource {

    @Inject
    SigningKeys keys;

    @Inject
    JsonWebToken caller;

    @GET
    public List<SigningKeys.KeyInfo> list() {
        return keys.list();
    }

    /** 202: the new key is published now and signs after the publish-ahead time. */
    @POST
    @Path("rotate")
    @Consumes(MediaType.WILDCARD)
    public Response rotate() {
        String kid = keys.rotate(caller.getName(), caller.getSubject())
                .orElseThrow(() -> new ProblemException(
                        ProblemType.CONFLICT,
                        "The signing key comes from keycard.keys.location: rotate it by replacing that file."));
        return Response.accepted(JsonFormat.object().add("kid", kid).build().toString())
                .build();
    }
}
